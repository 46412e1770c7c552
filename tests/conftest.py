"""Test-wide set-up: user folders in a temporary place, never the developer's own profile."""

import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Speed is measured by benchmarks/, not by tests: a property test does not fail because a loaded
# machine took longer than hypothesis's per-example deadline.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

ROOT = Path(__file__).resolve().parent.parent
for _folder in (ROOT, ROOT / "scripts"):  # tools/ and scripts/ are folders of scripts, not installed packages
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

_USER_HOME = Path(tempfile.mkdtemp(prefix="metaverse-seoul-test-"))
for _name in ("CONFIG", "CACHE", "DATA"):
    os.environ.setdefault(f"METAVERSE_SEOUL_{_name}_DIR", str(_USER_HOME / _name.lower()))


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """The reference city-services server, in-process on a fresh SQLite file, with the app's client,
    outbox and worker (what the app starts), one per test module."""
    from metaverse_seoul.core.settings import ApiSettings
    from metaverse_seoul.services.connection import CityConnection

    connection = CityConnection(ApiSettings(), data_dir=tmp_path_factory.mktemp("data")).start()
    assert connection.wait(timeout=60), connection.error
    yield connection
    connection.stop()
