"""The parser's mistakes in sorelog's words: one line saying what was wrong and what would
be right, the same as the mistakes sorelog's own checks find.

The parser (Typer's copy of Click) says "Invalid value for '--side'" or "No such option:
--grep (Possible options: --help)"; these are rewritten from the exception's own fields
(the parameter, its type, the option's name), and its message only where nothing else
says what was given.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from typer._click import exceptions as parser_errors
from typer._click.types import IntParamType, _NumberRangeBase

from sorelog.cli.help import shown_path

# Where the words typed after `sorelog` are kept for the hints below (Click's ctx.meta is
# shared by a command's context and its subcommands').
ARGV_KEY = "sorelog.argv"
HELP_OPTIONS = ("-h", "--help")
_DOSE_LIKE = re.compile(r"^[\d.,]+\s*[a-zA-Zµμ]+$")


def explain(exc: parser_errors.UsageError, argv: Sequence[str]) -> str:
    """The one line for a usage error the parser raised."""
    ctx = exc.ctx
    command = ctx.command_path if ctx is not None else ""
    see = see_help(command)
    if isinstance(exc, parser_errors.NoSuchOption):
        return _no_such_option(exc, command, see)
    if isinstance(exc, parser_errors.MissingParameter):
        return _missing(exc, see)
    if isinstance(exc, parser_errors.BadParameter):
        return _bad_value(exc, see)
    if isinstance(exc, parser_errors.BadOptionUsage) and "requires" in exc.message:
        return f"{exc.option_name} needs a value; {see}"
    message = exc.message
    if extra := re.match(
        r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)$", message, re.DOTALL
    ):
        return _extra(extra.group(1).split(" "), argv, ctx, command, see)
    if unknown := re.match(r"No such command '(.*?)'", message):
        return _no_such_command(unknown.group(1), ctx, see)
    if message.startswith("Missing command"):
        return f"{command.partition(' ')[2] or 'sorelog'} needs a command; {see}"
    return f"{_sentence(message)}; {see}"


def see_help(command: str) -> str:
    """ "see 'sorelog remedy add --help'" for the command path 'PROG remedy add'."""
    return f"see '{shown_path(command)} --help'"


def quoting_hint(stray: Sequence[str], argv: Sequence[str], command: Any) -> str | None:
    """How the value the `stray` words were cut from reads when quoted: "--dose '2 pills'"
    for `--dose 2 pills`, "'leg day'" for a NAME typed as `leg day`; None when the words
    follow no value (`sorelog report extra`) or cannot be found in `argv`. The longest run
    of the stray words found together in `argv` is the one quoted."""
    words = list(argv)
    for length in range(len(stray), 0, -1):
        run = list(stray[:length])
        for start in range(1, len(words) - length + 1):
            if words[start : start + length] == run:
                hint = _quoted_value(words, start, run, command)
                if hint is not None:
                    return hint
    return None


def _quoted_value(words: list[str], start: int, run: list[str], command: Any) -> str | None:
    before = words[start - 1]
    if before.startswith("-"):  # --dose=2 pills, or a flag: no value before the run
        option, equals, value = before.partition("=")
        return f"{option} {_quoted([value, *run])}" if equals and _takes(command, option) else None
    if start >= 2 and _takes(command, words[start - 2]):  # --dose 2 pills
        return f"{words[start - 2]} {_quoted([before, *run])}"
    if before == getattr(command, "name", None):  # the command's own name: no value
        return None
    return _quoted([before, *run])  # an argument: workout leg day


def _takes(command: Any, option: str) -> bool:
    for param in getattr(command, "params", ()):
        if option in getattr(param, "opts", ()) and param.param_type_name == "option":
            return not getattr(param, "is_flag", False) and not getattr(param, "count", False)
    return False


def _quoted(words: Sequence[str]) -> str:
    text = " ".join(words)
    return f'"{text}"' if "'" in text else f"'{text}'"


def _sentence(message: str) -> str:
    """The parser's sentence as a clause of sorelog's line: no capital, no full stop."""
    message = message.strip().rstrip(".")
    return message[:1].lower() + message[1:]


def _name(param: Any) -> str:
    """How the person types a parameter: its longest option, or an argument's METAVAR."""
    if param.param_type_name == "option":
        return str(max(param.opts, key=len))
    return str(param.metavar or (param.name or "").upper())


