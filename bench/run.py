"""Build benchmark: the site at 26, 260 and 2,600 CDMs against plain MkDocs on the same pages.

    .venv/bin/python bench/run.py            # full run (about 11 minutes on 2 shared cores)
    .venv/bin/python bench/run.py --sizes 26 260 --no-serve
    .venv/bin/python bench/run.py --prepare /tmp/b260 --sizes 260   # projects to time by hand (farm-bench --vs)

Everything happens in temporary copies; data/ is never written. Machines here are shared and noisy, so
the table compares ratios taken in one run, on the minimum CPU time (user + system) of several builds.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import first_view, pages, search_first_result, search_index_sizes  # noqa: E402
from project import CACHE, PROJECT, BuildTime, mkdocs_build, plain_project, real_project  # noqa: E402
from serve import ServeResult, measure_serve  # noqa: E402
from synthetic import read_real_cdms  # noqa: E402

TARGET_RATIO = 1.10
TARGET_LINEAR = 10.5
TARGET_PROFILE_GROWTH = 0.05
TARGET_FIRST_VIEW = 100 * 1024
TARGET_SEARCH_FIRST = 300 * 1024
TARGET_SERVE = {26: 1.0, 260: 2.0, 2600: 10.0}
"""Seconds from a data edit to both language pages showing it in the preview, by number of CDMs."""
SEARCH_QUERIES = {"fr": ("", "geneve"), "en": ("en/", "reunion")}
"""A town typed without its accents on each language's home page."""


@dataclass
class SizeResult:
    size: int
    pages: int
    real: list[BuildTime]
    plain: list[BuildTime]
    profile_html: int
    home_html: int
    search: dict[str, int]
    search_first: dict[str, int]
    first_view: int
    third_party: list[str]
    serve: ServeResult | None = None
    lighthouse: dict[str, int] | None = None
    """Lighthouse mobile performance score per page (bench/lighthouse.py), when asked for."""

    @property
    def cpu(self) -> float:
        return min(build.cpu for build in self.real)

    @property
    def cold_cpu(self) -> float:
        """The first build, as after a clone: no .cache/ricdm/ yet."""
        return self.real[0].cpu

    @property
    def wall(self) -> float:
        return min(build.wall for build in self.real)

    @property
    def ratio(self) -> float:
        return self.cpu / min(build.cpu for build in self.plain)

    @property
    def wall_ratio(self) -> float:
        return self.wall / min(build.wall for build in self.plain)


def prepare(size: int, real_cdms: list[dict], workdir: Path) -> tuple[Path, Path]:
    """The project at ``size`` CDMs and its plain-MkDocs twin, ready to build."""
    real = real_project(workdir / "real", size, real_cdms)
    captured = workdir / "captured"
    mkdocs_build(real, workdir / "site-capture", "mkdocs.capture.yml", {"BENCH_CAPTURE_DIR": str(captured)})
    shutil.rmtree(real / CACHE, ignore_errors=True)  # the timed builds start from a clean clone's state
    return real, plain_project(real, captured, workdir / "plain")


def bench_size(
    size: int, real_cdms: list[dict], repeats: int, workdir: Path, serve: bool, lighthouse: bool = False
) -> SizeResult:
    real, plain = prepare(size, real_cdms, workdir)
    real_times, plain_times = [], []
    for _ in range(repeats):  # interleaved, so both see the same neighbours' load
        real_times.append(mkdocs_build(real, workdir / "site-real"))
        plain_times.append(mkdocs_build(plain, workdir / "site-plain"))
    site = workdir / "site-real"
    view = first_view(site)
    result = SizeResult(
        size=size,
        pages=pages(site),
        real=real_times,
        plain=plain_times,
        profile_html=(site / "cdm" / real_cdms[0]["id"] / "index.html").stat().st_size,
        home_html=(site / "index.html").stat().st_size,
        search=search_index_sizes(site),
        search_first=search_first_result(site, SEARCH_QUERIES),
        first_view=view.total,
        third_party=view.third_party,
    )
    if serve:
        result.serve = measure_serve(real)
    if lighthouse:
        result.lighthouse = lighthouse_scores(site)
    return result


