"""The domain: every write goes through a function here, in one transaction. No Qt here."""
