"""Where things are in an event file's text: tomllib gives values, not lines, and a problem must name its line."""

from __future__ import annotations

import re

_HEADER = re.compile(r"""^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$""")
_KEY = re.compile(r"""^\s*["']?([A-Za-z0-9_\-]+)["']?\s*=""")


class Locator:
    """Finds the line of a key inside the n-th occurrence of a table, by scanning the text once."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: list[tuple[str, int]] = []  # (dotted table name, 1-based line)
        in_string: str | None = None
        for number, line in enumerate(self.lines, start=1):
            if in_string is None:
                match = _HEADER.match(line)
                if match:
                    name = ".".join(part.strip().strip("\"'") for part in match.group(2).split("."))
                    self.headers.append((name, number))
            for quote in ('"""', "'''"):
                if (in_string is None or in_string == quote) and line.count(quote) % 2 == 1:
                    in_string = None if in_string else quote

    def header_line(self, table: str, index: int = 0) -> int | None:
        seen = [number for name, number in self.headers if name == table]
        return seen[index] if index < len(seen) else None

    def top_line(self, key: str) -> int | None:
        """Where a top-level name appears: its first table header, else a top-level `key =` line."""
        for name, number in self.headers:
            if name.split(".")[0] == key:
                return number
        end = self.headers[0][1] - 1 if self.headers else len(self.lines)
        return self._find_key(key, 0, end)

    def key_line(self, table: str, index: int, key: str) -> int | None:
        """The line of `key = …` in the index-th `[table]`/`[[table]]`, else that header's line."""
        start = self.header_line(table, index)
        if start is None:
            return self.top_line(table)
        later = [number for _, number in self.headers if number > start]
        end = later[0] - 1 if later else len(self.lines)
        found = self._find_key(key, start, end)
        if found is None:  # a sub-table such as [attendee.contact]
            found = self.header_line(f"{table}.{key}")
        return found or start

    def first_repeat(self) -> tuple[int, str] | None:
        """The first key or [table] defined twice (tomllib reports these at the end of the document)."""
        tables: set[str] = set()
        seen: set[str] = set()
        bounds = [number for _, number in self.headers]
        for number, line in enumerate(self.lines, start=1):
            if number in bounds:
                name = next(n for n, at in self.headers if at == number)
                if not line.lstrip().startswith("[[") and name in tables:
                    return number, f"[{name}]"
                tables.add(name)
                seen = set()
                continue
            match = _KEY.match(line)
            if match:
                if match.group(1) in seen:
                    return number, match.group(1)
                seen.add(match.group(1))
        return None

    def _find_key(self, key: str, start: int, end: int) -> int | None:
        pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*[=.]""")
        for number in range(start + 1, end + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return None
