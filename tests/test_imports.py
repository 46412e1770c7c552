"""Every module of the project imports: a renamed function or a missing dependency shows up here."""

import importlib
import pkgutil

import pytest

import city_services
import metaverse_seoul

PACKAGES = [metaverse_seoul, city_services]
MODULES = sorted(
    name for package in PACKAGES
    for _, name, _ in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    # __main__ runs a server, and Alembic's migration scripts run only inside Alembic.
    if not name.endswith("__main__") and ".migrations." not in name
)


def test_there_are_modules_to_import():
    assert len(MODULES) > 20


@pytest.mark.parametrize("name", MODULES)
def test_module_imports(name):
    importlib.import_module(name)


def test_core_never_imports_the_engine():
    """core/ is the functional core: tested without a display, it must not pull in Panda3D."""
    import subprocess
    import sys
    code = ("import sys, pkgutil, importlib, metaverse_seoul.core as c\n"
            "for _, n, _ in pkgutil.walk_packages(c.__path__, 'metaverse_seoul.core.'): importlib.import_module(n)\n"
            "bad = [m for m in sys.modules if m.startswith(('panda3d', 'direct', 'requests'))]\n"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