def lighthouse_scores(site: Path) -> dict[str, int]:
    """Mobile performance of the home page and a profile in each language (the SEO engineer's bench/lighthouse.py)."""
    import lighthouse as lh  # Node and npx only when asked for

    httpd, base = lh.serve(site)
    scores = {}
    try:
        with tempfile.TemporaryDirectory() as reports:
            for root, name in lh.LANGUAGES:
                for page_type in ("home", "profile"):
                    path = root + lh.PAGE_TYPES[page_type]
                    report = Path(reports) / f"{name}-{page_type}.json"
                    scores[f"{page_type} ({name})"] = lh.lighthouse(f"{base}/{path}", report)["performance"]
    finally:
        httpd.shutdown()
    return scores


def report(results: list[SizeResult]) -> bool:
    """Print the table and the targets; True when every target is met."""
    sizes = [f"{r.size:,} CDMs" for r in results]
    rows = [
        ("pages built (HTML)", [f"{r.pages:,}" for r in results]),
        ("build, CPU s (min)", [f"{r.cpu:.1f}" for r in results]),
        ("build, wall s (min)", [f"{r.wall:.1f}" for r in results]),
        ("first build after a clone (no cache), CPU s", [f"{r.cold_cpu:.1f}" for r in results]),
        ("first build / cached build (CPU)", [f"{r.cold_cpu / r.cpu:.2f}" for r in results]),
        ("CPU s per page", [f"{r.cpu / r.pages:.4f}" for r in results]),
        ("plain MkDocs, CPU s (min)", [f"{min(b.cpu for b in r.plain):.1f}" for r in results]),
        ("ratio to plain MkDocs (CPU)", [f"{r.ratio:.3f}" for r in results]),
        ("ratio to plain MkDocs (wall)", [f"{r.wall_ratio:.3f}" for r in results]),
        ("profile page HTML, bytes", [f"{r.profile_html:,}" for r in results]),
        ("home page HTML, bytes", [f"{r.home_html:,}" for r in results]),
    ]
    for lang in results[0].search:
        rows.append((f"search index {lang}, bytes on disk", [f"{r.search[lang]:,}" for r in results]))
    for lang, (_, query) in SEARCH_QUERIES.items():
        rows.append((f'search {lang} "{query}": first result, bytes', [f"{r.search_first[lang]:,}" for r in results]))
    rows.append(("home first view, gzip bytes", [f"{r.first_view:,}" for r in results]))
    if any(r.lighthouse for r in results):
        rows.append(
            (
                "Lighthouse mobile performance",
                [
                    f"{min(r.lighthouse.values())}-{max(r.lighthouse.values())}" if r.lighthouse else "-"
                    for r in results
                ],
            )
        )
    if any(r.serve for r in results):
        rows.append(("serve: first build, s", [f"{r.serve.first_build:.1f}" if r.serve else "-" for r in results]))
        rows.append(("serve: rebuild after edit, s", [f"{r.serve.rebuild:.1f}" if r.serve else "-" for r in results]))
        rows.append(("serve: preview shows edit", [str(r.serve.shows_edit) if r.serve else "-" for r in results]))
    _print_table(["", *sizes], rows)

    by_size = {r.size: r for r in results}
    checks = [
        (
            f"ratio to plain MkDocs <= {TARGET_RATIO} at every size (CPU)",
            all(r.ratio <= TARGET_RATIO for r in results),
            ", ".join(f"{r.ratio:.3f}" for r in results),
        )
    ]
    if 260 in by_size and 2600 in by_size:
        linear = by_size[2600].cpu / by_size[260].cpu
        checks.append((f"t(2600)/t(260) <= {TARGET_LINEAR}", linear <= TARGET_LINEAR, f"{linear:.2f}"))
    first, last = results[0], results[-1]
    growth = last.profile_html / first.profile_html - 1
    checks.append(
        (f"profile HTML grows < 5 % ({first.size} -> {last.size})", growth < TARGET_PROFILE_GROWTH, f"{growth:+.2%}")
    )
    search_heaviest = max(max(r.search_first.values()) for r in results)
    checks.append(
        (
            "search: first result <= 300 KB transferred (gzip)",
            search_heaviest <= TARGET_SEARCH_FIRST,
            f"{search_heaviest / 1024:.1f} KB at most",
        )
    )
    heaviest = max(r.first_view for r in results)
    checks.append(("home first view <= 100 KB gzip", heaviest <= TARGET_FIRST_VIEW, f"{heaviest / 1024:.1f} KB"))
    third_party = sorted({url for r in results for url in r.third_party})
    checks.append(("no third-party request in the first view", not third_party, ", ".join(third_party) or "none"))
    if any(r.serve for r in results):
        shown = all(r.serve.shows_edit for r in results if r.serve)
        checks.append(("serve preview shows the edited CDM", shown, ""))
        timed = [r for r in results if r.serve and r.size in TARGET_SERVE]
        for r in timed:
            assert r.serve is not None
            limit = TARGET_SERVE[r.size]
            checks.append(
                (
                    f"preview shows a data edit <= {limit:g} s at {r.size:,} CDMs",
                    r.serve.rebuild <= limit,
                    f"{r.serve.rebuild:.1f} s",
                )
            )
    print()
    for name, met, value in checks:
        print(f"  [{'met' if met else 'NOT MET'}] {name}: {value}")
    return all(met for _, met, _ in checks)


