"""Small reusable widgets (contact picker, tag editor)."""
