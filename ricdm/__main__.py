"""``python -m ricdm check`` and friends: see ``ricdm.cli``."""

import sys

from .cli import main

sys.exit(main())
