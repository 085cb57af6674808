"""Shared fixtures: paths to the project's own small data and to ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_7b64d57327a4f671.txt"
STORY = ROOT / "data" / "wagner_mutiny"
GENERAL = ROOT / "tests" / "data" / "general"


@pytest.fixture
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip("../shared not found")
    return SEED


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
