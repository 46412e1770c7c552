"""Test-wide set-up: user folders in a temporary place, never the developer's own profile."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tools/ is a folder of build scripts, not an installed package

_USER_HOME = Path(tempfile.mkdtemp(prefix="metaverse-seoul-test-"))
for _name in ("CONFIG", "CACHE", "DATA"):
    os.environ.setdefault(f"METAVERSE_SEOUL_{_name}_DIR", str(_USER_HOME / _name.lower()))
