"""Which channel values become clickable links, and to what.

A channel's value may come from anybody's vCard or CSV. A click hands its link to the
desktop, which starts whatever handles the scheme: `file:` runs or opens a local file,
`javascript:` and `data:` reach a browser, and some systems register schemes that run
programs (`ms-msdt:`, `search-ms:`). So only web addresses, e-mail addresses and phone
numbers are linked, each built by us from the value; anything else stays plain text.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

WEB_SCHEMES = frozenset({"http", "https"})

# A bare host such as "example.org" or "www.example.org/path": the value people type
# without a scheme. The host needs a dot and only the letters a host name may hold.
_BARE_HOST = re.compile(r"^(?:[\w-]+\.)+[\w-]{2,}(?::\d{1,5})?(?:[/?#]\S*)?$")
_EMAIL = re.compile(r"^[^@\s/?#:]+@[^@\s/?#:]+\.[^@\s/?#:]+$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]{3,}$")


def web_link(value: str) -> str | None:
    """The address to open for a web address, or None when it is not one."""
    text = value.strip()
    if not text or any(c.isspace() or ord(c) < 32 for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:  # a malformed IPv6 host, for one
        return None
    if parts.scheme.casefold() in WEB_SCHEMES:
        return text if parts.netloc else None
    if not parts.scheme and _BARE_HOST.match(text):
        return "https://" + text
    # "example.org:8080" parses with scheme "example.org"; a dot is never in a real scheme.
    if "." in parts.scheme and _BARE_HOST.match(text):
        return "https://" + text
    return None


def email_link(value: str) -> str | None:
    """A mailto: link for one plain address; None when the value holds anything more."""
    text = value.strip()
    if not _EMAIL.match(text):
        return None
    # Quoted, so that nothing in the address can add a subject, body or other recipients.
    return "mailto:" + quote(text, safe="@")


def phone_link(value: str) -> str | None:
    """A tel: link with the number's digits (and a leading +), or None."""
    text = value.strip()
    if not _PHONE.match(text):
        return None
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) < 3:
        return None
    return "tel:" + ("+" if text.startswith("+") else "") + digits


def channel_link(kind: str, value: str) -> str | None:
    """The link a channel's value opens when clicked, or None to show it as plain text."""
    if kind == "email":
        return email_link(value)
    if kind == "phone":
        return phone_link(value)
    if kind in ("url", "social"):
        return web_link(value)
    return None
