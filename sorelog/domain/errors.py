"""The one exception the CLI turns into a line on stderr and an exit status."""


class SorelogError(Exception):
    """A problem to report to the person, with the exit status to leave with."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(SorelogError):
    """Bad input from the person: a usage or validation error (exit status 2)."""

    exit_code = 2
