"""The Linux package's `ssl`: the build machine's own _ssl and _hashlib instead of Panda3D's.

Panda3D 1.10.16's Linux runtime links its _ssl and _hashlib against OpenSSL 3.3 or newer, and does not
ship OpenSSL. Debian 12 and Ubuntu 22.04 and 24.04 have OpenSSL 3.0, so there `import ssl` fails,
and with it uvicorn: the embedded city-services server could not start, nor could the app reach a
city's https:// endpoint. The build machine's CPython of the same minor version (3.11: the same
extension ABI) has these modules linked against OpenSSL 3.0 and glibc 2.14 symbols, which every
supported distribution has. `--self-check` in the packaging test proves the result.
"""

import shutil
import sys
import sysconfig
from pathlib import Path

MODULES = ("_ssl", "_hashlib")


def host_modules():
    """{module: path} of this Python's own _ssl and _hashlib, when it runs on Linux x86-64."""
    if not (sys.platform == "linux" and sysconfig.get_platform() == "linux-x86_64"):
        return {}
    # The base installation's standard library: a virtual environment has no lib-dynload of its own.
    folder = Path(sysconfig.get_path("platstdlib", vars={"platbase": sys.base_exec_prefix})) / "lib-dynload"
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    found = {name: folder / f"{name}{suffix}" for name in MODULES}
    return {name: path for name, path in found.items() if path.is_file()}


def use_host_modules(build_dir, platform):
    """Replace the Linux build's _ssl.so and _hashlib.so; returns the modules replaced."""
    if not platform.startswith("manylinux"):
        return []
    replaced = []
    for name, path in host_modules().items():
        shutil.copyfile(path, Path(build_dir) / f"{name}.so")
        replaced.append(name)
    return replaced
