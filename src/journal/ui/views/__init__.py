"""The main window's pages: Contacts, Timeline, Groups I belong to."""
