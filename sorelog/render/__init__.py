"""Output for people and programs: Rich tables and JSON documents, drawn from the same objects."""
