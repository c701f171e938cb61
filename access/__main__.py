import sys

from access.cli import main

sys.exit(main())
