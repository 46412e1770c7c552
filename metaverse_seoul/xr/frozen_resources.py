"""pyopenxr's files in the packaged app.

pyopenxr finds its files (the OpenXR loader library, its API layers' folder) through its module
`xr.resources`, with importlib.resources, and a frozen package has no files for it to find. The
packaged app ships them beside its executable in the wheel's own layout (build_apps.py:
xr/library/linux_x86_64/libopenxr_loader.so ...), and `install()` puts in place an `xr.resources`
that looks there, before pyopenxr is first imported. A run from source leaves pyopenxr alone.
"""

import sys
import types
from pathlib import Path


def _path(package, resource_name):
    root = Path(sys.executable).resolve().parent
    return root.joinpath(*package.split("."), resource_name)


def _exists(package, resource_name):
    return _path(package, resource_name).exists()


def _filename(package, resource_name):
    return str(_path(package, resource_name))


def _stream(package, resource_name):
    return open(_path(package, resource_name), "rb")


def _string(package, resource_name):
    return _path(package, resource_name).read_bytes()


def install():
    if not getattr(sys, "frozen", False) or "xr.resources" in sys.modules:
        return
    module = types.ModuleType("xr.resources", __doc__)
    module.resource_exists, module.resource_filename = _exists, _filename
    module.resource_stream, module.resource_string = _stream, _string
    module.__all__ = ["resource_exists", "resource_filename", "resource_stream", "resource_string"]
    sys.modules["xr.resources"] = module
