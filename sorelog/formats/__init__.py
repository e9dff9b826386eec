"""Export files, pure: the columns, writing CSV and JSON, reading and checking them back."""
