"""Staff commands: ``python -m ricdm check | schemas | terms | locate | publish | rollback | changes``.

``check`` reports every data and page problem at once, with the very messages the build gives
(``--format github``: as workflow annotations, shown on the line of the pull request they are about);
``schemas`` rewrites the JSON Schema files editors use to complete and check YAML as staff type;
``terms`` lists the English texts that depart from data/termbase.yaml (one term, one translation);
``publish`` builds the site strictly into a temporary folder and swaps it into ``site/`` only if it passed,
keeping the site it replaced, which ``rollback`` swaps back; ``changes`` says what a change does to the site, in
plain words (``--format github``: the pull request's job summary).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .checks import find_notes, find_problems
from .datafiles import DATA_FILES
from .errors import DataError, DataErrors

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    program = os.environ.get("RICDM_COMMAND", "python -m ricdm")  # "./staff" when run through the staff script
    parser = argparse.ArgumentParser(prog=program, description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project folder (default: this checkout)")
    after = argparse.ArgumentParser(add_help=False)  # --root also after the command: `publish --root X`
    after.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser(
        "check", parents=[after], help="validate data/*.yaml, the page twins, the menu (nav) and every block call"
    )
    checking.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: one ::error annotation per problem, for GitHub Actions (default: text)",
    )
    commands.add_parser("schemas", parents=[after], help="write schemas/<name>.schema.json from the models")
    commands.add_parser(
        "terms", parents=[after], help="English texts that depart from data/termbase.yaml; report slips without [sic]"
    )
    locate = commands.add_parser(
        "locate",
        parents=[after],
        help="find a town in the pinned GeoNames gazetteer (offline); print its data/locations.yaml entry",
    )
    locate.add_argument("town", nargs="+", help="the town's name, accents optional: Lyon, Saint-Etienne, Liège")
    locate.add_argument("--country", type=str.upper, help="two-letter country code, e.g. FR, BE, CH")
    locate.add_argument("--cdm", default="<cdm-id>", help="the CDM's id in data/cdms.yaml, to fill in the entry")
    locate.add_argument("--pick", type=int, help="the number of the town to keep when several share the name")
    publishing = commands.add_parser(
        "publish", parents=[after], help="strict build into a temporary folder, swapped into site/ only if it passed"
    )
    publishing.add_argument("--site-dir", type=Path, default=None, help="published folder (default: <root>/site)")
    publishing.add_argument("--verbose", action="store_true", help="also print MkDocs' own messages")
    rolling = commands.add_parser(
        "rollback",
        parents=[after],
        help="put the site published before the last publish back in site/ (again: undo the rollback)",
    )
    rolling.add_argument("--site-dir", type=Path, default=None, help="published folder (default: <root>/site)")
    changing = commands.add_parser(
        "changes",
        parents=[after],
        help="what a change does to the site, in plain words: CDMs, figures, pages and texts added, removed, changed",
    )
    changing.add_argument(
        "before",
        nargs="?",
        default="HEAD",
        help="a git commit or branch, or a project folder (default: HEAD, the last commit)",
    )
    changing.add_argument("after", nargs="?", type=Path, default=None, help="a project folder (default: this one)")
    changing.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the text (default: fr)")
    changing.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: Markdown for a job summary, French then English (default: text)",
    )
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.root, args.format)
    if args.command == "locate":
        from .locate import locate_town

        return locate_town(" ".join(args.town), args.country, args.cdm, args.pick, program)
    if args.command == "publish":
        return publish_site(args.root, args.site_dir, args.verbose)
    if args.command == "rollback":
        return rollback_site(args.root, args.site_dir)
    if args.command == "changes":
        return show_changes(args.root, args.before, args.after or args.root, args.lang, args.format)
    if args.command == "terms":
        return check_terms(args.root)
    return write_schemas(args.root)


def check(root: Path, output_format: str = "text") -> int:
    problems = find_problems(root)
    if problems:
        if output_format == "github":
            for problem in problems:
                print(github_annotation(problem))
        print(DataErrors(problems).report(), file=sys.stderr)
        return 1
    print(f"OK: {len(DATA_FILES)} data files, the French/English page twins, the menu and every block call are valid.")
    for note in find_notes(root):
        print(github_annotation(note, "notice") if output_format == "github" else f"Note: {note}")
    return 0


def github_annotation(problem: DataError, level: str = "error") -> str:
    """``::error file=…,line=…,title=…::message`` (or ``::notice``), escaped as GitHub's workflow commands require."""
    title = f"{problem.field}: {problem.problem}" if problem.field else problem.problem
    message = f"{problem.problem} — {problem.expected}" if problem.expected else problem.problem
    line = f",line={problem.line}" if problem.line else ""  # a whole-file problem: GitHub marks the file
    properties = f"file={_escape_property(problem.file)}{line},title={_escape_property(title)}"
    return f"::{level} {properties}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def check_terms(root: Path) -> int:
    from .termbase import all_texts, load_termbase

    termbase = load_termbase(root)
    texts = list(all_texts(root))
    findings = (
        termbase.check(texts)
        + termbase.french_forms(texts)
        + termbase.report_errors(texts)
        + termbase.quotation_marks(texts)
    )
    for finding in findings:
        print(finding)
    stale = termbase.stale_exceptions(texts)
    for exception in stale:
        print(f"{exception}: this text follows the termbase now; remove its exception from data/termbase.yaml")
    print(f"{len(findings)} departures from data/termbase.yaml in {len(texts)} texts.", file=sys.stderr)
    return 1 if findings or stale else 0


