"""Allow `python -m journal`."""

from journal.cli import main

raise SystemExit(main())
