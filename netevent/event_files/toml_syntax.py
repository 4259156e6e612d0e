"""TOML syntax trouble, as one located line: tomllib's own errors reworded with what to do, and nesting too deep.

tomllib recurses once per nesting level, so a file nested hundreds deep is refused by a scan before it is parsed.
"""

from __future__ import annotations

import re
import tomllib

from netevent.event_files.load import Problem
from netevent.event_files.toml_lines import Locator

_TUPLE = re.compile(r"\(((?:'[^']*',? ?)+)\)")  # tomllib names tables as ('attendee', 'x')
_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")

# Hints for tomllib's commonest complaints, keyed by the start of its message.
_SYNTAX_HINTS = (
    ("Expected newline or end of document", "one key = value per line; times need seconds, like 07:00:00"),
    ("Invalid value", 'put text in double quotes ("…"), dates as 2026-11-26 and times as 07:00:00'),
    ("Expected '=' after a key", "each line needs key = value; put text values in double quotes"),
    ("Cannot overwrite a value", "a key appears twice in the same table: keep one of them"),
    ("Cannot declare", "a table or key is defined twice: keep one (use [[attendee]] for each person)"),
    ("Unclosed", "close the quote or bracket that opens on this line"),
    ("Illegal character", "remove the stray character or put the text in double quotes"),
    ("Invalid statement", "each line should be key = value, a [table] header or a comment starting with #"),
    ("Invalid initial character for a key part", "keys are plain words like name = …; check for a stray character"),
)


def syntax_problem(exc: tomllib.TOMLDecodeError, shown: str, locator: Locator) -> Problem:
    """tomllib's message, as one line with the position and what to do."""
    message = str(exc)
    line: int | None = None
    where = ""
    match = _AT.search(message)
    if match:
        line, where = int(match.group(1)), f" at column {match.group(2)}"
        message = message[: match.start()]
    elif _AT_END.search(message):
        message, where = _AT_END.sub("", message), " at the end of the file"
    hint = next((h for start, h in _SYNTAX_HINTS if message.startswith(start)), "fix the TOML syntax on this line")
    if message.startswith(("Cannot overwrite", "Cannot declare")):
        repeat = locator.first_repeat()
        if repeat:
            line, where, message = repeat[0], "", f"{repeat[1]} is defined twice"
    message = _TUPLE.sub(lambda m: "[" + ".".join(re.findall(r"'([^']*)'", m.group(1))) + "]", message)
    text = message[:1].lower() + message[1:]
    return Problem(shown, line, f"TOML syntax error{where}: {text}; {hint}")


MAX_DEPTH = 32  # an event file nests two levels; tomllib recursed into a RecursionError near 800


_SIGNIFICANT = re.compile(r"""\"\"\"|'''|\\.|["'#\[\]{}\n]""")


def too_deep(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The line where brackets and braces nest deeper than `limit` (strings and comments skipped), else None."""
    depth, line, quote, comment = 0, 1, "", False
    for match in _SIGNIFICANT.finditer(text):
        token = match.group()
        if token == "\n":
            line, comment = line + 1, False
            if quote in ('"', "'"):
                quote = ""  # a one-line string never spans lines (tomllib reports it)
        elif comment or (token[0] == "\\" and quote in ('"', '"""')):
            continue  # an escape inside a basic string
        elif quote:
            if token == quote or (token[0] == "\\" and token[1:] == quote):
                quote = ""  # a literal string ends at its quote (a backslash is no escape there)
        elif token in ('"', "'", '"""', "'''"):
            quote = token
        elif token == "#":
            comment = True
        elif token in ("[", "{"):
            depth += 1
            if depth > limit:
                return line
        elif token in ("]", "}"):
            depth = max(0, depth - 1)
    return None


def deep_problem(shown: str, line: int | None) -> Problem:
    return Problem(
        shown,
        line,
        f"lists or tables nest more than {MAX_DEPTH} levels deep here; an event file needs two "
        '([[attendee]] and sphere = ["…"]): close the brackets or remove the extra ones',
    )
