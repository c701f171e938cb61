"""`python -m targets`: see targets/cli.py."""

import sys

from targets.cli import main

sys.exit(main())
