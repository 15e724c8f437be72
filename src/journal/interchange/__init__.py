"""Reading and writing open formats (vCard, CSV, iCalendar, JSON archive). No Qt here."""