def _no_such_option(exc: parser_errors.NoSuchOption, command: str, see: str) -> str:
    name = exc.option_name
    if name == "--db":
        return "--db is a global option: put it before the command, as in sorelog --db PATH report"
    if re.match(r"-\d", name):
        if command.endswith(" add") and not command.endswith("remedy add"):
            return f"severity must be a whole number from 0 (none) to 10, not '{name}'"
        return f"'{name}' is read as an option; negative values are not accepted here ({see})"
    known = [o for p in getattr(exc.ctx and exc.ctx.command, "params", ()) for o in p.opts]
    close = difflib.get_close_matches(name, [o for o in known if o not in HELP_OPTIONS], 2, 0.7)
    if close:
        return f"no such option {name}; did you mean {' or '.join(close)}? ({see})"
    return f"no such option {name}; {see}"


def _no_such_command(name: str, ctx: Any, see: str) -> str:
    known = list(ctx.command.list_commands(ctx)) if ctx is not None else []
    close = difflib.get_close_matches(name, known, n=2)
    if close:
        return f"no such command '{name}'; did you mean {' or '.join(close)}? ({see})"
    return f"no such command '{name}'; {see}"


def _missing(exc: parser_errors.MissingParameter, see: str) -> str:
    param = exc.param
    if param is None:
        return f"{_sentence(exc.format_message())}; {see}"
    if param.param_type_name != "argument" or exc.ctx is None:
        return f"missing {_name(param)}; {see}"
    usage = " ".join(exc.ctx.command.collect_usage_pieces(exc.ctx))
    return f"missing {_name(param)}; usage: {shown_path(exc.ctx.command_path)} {usage}"


def _bad_value(exc: parser_errors.BadParameter, see: str) -> str:
    param = exc.param
    if param is None:
        return f"{_sentence(exc.format_message())}; {see}"
    name = _name(param)
    given = re.match(r"^'?(.*?)'? is not", exc.message, re.DOTALL)
    shown = f", not '{given.group(1)}'" if given else ""
    kind = param.type
    if choices := getattr(kind, "choices", None):
        names = [str(getattr(c, "value", c)) for c in choices]
        return f"{name} must be one of {', '.join(names)}{shown}"
    if isinstance(kind, _NumberRangeBase) and re.search(r"not in the range", exc.message):
        low, high = kind.min, kind.max
        if low is not None and high is not None:
            return f"{name} must be from {low} to {high}{shown}"
        if low is not None:
            return f"{name} must be {low} or more{shown}"
        return f"{name} must be {high} or less{shown}"
    if isinstance(kind, IntParamType):
        return f"{name} must be a whole number{shown}"
    return f"{name}: {_sentence(exc.message)}"


def _extra(extras: list[str], argv: Sequence[str], ctx: Any, command: str, see: str) -> str:
    shown = " ".join(extras)
    what = f"unexpected extra argument{'s' if len(extras) > 1 else ''} '{shown}'"
    hint = quoting_hint(extras, argv, ctx.command if ctx is not None else None)
    if hint is not None and hint.startswith("-"):
        return f"{what}; quote values that contain spaces, as in {hint}"
    if command.endswith("remedy add") and _DOSE_LIKE.match(extras[0]):
        return f"{what}; give a dose with --dose, as in --dose {extras[0]}"
    if hint is not None:
        return f"{what}; quote values that contain spaces, as in {hint}"
    return f"{what}; {see}"
