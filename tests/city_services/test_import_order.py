"""Every server module imports on its own, in a fresh interpreter: a circular import can hide when the
modules are always imported in the same order (tests/test_imports.py imports them all in one process)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import city_services

from .conftest import ROOT

MODULES = sorted(name for _, name, _ in pkgutil.walk_packages(city_services.__path__, "city_services.")
                 if not name.endswith("__main__") and ".migrations." not in name)


def test_each_server_module_imports_first():
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    failed = []
    for name in MODULES:
        result = subprocess.run([sys.executable, "-c", script, name], cwd=ROOT, capture_output=True, text=True,
                                timeout=60)
        if result.returncode != 0:
            failed.append(f"{name}: {result.stderr.strip().splitlines()[-1]}")
    assert not failed, "\n".join(failed)
