"""Staff commands that work without building the site.

``check`` reports every data and page problem at once, with the very messages the build gives;
``schemas`` rewrites the JSON Schema files editors use to complete and check YAML as staff type.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .checks import find_problems
from .dataset import DATA_FILES
from .errors import DataErrors

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ricdm", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project folder (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate data/*.yaml, the page twins and every block call in the pages")
    commands.add_parser("schemas", help="write schemas/<name>.schema.json from the models")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.root)
    return write_schemas(args.root)


def check(root: Path) -> int:
    problems = find_problems(root)
    if problems:
        print(DataErrors(problems).report(), file=sys.stderr)
        return 1
    print(f"OK: {len(DATA_FILES)} data files, the French/English page twins and every block call in them are valid.")
    return 0


def write_schemas(root: Path) -> int:
    from .schema import write_all

    for path in write_all(root / "schemas"):
        print(path.relative_to(root).as_posix())
    return 0