def _print_table(header: list[str], rows: list[tuple[str, list[str]]]) -> None:
    widths = [max(len(header[0]), *(len(name) for name, _ in rows))]
    widths += [max(len(header[i + 1]), *(len(values[i]) for _, values in rows)) for i in range(len(header) - 1)]
    line = (
        "| "
        + " | ".join(f"{cell:<{widths[0]}}" if i == 0 else f"{cell:>{widths[i]}}" for i, cell in enumerate(header))
        + " |"
    )
    print(line)
    print("| " + " | ".join(("-" * (w - 1) + ":") if i else "-" * w for i, w in enumerate(widths)) + " |")
    for name, values in rows:
        cells = [name, *values]
        print(
            "| "
            + " | ".join(f"{c:<{widths[0]}}" if i == 0 else f"{c:>{widths[i]}}" for i, c in enumerate(cells))
            + " |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[26, 260, 2600])
    parser.add_argument("--repeats", type=int, default=3, help="builds of each kind per size (2 above 1,000 CDMs)")
    parser.add_argument("--serve-sizes", type=int, nargs="*", default=[26, 260, 2600], help="preview timed at")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders and print where")
    parser.add_argument(
        "--lighthouse", type=int, nargs="*", default=[], metavar="SIZE", help="sizes to run bench/lighthouse.py at"
    )
    parser.add_argument("--prepare", type=Path, metavar="DIR", help="only write the projects of one size into DIR")
    args = parser.parse_args(argv)
    real_cdms = read_real_cdms(PROJECT / "data")
    if args.prepare:
        real, plain = prepare(args.sizes[0], real_cdms, args.prepare)
        build = f"PYTHONPATH=. exec {sys.executable} -m mkdocs build -q --strict --site-dir {args.prepare}"
        print(f"NO_MKDOCS_2_WARNING=1 farm-bench --vs \"sh -c 'cd {plain} && {build}/site-plain'\" \\")
        print(f"  -- sh -c 'cd {real} && {build}/site-real'")
        return 0
    print(f"{len(real_cdms)} real CDM records in data/cdms.yaml, cloned to {', '.join(map(str, args.sizes))}")
    results = []
    for size in args.sizes:
        workdir = Path(tempfile.mkdtemp(prefix=f"ricdm-bench-{size}-"))
        try:
            repeats = args.repeats if size <= 1000 else min(args.repeats, 2)
            serve = not args.no_serve and size in args.serve_sizes
            results.append(bench_size(size, real_cdms, repeats, workdir, serve, size in args.lighthouse))
            print(f"  {size:,} CDMs: done ({results[-1].cpu:.1f} s CPU per build)", flush=True)
        finally:
            if args.keep:
                print(f"  kept {workdir}")
            else:
                shutil.rmtree(workdir, ignore_errors=True)
    print()
    return 0 if report(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
