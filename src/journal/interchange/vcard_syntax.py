"""The vCard line syntax shared by the reader and the writer: properties, parameters, escapes.

A content line is `[group.]NAME[;PARAM[=VALUE[,VALUE]]]...:VALUE`. vCard 2.1 also allows bare
parameters (`TEL;WORK;VOICE:...`, `;QUOTED-PRINTABLE`); 3.0 and 4.0 write `TYPE=work,voice`
and may quote a parameter value (`LABEL="1 Main St; Springfield"`).
"""

from __future__ import annotations

import re

# Bare 2.1 parameters that name an encoding rather than a type.
BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_NAME = re.compile(r"^[A-Za-z0-9-]+$")
Params = dict[str, list[str]]
# (group, NAME in upper case, the parameters as written, the value still encoded)
Parts = tuple[str, str, str, str]

# Names seen in nearly every card (upper case): well-formed, so the pattern check is skipped.
COMMON_NAMES = frozenset(
    {"BEGIN", "END", "VERSION", "FN", "N", "UID", "ORG", "TITLE", "EMAIL", "TEL", "URL", "ADR"}
    | {"NOTE", "CATEGORIES", "BDAY", "NICKNAME", "PHOTO", "REV", "PRODID", "X-ABLABEL"}
)


def split_line(text: str) -> Parts | None:
    """The parts of a content line, or None when it is not one."""
    head, colon, value = text.partition(":")
    if not colon:
        return None
    if '"' in head:
        return _split_quoted(text)
    name, _semi, params = head.partition(";")
    group = ""
    dot = name.find(".")
    if dot >= 0:
        group = name[:dot]
        name = name[dot + 1 :]
        if not _NAME.match(group):
            return None
    upper = name.upper()
    if upper not in COMMON_NAMES and not _NAME.match(name):
        return None
    return group, upper, params, value


def _split_quoted(text: str) -> Parts | None:
    """A line whose parameters hold quotes, inside which ':' and ';' are plain characters."""
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head = text[:index]
            name, _semi, params = head.partition(";")
            group = ""
            if "." in name:
                group, name = name.split(".", 1)
            if not _NAME.match(name) or (group and not _NAME.match(group)):
                return None
            return group, name.upper(), params, text[index + 1 :]
    return None


_EMPTY: Params = {}
_PARSED: dict[str, Params] = {}


def params(raw: str) -> Params:
    """The parameters written between a name and its colon (`TYPE=work,voice;PREF=1`).

    A file repeats the same few parameter lists thousands of times, so each is parsed once.
    The result is shared: callers must not change it.
    """
    if not raw:
        return _EMPTY
    found = _PARSED.get(raw)
    if found is None:
        found = parse_params(raw)
        if len(_PARSED) < 2000:  # bounded: a fuzzed file must not grow it without end
            _PARSED[raw] = found
    return found


def parse_params(raw: str) -> Params:
    """The parameters of a content line from the text between its name and the colon."""
    if not raw:
        return _EMPTY
    if '"' not in raw:
        return _params(raw.split(";"))
    parts = [m.group(0) for m in _PARAM_PART.finditer(raw)]
    return _params(parts)


# One parameter: anything up to the next semicolon, quoted stretches included.
_PARAM_PART = re.compile(r'(?:"[^"]*"|[^;"])+')


def _params(parts: list[str]) -> Params:
    params: Params = {}
    for part in parts:
        part = part.strip()
        if not part:
            continue
        eq = part.find("=")
        if eq < 0:
            upper = part.upper()
            key = "ENCODING" if upper in BARE_ENCODINGS else "TYPE"
            params.setdefault(key, []).append(part)
            continue
        key = part[:eq].strip().upper()
        raw = part[eq + 1 :]
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2 and key != "TYPE":
            params.setdefault(key, []).append(raw[1:-1])
            continue
        values = [v.strip().strip('"') for v in raw.split(",")]
        params.setdefault(key, []).extend(v for v in values if v)
    return params


_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
# A separator is escaped when an odd number of backslashes comes before it.
_SEPARATORS = {sep: re.compile(r"(?<!\\)(?:\\\\)*" + re.escape(sep)) for sep in ";,"}


def _unescaped(match: re.Match[str]) -> str:
    char = match.group(1)
    return "\n" if char in "nN" else char


def unescape(value: str) -> str:
    """A text value with its backslash escapes resolved (\\n, \\N, \\, \\; \\\\ and \\:)."""
    if "\\" not in value:
        return value
    return _ESCAPED.sub(_unescaped, value)


def split_escaped(value: str, separator: str, *, resolve: bool = True) -> list[str]:
    """Split a structured or list value on separators that are not escaped.

    The parts come unescaped, unless `resolve` is False (to split them again on another
    separator: a structured name's parts may each be a comma-separated list).
    """
    if "\\" not in value:
        return value.split(separator)
    parts: list[str] = []
    start = 0
    for match in _SEPARATORS[separator].finditer(value):
        parts.append(value[start : match.end() - 1])
        start = match.end()
    parts.append(value[start:])
    return [_ESCAPED.sub(_unescaped, p) for p in parts] if resolve else parts


def escape(value: str) -> str:
    """A text value escaped for 3.0 and 4.0 (newlines as \\n)."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str, limit: int = 75) -> str:
    """A content line folded into CRLF-ended lines of at most `limit` octets of UTF-8.

    Folds never split a character (a UTF-8 sequence stays on one line).
    """
    if len(line) <= limit // 4 or len(line.encode("utf-8")) <= limit:
        return line + "\r\n"
    if line.isascii():  # one byte a character: slice (a photo can be megabytes long)
        pieces = [line[:limit]]
        pieces += [" " + line[i : i + limit - 1] for i in range(limit, len(line), limit - 1)]
        return "\r\n".join(pieces) + "\r\n"
    out: list[str] = []
    current: list[str] = []
    size = 0
    room = limit
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > room:
            out.append("".join(current))
            current = [" "]
            size = 1
            room = limit
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out) + "\r\n"
