"""sorelog: a command-line soreness journal."""

__version__ = "0.1.0"
