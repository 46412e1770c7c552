"""The one path every model takes into the engine: check, convert (panda3d-gltf), cache as .bam.

A glTF is checked by core.gltf_check before panda3d-gltf sees it, so a malformed file becomes an
InputError instead of a crash. Converted models are kept as .bam files in the user cache folder,
keyed by the content of the model and every file it uses, so editing a source reloads it while
a warm start skips the (pure-Python, slow) glTF conversion.
"""

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import gltf
from panda3d.core import Filename, Loader, LoaderOptions, NodePath

from ..core.errors import InputError
from ..core.gltf_check import check_gltf

# Part of the cache key: a new converter or a change here must not reuse old .bam files.
CACHE_FORMAT = "1"


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


class ModelLoader:
    def __init__(self, cache_dir, use_cache=True):
        self.cache_dir = Path(cache_dir)
        self.use_cache = use_cache

    def load(self, path):
        """Load a .gltf/.glb (or .bam) file as a NodePath; InputError on any bad input."""
        start = time.perf_counter()
        path = Path(path)
        if path.suffix.lower() == ".bam":
            return LoadedModel(self._read_bam(path, path), False, time.perf_counter() - start)
        summary = check_gltf(path)
        bam = self.cache_dir / f"{_cache_key(path, summary.dependencies)}.bam" if self.use_cache else None
        if bam is not None and bam.is_file():
            try:
                return LoadedModel(self._read_bam(bam, path), True, time.perf_counter() - start)
            except InputError:
                bam.unlink(missing_ok=True)  # a damaged cache entry is rebuilt, never shown
        node = self._convert(path)
        if bam is not None:
            self._write_bam(node, bam)
        return LoadedModel(node, False, time.perf_counter() - start)

    def _convert(self, path):
        try:
            root = gltf.load_model(str(path), gltf.GltfSettings())
        except Exception as exc:  # the converter's errors are many and untyped; the file is at fault
            raise InputError(path, f"could not be converted: {type(exc).__name__}: {exc}".splitlines()[0])
        return NodePath(root)

    def _read_bam(self, bam, shown_path):
        options = LoaderOptions(LoaderOptions.LF_no_cache | LoaderOptions.LF_report_errors)
        node = Loader.getGlobalPtr().loadSync(Filename.fromOsSpecific(str(bam)), options)
        if node is None:
            raise InputError(shown_path, "could not be read as a Panda3D .bam file")
        return NodePath(node)

    def _write_bam(self, node, bam):
        # Write to a temporary name and rename, so a crash never leaves half a cache file.
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".bam.tmp", dir=self.cache_dir)
        os.close(fd)
        try:
            if node.writeBamFile(Filename.fromOsSpecific(tmp)):
                os.replace(tmp, bam)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
