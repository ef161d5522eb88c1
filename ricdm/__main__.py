"""``./staff check`` (or ``python -m ricdm check``) and friends: see ``ricdm.cli``."""

import sys

try:
    from .cli import main
except ModuleNotFoundError as missing:
    if (missing.name or "").startswith("ricdm"):
        raise
    print(
        f"ricdm: the site's Python packages are not installed here ({missing.name} is missing) — "
        'run "./staff serve" once in the project folder (it installs them), then "./staff check"',
        file=sys.stderr,
    )
    sys.exit(2)

sys.exit(main())
