"""The Linux package's sqlite3: a _sqlite3 module with SQLite inside it, instead of Panda3D's.

Panda3D 1.10.16's Linux runtime ships a _sqlite3 linked against `libsqlite3.so` and not that library,
a name only a development package (libsqlite3-dev) installs: on most residents' computers the app
would stop at its first SQLite file (the outbox, the requests it follows, the embedded city-services
server). pysqlite3-binary's module is the standard library's with SQLite compiled in, for CPython
3.11 on manylinux2014 (glibc 2.14 symbols); its init function is the standard module's
(PyInit__sqlite3), so it takes _sqlite3's place. Its exceptions say `pysqlite3.dbapi2` where the
standard ones say `sqlite3`; nothing in the app reads that.
"""

import shutil
import subprocess
import zipfile
from pathlib import Path

from .downloads import downloaded

PIN = "pysqlite3-binary==0.5.4.post2"
MODULE = "pysqlite3/_sqlite3.cpython-311-x86_64-linux-gnu.so"
LICENCE = "pysqlite3_binary-0.5.4.post2.dist-info/licenses/LICENSE"


def _wheel(cache_dir):
    """The pinned wheel, downloaded once into `cache_dir`."""
    return downloaded(cache_dir, "pysqlite3_binary-*.whl", "--only-binary=:all:", "--platform",
                      "manylinux2014_x86_64", "--python-version", "3.11", PIN)


def use_bundled_sqlite(build_dir, platform, cache_dir):
    """Replace the Linux build's _sqlite3.so, and add its licence; True when it was replaced."""
    if not platform.startswith("manylinux"):
        return False
    build_dir = Path(build_dir)
    with zipfile.ZipFile(_wheel(cache_dir)) as wheel:
        with wheel.open(MODULE) as source, open(build_dir / "_sqlite3.so", "wb") as target:
            shutil.copyfileobj(source, target)
        # The wheel's module keeps its debugging symbols: 13.4 MB, 2.0 MB without them.
        subprocess.run(["strip", "--strip-unneeded", str(build_dir / "_sqlite3.so")], check=True)
        licence = build_dir / "licences" / PIN.replace("==", "-") / "LICENSE"
        licence.parent.mkdir(parents=True, exist_ok=True)
        licence.write_bytes(wheel.read(LICENCE))
    return True