def write_schemas(root: Path) -> int:
    from .schema import write_all

    for path in write_all(root / "schemas"):
        print(path.relative_to(root).as_posix())
    return 0


def publish_site(root: Path, site_dir: Path | None = None, verbose: bool = False) -> int:
    from .publish import PublishError, built_at, publish

    print("Building the site (strict: any warning stops it)…", flush=True)
    try:
        done = publish(root, site_dir, verbose=verbose)
    except PublishError as error:
        for line in error.problems:
            print(line, file=sys.stderr)
        print(f"Not published: {error.reason}; the published site was not changed.", file=sys.stderr)
        return 1
    print(f"Published: {done.site} ({done.pages} pages, {built_at(done.site)}).")
    if done.kept:
        print(f'The site it replaced ({built_at(done.kept)}) is kept: "{_command()} rollback" puts it back.')
    return 0


def rollback_site(root: Path, site_dir: Path | None = None) -> int:
    from .publish import PublishError, built_at, rollback

    try:
        done = rollback(root, site_dir)
    except PublishError as error:
        print(f"Not rolled back: {error.reason}.", file=sys.stderr)
        return 1
    print(f"Rolled back: {done.site} is the site {built_at(done.site)} again.")
    if done.kept:
        print(f'The one it replaced ({built_at(done.kept)}) is kept: "{_command()} rollback" puts it back.')
    return 0


def _command() -> str:
    return os.environ.get("RICDM_COMMAND", "python -m ricdm")


def show_changes(root: Path, before: str, after: Path, lang: str, output_format: str) -> int:
    """Compare a commit (or a folder) with a folder: 1 when a side's data cannot be read (its problems said)."""
    from contextlib import nullcontext

    from .changes import committed, github_problems, github_summary, read_project, summarise

    try:
        with nullcontext(Path(before)) if Path(before).is_dir() else committed(before, root) as before_dir:
            sides = []
            for folder, side in ((before_dir, "before"), (after, "after")):
                try:
                    sides.append(read_project(folder))
                except DataErrors as failure:
                    if output_format == "github":
                        print(github_problems(side, failure.errors), end="")
                    whose = "the data" if side == "after" else f"the data of {before}"
                    count = len(failure.errors)
                    print(
                        f"changes: {whose} has {count} problem{'s' if count > 1 else ''}, so what the change does "
                        f"cannot be said yet ({_command()} check lists them):",
                        file=sys.stderr,
                    )
                    print("\n".join(str(error) for error in failure.errors), file=sys.stderr)
                    return 1
            if output_format == "github":
                print(github_summary(sides[0], sides[1]), end="")
            else:
                print(summarise(sides[0], sides[1], lang).text(before))
    except ValueError as error:
        print(f"changes: {error}", file=sys.stderr)
        return 2
    return 0
