"""Contact Journal: a desktop contact journal for people whose business runs on relationships."""

__version__ = "0.1.0"
APP_NAME = "Contact Journal"
APP_ID = "org.contactjournal.ContactJournal"
