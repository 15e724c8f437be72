"""Desktop integration behind small interfaces, each with a do-nothing fallback: the system
tray and the single-instance handover (start at login is Qt-free: journal.autostart)."""
