"""Forms and message boxes; message boxes go through the dialog service so tests can answer."""
