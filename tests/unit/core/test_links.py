"""Which channel values become links: web addresses, e-mail and phone numbers only."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.core.links import channel_link


@pytest.mark.parametrize(
    ("kind", "value", "link"),
    [
        ("url", "https://example.org/p/1", "https://example.org/p/1"),
        ("url", "HTTP://Example.org", "HTTP://Example.org"),
        ("url", "example.org", "https://example.org"),
        ("url", "www.example.org/about?x=1", "https://www.example.org/about?x=1"),
        ("url", "example.org:8080/x", "https://example.org:8080/x"),
        ("social", "https://mastodon.social/@ada", "https://mastodon.social/@ada"),
        ("social", "linkedin.com/in/ada", "https://linkedin.com/in/ada"),
        ("email", "ada@example.org", "mailto:ada@example.org"),
        ("email", "ada+news@example.org", "mailto:ada%2Bnews@example.org"),
        ("phone", "+1 (555) 010-0100", "tel:+15550100100"),
        ("phone", "030 1234 567", "tel:0301234567"),
    ],
)
def test_everyday_values_are_linked(kind: str, value: str, link: str) -> None:
    assert channel_link(kind, value) == link


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("url", "javascript:alert(1)"),
        ("url", "file:///etc/passwd"),
        ("url", "file://C:/Windows/System32/calc.exe"),
        ("url", "ms-msdt:/id PCWDiagnostic"),
        ("url", "search-ms:query=x"),
        ("url", "data:text/html,<script>x</script>"),
        ("url", "smb://host/share"),
        ("url", "https://"),
        ("url", "https://example.org/a b"),
        ("url", "http://[::1"),
        ("social", "@ada"),
        ("url", "localhost"),
        ("email", "ada@example.org?body=send%20money"),
        ("email", "ada@example.org,eve@example.org"),
        ("email", "not an address"),
        ("phone", "1-800-FLOWERS"),
        ("phone", "abc"),
        ("phone", "+"),
        ("address", "1 Main St"),
    ],
)
def test_anything_else_stays_plain_text(kind: str, value: str) -> None:
    assert channel_link(kind, value) is None


@given(st.sampled_from(["url", "social", "email", "phone"]), st.text(max_size=60))
def test_a_link_only_ever_has_a_safe_scheme(kind: str, value: str) -> None:
    link = channel_link(kind, value)
    if link is not None:
        assert link.split(":", 1)[0].casefold() in {"http", "https", "mailto", "tel"}
        assert not any(c.isspace() for c in link)
