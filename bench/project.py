"""Throwaway copies of the project for the benchmark: the real pipeline, and its plain-MkDocs twin.

Nothing here writes into the checkout: every build happens in a temporary folder.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load
from synthetic import write_synthetic

PROJECT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
PROJECT_PARTS = (
    "mkdocs.yml",
    "macros.py",
    "mkdocs_hooks.py",
    "mkdocs_internals.py",
    "ricdm",
    "data",
    "docs",
    "overrides",
    "preview",
)
"""What a build needs, copied whole; the installed npm assets (map shapes) are linked, not copied."""
CACHE = Path(".cache")
"""The build cache (ricdm/cache.py): a clean clone has none."""
CAPTURE_HOOK = "bench_capture_hook.py"
PLAIN_OUTPUT_HOOK = "bench_output_hook.py"
DATA_LAYER_HOOKS = ("mkdocs_hooks.py", CAPTURE_HOOK)


def copy_project(target: Path) -> Path:
    """A throwaway copy of the project that builds on its own: the one helper of tests/ and bench/."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = PROJECT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / part)
    (target / "overrides").mkdir(exist_ok=True)  # an empty folder is not kept by git
    if (PROJECT / "node_modules").exists():  # read-only at build time: the copy finds its shapes at its own root
        (target / "node_modules").symlink_to((PROJECT / "node_modules").resolve(), target_is_directory=True)
    return target


def real_project(target: Path, size: int, real_cdms: list[dict]) -> Path:
    """A copy of the project whose data/cdms.yaml holds ``size`` synthetic CDMs."""
    copy_project(target)
    write_synthetic(target / "data", size, real_cdms)
    config = read_config(target / "mkdocs.yml")
    config["hooks"] = [*config.get("hooks", []), CAPTURE_HOOK]
    write_config(target / "mkdocs.capture.yml", config)
    shutil.copy2(BENCH / "capture_hook.py", target / CAPTURE_HOOK)
    return target


def plain_project(real: Path, captured_docs: Path, target: Path) -> Path:
    """Plain MkDocs on the same pages: same theme, plugins, i18n and output hooks; no data layer, no macros.

    Only ``mkdocs_hooks.py`` (validation, generated profiles) and mkdocs-macros go: the steps that work on any
    page or on the built output (page heads and social cards, sitemap, search index, hosting files) run in the
    twin too (``plain_output_hook.py``), as they cost the same with or without data.
    """
    target.mkdir(parents=True)
    shutil.copytree(real / "overrides", target / "overrides")
    shutil.copytree(real / "ricdm", target / "ricdm")  # imported by the output hooks kept below; data/ is not copied
    shutil.copy2(real / "mkdocs_internals.py", target / "mkdocs_internals.py")
    shutil.copy2(BENCH / "plain_output_hook.py", target / PLAIN_OUTPUT_HOOK)
    shutil.copytree(real / "docs", target / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(captured_docs, target / "docs", dirs_exist_ok=True)
    config = read_config(real / "mkdocs.yml")
    config["hooks"] = [hook for hook in config.get("hooks", []) if hook not in DATA_LAYER_HOOKS] + [PLAIN_OUTPUT_HOOK]
    config.pop("watch", None)
    config["plugins"] = [plugin for plugin in config["plugins"] if _plugin_name(plugin) != "macros"]
    write_config(target / "mkdocs.yml", config)
    return target


def read_config(path: Path) -> dict:
    """mkdocs.yml as MkDocs reads it (``!ENV`` resolved)."""
    with path.open(encoding="utf-8") as stream:
        return yaml_load(stream)


def write_config(path: Path, config: dict) -> None:
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _plugin_name(plugin: str | dict) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


@dataclass(frozen=True)
class BuildTime:
    wall: float
    cpu: float
    """User + system seconds of the build process: less disturbed than wall time by others' jobs."""


def mkdocs_build(project: Path, site_dir: Path, config: str = "mkdocs.yml", env: dict | None = None) -> BuildTime:
    """Run ``mkdocs build --strict`` as staff would; fail loudly on any warning or error."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(site_dir)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project), **(env or {})}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"build failed in {project}:\n{result.stdout}\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return BuildTime(wall, cpu)
