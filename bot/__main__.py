"""`python -m bot` runs the `ratsbot` command line."""

import sys

from bot.cli import main

sys.exit(main())
