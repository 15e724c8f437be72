"""The attendance a group judges: its latest meetings that count, within a year.

Shared by the groups list (SQL) and the balance (Python), so both show the same figure.
"""

from __future__ import annotations

# At most this many meetings that count (excused ones do not), none older than this many days.
WINDOW_MEETINGS = 12
WINDOW_DAYS = 365
# Below this many meetings counted, "one more miss" is shown as a plain fact, not a warning:
# one miss out of two says little about a member's attendance.
SHORT_RECORD_MEETINGS = 3
