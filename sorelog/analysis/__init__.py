"""Pure clinical rules: episodes, trends and flags. No clock, no database, no config file."""
