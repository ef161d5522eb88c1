"""Build the site and publish it into site/ only if the strict build passed: see ricdm/publish.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ricdm.publish import main  # noqa: E402

sys.exit(main())
