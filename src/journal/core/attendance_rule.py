"""The attendance a group judges: its latest meetings that count, within a year.

Shared by the groups list (SQL) and the balance (Python), so both show the same figure.
"""

from __future__ import annotations

# At most this many meetings that count (excused ones do not), none older than this many days.
WINDOW_MEETINGS = 12
WINDOW_DAYS = 365
