"""Who and what a quick-add line names: contacts, groups and tags by what was typed.

Used twice: to resolve `@name`, `~group` and `#tag` when a line is read, and to suggest
completions while it is being typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.core.contact_queries import ContactFilter, contact_ids
from journal.core.names import sort_key
from journal.core.quick_syntax import TRAILING
from journal.store.models import Group, Tag, database_proxy
from journal.store.rows import tuples
from journal.store.schema_v6 import EAST_ASIAN_NAME

SUGGESTIONS = 12

_CANDIDATES = """
SELECT c.id, c.display_name, c.sort_name, c.archived,
  (SELECT MAX(p.occurred_at) FROM interaction_participant p WHERE p.contact_id = c.id)
FROM contact c
WHERE c.sort_name = ? OR (c.sort_name >= ? AND c.sort_name < ?)
"""
# Chinese, Japanese and Korean names are shown family name first with no space (王小明):
# the people whose family name it is, shown so; and those whose whole name was written as
# one word (a given name alone, as "王小明" typed in one box or one word is stored), whose
# family name is its start.
_FAMILY = _CANDIDATES.replace(
    "WHERE c.sort_name = ? OR (c.sort_name >= ? AND c.sort_name < ?)",
    "WHERE c.sort_name > ? AND c.sort_name < ? AND ("
    "(c.family_name = ? AND c.display_name = c.family_name || c.given_name)"
    " OR (c.family_name = '' AND instr(c.display_name, ' ') = 0))",
)


def typed_name_keys(name: str) -> tuple[str, ...]:
    """The keys a typed name is matched by (sort_key): as typed, and for a Chinese,
    Japanese or Korean name typed in words ("王 小明") also as such names are shown (王小明).
    A name stored with its space (an imported "山田 太郎", a Korean organisation) is found
    by the first."""
    key = sort_key(name)
    words = name.split()
    if len(words) > 1 and all(EAST_ASIAN_NAME.fullmatch(word) for word in words):
        joined = sort_key("".join(words))
        return (key, joined) if joined != key else (key,)
    return (key,) if key else ()


def matching_contacts(name: str) -> list[tuple[int, str]]:
    """(id, name) of the contacts a typed `@name` can mean, the likeliest first.

    A contact matches when the typed name is their whole shown name, or its first words
    ("Jane" or "Jane van" for Jane van Dijk), ignoring case and accents; a name in Chinese,
    Japanese or Korean script also when typed in words ("王 小明" for 王小明), or by its
    first word, the family name ("王"). Exact matches come before partial ones, current
    contacts before archived ones, then the one you were in touch with most recently.
    """
    return [(cid, shown) for cid, shown, *_rest in _candidates(name)]


def named_by_first_words(name: str) -> list[int]:
    """Ids of the contacts a name given on the command line can mean when nobody has it as
    their whole name: as `@name` finds them, archived ones only when no current one fits."""
    rows = _candidates(name)
    current = [row[0] for row in rows if not row[3]]
    return current or [row[0] for row in rows]


# (id, shown name, sort name, archived, last contact), as _CANDIDATES reads them.
_Candidate = tuple[int, str, str, int, "str | None"]


def _candidates(name: str) -> list[_Candidate]:
    """matching_contacts' rows (id, name, sort name, archived, last contact), ranked."""
    keys = typed_name_keys(name)
    rows: dict[int, _Candidate] = {}
    for key in keys:
        # Names continuing with " ..." sort between key + " " and key + "!" (the next
        # character).
        for row in database_proxy.execute_sql(_CANDIDATES, [key, key + " ", key + "!"]):
            rows.setdefault(row[0], row)
        if EAST_ASIAN_NAME.fullmatch(key):
            for row in database_proxy.execute_sql(_FAMILY, [key, key + "\U0010ffff", key]):
                rows.setdefault(row[0], row)

    def rank(row: _Candidate) -> tuple[bool, bool, str, int]:
        cid, _name, sort_name, archived, last = row
        return (sort_name not in keys, bool(archived), _negate(last or ""), -cid)

    return sorted(rows.values(), key=rank)


def _negate(text: str) -> str:
    """A key that sorts ISO timestamps newest first (and "never" last)."""
    if not text:
        return "\uffff"
    return "".join(chr(0xFFFF - ord(ch)) for ch in text)


