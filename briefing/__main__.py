"""`python -m briefing`: see briefing/cli.py."""

from briefing.cli import main

raise SystemExit(main())
