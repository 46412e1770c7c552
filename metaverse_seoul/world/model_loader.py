"""The one path every model takes into the engine: check, convert (panda3d-gltf), cache as .bam.

A glTF is checked by core.gltf_check before panda3d-gltf sees it, so a malformed file becomes an
InputError instead of a crash. Converted models are kept as .bam files in the user cache folder,
keyed by the content of the model and every file it uses, so editing a source reloads it while
a warm start skips the (pure-Python, slow) glTF conversion.

Loading is split in two so a scene can load behind a live loading screen:
- prepare(path) checks, hashes and (in a child process) converts: no engine calls, so it may run
  on a worker thread while the main thread renders;
- read(prepared) reads the .bam into the engine: main thread only, and fast.
"""

import hashlib
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import gltf
from panda3d.core import Filename, Loader, LoaderOptions, NodePath

from ..core.errors import InputError
from ..core.gltf_check import check_gltf

# Part of the cache key: a new converter or a change here must not reuse old .bam files.
CACHE_FORMAT = "2"
CONVERT_TIMEOUT_S = 600


@dataclass
class PreparedModel:
    source: Path
    bam: Path
    from_cache: bool
    seconds: float


@dataclass
class LoadedModel:
    node: NodePath
    from_cache: bool
    seconds: float


def _cache_key(path, dependencies):
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{CACHE_FORMAT}|{gltf.__version__}".encode())
    for file in [path, *dependencies]:
        digest.update(str(Path(file).name).encode())
        with open(file, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _convert_in_child(source, bam):
    command = [sys.executable, "-m", "metaverse_seoul.world.convert_model", str(source), str(bam)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise InputError(source, f"conversion took longer than {CONVERT_TIMEOUT_S} s")
    if done.returncode != 0 or not bam.is_file():
        lines = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
        if lines:
            raise InputError(source, lines[-1].split(": ", 2)[-1])
        raise InputError(source, f"the converter stopped with status {done.returncode}")


class ModelLoader:
    def __init__(self, cache_dir):
        self.cache_dir = Path(cache_dir)

    def prepare(self, path):
        """Check the file and make sure its .bam exists; safe on a worker thread."""
        start = time.perf_counter()
        path = Path(path)
        if path.suffix.lower() == ".bam":
            if not path.is_file():
                raise InputError(path, "file not found")
            return PreparedModel(path, path, False, time.perf_counter() - start)
        summary = check_gltf(path)
        bam = self.cache_dir / f"{_cache_key(path, summary.dependencies)}.bam"
        from_cache = bam.is_file()
        if not from_cache:
            _convert_in_child(path, bam)
        return PreparedModel(path, bam, from_cache, time.perf_counter() - start)

    def read(self, prepared):
        """Read a prepared model into the engine (main thread)."""
        start = time.perf_counter()
        options = LoaderOptions(LoaderOptions.LF_no_cache | LoaderOptions.LF_report_errors)
        node = Loader.getGlobalPtr().loadSync(Filename.fromOsSpecific(str(prepared.bam)), options)
        if node is None:
            if prepared.bam != prepared.source:
                prepared.bam.unlink(missing_ok=True)  # a damaged cache entry is rebuilt next time
            raise InputError(prepared.source, "could not be read back after conversion"
                             if prepared.bam != prepared.source else "could not be read as a Panda3D .bam file")
        seconds = prepared.seconds + time.perf_counter() - start
        return LoadedModel(NodePath(node), prepared.from_cache, seconds)

    def load(self, path):
        """Both steps at once, for tools and benchmarks that need no loading screen."""
        return self.read(self.prepare(path))
