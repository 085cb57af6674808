#!/usr/bin/env python3
"""The Wagner mutiny story (23-24 June 2023) and Putin's diplomatic calls.

Which articles, which actor knowledge, which outputs: nothing else. All logic is in
the library (``dateline.pipeline.run``); this file only names the story's inputs.

    python pipelines/wagner_mutiny.py            # writes data/processed/wagner_mutiny.duckdb
                                                 # and dashboards/*.html
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # runnable from a checkout without installing

from dateline.cli import app  # noqa: E402

STORY = ROOT / "data" / "wagner_mutiny"

ARGS = [
    "run",
    str(STORY / "articles"),
    "--actors", str(STORY / "actors.csv"),
    "--db", str(ROOT / "data" / "processed" / "wagner_mutiny.duckdb"),
    "--dashboards", str(ROOT / "dashboards"),
    "--title", "Wagner mutiny, 23-24 June 2023: Putin's calls",
]

if __name__ == "__main__":
    app(ARGS + sys.argv[1:], prog_name="dateline")
