"""Tags as one line of text, for a field where they are typed comma-separated.

A tag may itself hold a comma ("Smith, Jones"; vCard and the command line keep it whole), so
such a tag is written in double quotes, and a double quote inside quotes is doubled, as in
CSV. Reading the text back gives the very same tags, so a form saved unchanged changes none.
"""

from __future__ import annotations

_QUOTE = '"'


def tags_as_text(tags: list[str]) -> str:
    """The tags comma-separated; one holding a comma or starting with a quote is quoted."""
    return ", ".join(_quoted(tag) if _needs_quotes(tag) else tag for tag in tags)


def _needs_quotes(tag: str) -> bool:
    return not tag or "," in tag or tag.startswith(_QUOTE) or tag != tag.strip()


def _quoted(tag: str) -> str:
    return _QUOTE + tag.replace(_QUOTE, _QUOTE * 2) + _QUOTE


def tags_from_text(text: str) -> list[str]:
    """The tags typed: split at commas outside double quotes; empty pieces between commas
    are dropped (a trailing comma is not a tag), but a quoted "" is kept for the core to
    refuse. A quote that is never closed runs to the end of the text."""
    tags: list[str] = []
    position = 0
    length = len(text)
    while position <= length:
        # Skip the blanks before a piece, to see whether it opens with a quote.
        while position < length and text[position].isspace():
            position += 1
        if position < length and text[position] == _QUOTE:
            tag, position = _read_quoted(text, position + 1)
            tags.append(tag)
            # Whatever follows the closing quote up to the next comma is kept with it.
            comma = text.find(",", position)
            end = length if comma < 0 else comma
            tags[-1] += text[position:end].rstrip()
            position = end + 1
            continue
        comma = text.find(",", position)
        end = length if comma < 0 else comma
        piece = text[position:end].strip()
        if piece:
            tags.append(piece)
        position = end + 1
    return tags


def _read_quoted(text: str, position: int) -> tuple[str, int]:
    """The quoted text from just after its opening quote, and where reading stopped."""
    out: list[str] = []
    length = len(text)
    while position < length:
        char = text[position]
        if char == _QUOTE:
            if text.startswith(_QUOTE * 2, position):
                out.append(_QUOTE)
                position += 2
                continue
            return "".join(out), position + 1
        out.append(char)
        position += 1
    return "".join(out), length


def _tag_bounds(text: str, cursor: int) -> tuple[int, int]:
    """Where the tag holding the cursor starts (just after the comma before it, outside
    quotes, or 0) and ends (at the comma after it, or the text's end)."""
    start, end, quoted = 0, len(text), False
    for position, char in enumerate(text):
        if char == _QUOTE:
            quoted = not quoted  # a doubled quote toggles twice: still inside
        elif char == "," and not quoted:
            if position < cursor:
                start = position + 1
            else:
                end = position
                break
    return start, end


def _cursor(text: str, cursor: int | None) -> int:
    return len(text) if cursor is None else max(0, min(cursor, len(text)))


def tag_being_typed(text: str, cursor: int | None = None) -> tuple[int, str]:
    """Where the tag at the cursor (by default the end, so the last tag) starts, and what
    of it is typed before the cursor, without its blanks, its opening quote or a leading #:
    what a completer offers tags for."""
    cursor = _cursor(text, cursor)
    start, _end = _tag_bounds(text, cursor)
    typed = text[start:cursor].lstrip()
    if typed.startswith(_QUOTE):
        typed = typed[1:].replace(_QUOTE * 2, _QUOTE)
    return start, typed.lstrip("#")  # "#client" is the tag client, as clean_tags reads it


def other_tags(text: str, cursor: int | None = None) -> list[str]:
    """The tags of the text but the one at the cursor: those a completer need not offer."""
    cursor = _cursor(text, cursor)
    start, end = _tag_bounds(text, cursor)
    return [tag.lstrip("#") for tag in tags_from_text(text[:start]) + tags_from_text(text[end:])]


def with_tag_completed(text: str, tag: str, cursor: int | None = None) -> str:
    """The text with the tag at the cursor (by default the last one) replaced by `tag`,
    quoted if it needs to be; the tags before and after it kept as typed."""
    cursor = _cursor(text, cursor)
    start, end = _tag_bounds(text, cursor)
    head = text[:start]
    return (head + " " if head else "") + tags_as_text([tag]) + text[end:]