def matching_groups(name: str) -> list[tuple[int, str]]:
    """(id, name) of the groups a typed `~name` can mean.

    The group whose name it is (ignoring case and accents) if there is one; else the groups
    whose name starts with it, or has a word that does ("~BNI", "~Chamber", "~Downtown").
    Groups you have left count only when no current one matches.
    """
    key = sort_key(name)
    rows = [
        (int(gid), str(gname), str(status))
        for gid, gname, status in tuples(Group.select(Group.id, Group.name, Group.status))
    ]
    exact = [(g, n) for g, n, _ in rows if sort_key(n) == key]
    if exact or not key:
        return exact
    starts = [
        (g, n, s)
        for g, n, s in rows
        if sort_key(n).startswith(key) or any(w.startswith(key) for w in sort_key(n).split())
    ]
    current = [(g, n) for g, n, s in starts if s != "left"]
    chosen = current or [(g, n) for g, n, _ in starts]
    return sorted(chosen, key=lambda pair: sort_key(pair[1]))


def existing_tag_name(name: str) -> str:
    """The journal's spelling of a tag typed in another case ("#design" for "Design")."""
    found = Tag.get_or_none(Tag.name == name)  # the column collates NOCASE (ASCII only)
    if found is None:
        folded = name.casefold()
        found = next((t for t in Tag.select(Tag.name) if t.name.casefold() == folded), None)
    return str(found.name) if found is not None else name


@dataclass(frozen=True)
class Suggestion:
    """A completion: what the list shows, and the token that replaces what was typed."""

    label: str
    token: str


def name_token(sigil: str, name: str) -> str:
    """`@Jane`, or `@"Jane Doe"` when the name has spaces or would not read back as typed."""
    plain = (
        name
        and not any(ch.isspace() or ch == '"' for ch in name)
        and name[-1] not in TRAILING
        and not name.startswith('"')
    )
    return f"{sigil}{name}" if plain else f'{sigil}"{name}"'


_PREFIX = """
SELECT c.id, c.display_name, c.organisation FROM contact c
WHERE c.sort_name >= ? AND c.sort_name < ? AND c.archived = 0
ORDER BY c.sort_name, c.id LIMIT ?
"""
_BY_ID = "SELECT c.id, c.display_name, c.organisation FROM contact c WHERE c.id IN ({})"
_NAME_COUNTS = "SELECT display_name, COUNT(*) FROM contact WHERE display_name IN ({}) GROUP BY 1"


def suggest_people(typed: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """People whose name starts with what was typed, then others whose words do."""
    key = sort_key(typed)
    if not key:
        return []
    rows = list(database_proxy.execute_sql(_PREFIX, [key, key + "\U0010ffff", limit]))
    seen = {int(r[0]) for r in rows}
    if len(rows) < limit:
        more = [i for i in contact_ids(ContactFilter(search=typed)) if i not in seen]
        more = more[: limit - len(rows)]
        if more:
            placeholders = ",".join("?" * len(more))
            found = {
                int(r[0]): r for r in database_proxy.execute_sql(_BY_ID.format(placeholders), more)
            }
            rows += [found[i] for i in more if i in found]
    names = sorted({str(r[1]) for r in rows})
    counts: dict[str, int] = {}
    if names:
        sql = _NAME_COUNTS.format(",".join("?" * len(names)))
        counts = {str(n): int(c) for n, c in database_proxy.execute_sql(sql, names)}
    suggestions = []
    for cid, name, organisation in rows:
        label = f"{name} — {organisation}" if organisation else str(name)
        # Two people of the same name: the id says which one.
        token = f"@#{cid}" if counts.get(str(name), 1) > 1 else name_token("@", str(name))
        if token.startswith("@#"):
            label = f"{label} (#{cid})"
        suggestions.append(Suggestion(label, token))
    return suggestions


def suggest_groups(typed: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Groups whose name, or a word of it, starts with what was typed (current ones first)."""
    key = sort_key(typed)
    rows = tuples(Group.select(Group.name, Group.status))
    found = [
        (status == "left", sort_key(name), str(name))
        for name, status in rows
        if not key
        or sort_key(name).startswith(key)
        or any(w.startswith(key) for w in sort_key(name).split())
    ]
    return [Suggestion(name, name_token("~", name)) for _, _, name in sorted(found)[:limit]]


def suggest_tags(typed: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Tags in use that start with what was typed."""
    key = typed.casefold()
    names = sorted((str(name) for (name,) in tuples(Tag.select(Tag.name))), key=str.casefold)
    return [Suggestion(f"#{n}", f"#{n}") for n in names if n.casefold().startswith(key)][:limit]
