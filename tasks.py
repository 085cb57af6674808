#!/usr/bin/env python3
"""Bootstrap and run dateline's two everyday jobs with nothing installed by hand.

    python3 tasks.py story    # build the bundled story: DuckDB file + dashboards
    python3 tasks.py test     # run the test suite

Each job creates ./.venv (once) and installs dateline into it (again only when
pyproject.toml changed), then runs inside it. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".dateline-installed"


def ensure_env(extras: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"dateline needs Python >= 3.11 (this is {sys.version.split()[0]})")
    if not PY.exists():
        print(f"creating {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    have = STAMP.read_text().strip() if STAMP.exists() else ""
    if have != want:
        print(f"installing dateline[{extras}] into {VENV} ...", flush=True)
        subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-e", f"{ROOT}[{extras}]"], check=True, cwd=ROOT)
        STAMP.write_text(want)


def main(argv: list[str]) -> int:
    job = argv[0] if argv else "help"
    if job == "story":
        ensure_env("test")
        return subprocess.call([str(PY), str(ROOT / "pipelines" / "wagner_mutiny.py"), *argv[1:]], cwd=ROOT)
    if job == "test":
        ensure_env("test")
        return subprocess.call([str(PY), "-m", "pytest", *argv[1:]], cwd=ROOT)
    print(__doc__)
    return 0 if job in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
