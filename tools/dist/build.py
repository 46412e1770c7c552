"""Build the Linux package (`make dist`), or reuse one built from the very same sources (the tests).

    python -m tools.dist.build            # build now; print the package's path and size
    python -m tools.dist.build --reuse    # a package of the same sources if one was built, else build

A package is keyed by a hash of everything that goes into it: the code the freezer reads (main.py,
metaverse_seoul/, city_services/), the files shipped beside it (assets/, scenes/, config/, desktop/),
the build itself (build_apps.py, setup.cfg, tools/dist/) and the pinned requirements. Packages are
kept in the user cache folder (~/.cache/metaverse-seoul/packages/KEY/), outside the repository, so
every checkout of the same sources shares them. A cold build takes about five minutes on two cores
(downloading the wheels, freezing, converting the models when the model cache is cold).
"""

import argparse
import fcntl
import hashlib
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from metaverse_seoul import __version__
from metaverse_seoul.paths import user_cache_dir

from . import requirements

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = "manylinux2014_x86_64"
PACKAGE_NAME = f"metaverse-seoul-{__version__}_{PLATFORM}.tar.gz"
INPUTS = ["main.py", "build_apps.py", "setup.cfg", "metaverse_seoul", "city_services", "assets", "scenes",
          "config", "desktop", "tools/dist", "tools/make_icon.py"]
KEEP = 3  # packages kept in the cache; older ones are removed


def cache_dir():
    return user_cache_dir() / "packages"


def _input_files():
    for name in INPUTS:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        yield from (f for f in files if "__pycache__" not in f.parts and f.suffix != ".pyc")


def source_key():
    """A hash of the package's inputs: the same sources and requirements give the same key."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{PLATFORM}|{sys.version_info[:2]}|{sorted(requirements.pinned_closure().values())}".encode())
    for file in _input_files():
        digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


@contextmanager
def _lock():
    """One build at a time on this machine: builds share the wheel downloads and two cores."""
    cache_dir().mkdir(parents=True, exist_ok=True)
    with open(cache_dir() / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _build(destination):
    log = destination.parent / "build.log"
    command = [sys.executable, "build_apps.py", "bdist_apps", "-p", PLATFORM]
    with open(log, "w") as out:
        done = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        tail = "\n".join(log.read_text().splitlines()[-15:])
        raise RuntimeError(f"build_apps failed (status {done.returncode}; full log {log}):\n{tail}")
    shutil.copyfile(ROOT / "dist" / PACKAGE_NAME, destination)


def _prune():
    entries = sorted((p for p in cache_dir().iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in entries[:-KEEP]:
        shutil.rmtree(old, ignore_errors=True)


def package(reuse=True):
    """(path of the Linux package for the current sources, seconds spent building: 0 when reused)."""
    key = source_key()
    folder = cache_dir() / key
    target = folder / PACKAGE_NAME
    with _lock():
        if reuse and target.is_file():
            folder.touch()
            return target, 0.0
        folder.mkdir(parents=True, exist_ok=True)
        start = time.monotonic()
        _build(target)
        _prune()
        return target, time.monotonic() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description="Build the Linux package of Metaverse Seoul.")
    parser.add_argument("--reuse", action="store_true", help="reuse a package built from the same sources")
    args = parser.parse_args(argv)
    path, seconds = package(reuse=args.reuse)
    how = f"built in {seconds:.0f} s" if seconds else "reused: same sources"
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB, {how})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
