"""Make the repository root importable (tools/ is a package of build scripts, not installed), and
build every model once per test session for the tests that inspect fresh builds."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory):
    """(output folder, budget figures per model) of one full build into a temporary folder."""
    from tools.build_all import build_all
    out = tmp_path_factory.mktemp("models")
    return out, build_all(out)
