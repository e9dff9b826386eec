"""One function per use case: the store and the rules together, with no Typer or Rich."""
