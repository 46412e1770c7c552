"""The one path every model takes into the engine: check, convert (panda3d-gltf), cache as .bam.

A glTF is checked by core.gltf_check before panda3d-gltf sees it, so a malformed file becomes an
InputError instead of a crash. Converted models are kept as .bam files in the user cache folder,
keyed by the content of the model and every file it uses, so editing a source reloads it while
a warm start skips the (pure-Python, slow) glTF conversion.

Loading is split in two so a scene can load behind a live loading screen:
- prepare(path, report) checks, hashes and (in a child process) converts: no engine calls, so it
  may run on a worker thread while the main thread renders; report(fraction) follows the bytes
  hashed and the converter's own progress lines;
- read(prepared) reads the .bam into the engine: main thread only, and fast.

A packaged app ships its models as zlib-compressed .bam files (.bam.pz, a quarter of the size: most of a
model is its raw textures); prepare() unpacks one into the cache once, like a conversion.
"""

import hashlib
import subprocess
import zlib
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import gltf
from panda3d.core import Filename, Loader, LoaderOptions, NodePath

from ..core.atomic_file import replaced_atomically
from ..core.errors import InputError
from ..core.gltf_check import GltfSummary, check_gltf
from ..paths import FROZEN
from .convert_model import CHILD_ARG, PROGRESS_PREFIX

# Part of the cache key: a new converter or a change here must not reuse old .bam files.
CACHE_FORMAT = "3"  # 3: plain geometry (decoded, dequantized), levels of detail, decoded KTX2/WebP
CONVERT_TIMEOUT_S = 600
HASH_SHARE = 0.15  # of a model's progress bar: hashing its bytes; the rest is the converter's
HASH_BLOCK = 4 << 20


@dataclass
class PreparedModel:
    source: Path
    bam: Path
    from_cache: bool
    seconds: float
    summary: Optional[GltfSummary] = None


@dataclass
class LoadedModel:
    node: NodePath
    from_cache: bool
    seconds: float
    summary: Optional[GltfSummary] = None


def _nothing(fraction):
    return None


def _cache_key(path, dependencies, block_formats, report=_nothing):
    """Content hash of the model and every file it reads, with what else decides the .bam."""
    files = [Path(path), *map(Path, dependencies)]
    total = max(sum(file.stat().st_size for file in files), 1)
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{CACHE_FORMAT}|{gltf.__version__}|{','.join(block_formats)}".encode())
    done = 0
    for file in files:
        digest.update(file.name.encode())
        with open(file, "rb") as stream:
            for block in iter(lambda: stream.read(HASH_BLOCK), b""):
                digest.update(block)
                done += len(block)
                report(done / total)
    return digest.hexdigest()


def converter_command():
    """How to start convert_model: a packaged app has no `python -m`, so it starts itself with
    --convert-model (main.py hands that to the converter before anything else)."""
    if FROZEN:
        return [str(Path(sys.executable).resolve()), CHILD_ARG]  # the install may be started through a link
    return [sys.executable, "-m", "metaverse_seoul.world.convert_model"]


def _read_progress(stream, report):
    for line in stream:
        if line.startswith(PROGRESS_PREFIX):
            try:
                report(float(line[len(PROGRESS_PREFIX):]))
            except ValueError:
                pass


def _convert_in_child(source, bam, block_formats=(), report=_nothing):
    command = [*converter_command(), str(source), str(bam)]
    if block_formats:
        command += ["--blocks", ",".join(block_formats)]
    try:
        # No console window flashing up on Windows while a model converts.
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except OSError as exc:  # e.g. an installation that lost its executable
        raise InputError(source, f"the glTF converter could not be started ({exc.strerror}: {command[0]})")
    errors = []
    reader = threading.Thread(target=lambda: errors.extend(child.stderr), daemon=True)
    reader.start()
    timer = threading.Timer(CONVERT_TIMEOUT_S, child.kill)
    timer.start()
    try:
        _read_progress(child.stdout, report)
        status = child.wait()
    finally:
        timer.cancel()
    reader.join()
    if status < 0 and timer.finished.is_set():
        raise InputError(source, f"conversion took longer than {CONVERT_TIMEOUT_S} s")
    if status != 0 or not bam.is_file():
        lines = [line.rstrip("\n") for line in errors if line.startswith("error: ")]
        if lines:
            raise InputError(source, lines[-1].split(": ", 2)[-1])
        raise InputError(source, f"the converter stopped with status {status}")


PACKED_SUFFIX = ".bam.pz"


def _unpack(packed, bam):
    """A shipped .bam.pz unpacked into the cache (whole or not at all)."""
    try:
        with replaced_atomically(bam, suffix=".bam.tmp") as tmp:
            tmp.write_bytes(zlib.decompress(packed.read_bytes()))
    except (OSError, zlib.error) as exc:
        raise InputError(packed, f"could not be unpacked: {exc}") from exc


def pack(bam, packed):
    """A .bam compressed as the packaged app ships it (build_apps.py)."""
    Path(packed).write_bytes(zlib.compress(Path(bam).read_bytes(), 6))


class ModelLoader:
    def __init__(self, cache_dir, block_formats=()):
        """`block_formats`: the DXT formats the GPU keeps compressed (decoded_textures.block_formats)."""
        self.cache_dir = Path(cache_dir)
        self.block_formats = tuple(block_formats)

    def prepare(self, path, report=_nothing):
        """Check the file and make sure its .bam exists; safe on a worker thread."""
        start = time.perf_counter()
        path = Path(path)
        if path.name.lower().endswith((".bam", PACKED_SUFFIX)) and not path.is_file():
            raise InputError(path, "file not found")
        if path.suffix.lower() == ".bam":
            return PreparedModel(path, path, False, time.perf_counter() - start)
        self._make_cache_folder()
        if path.name.lower().endswith(PACKED_SUFFIX):
            bam = self.cache_dir / f"{_cache_key(path, (), (), report)}.bam"
            from_cache = bam.is_file()
            if not from_cache:
                _unpack(path, bam)
            return PreparedModel(path, bam, from_cache, time.perf_counter() - start)
        summary = check_gltf(path)
        key = _cache_key(path, summary.dependencies, self.block_formats, lambda f: report(HASH_SHARE * f))
        bam = self.cache_dir / f"{key}.bam"
        from_cache = bam.is_file()
        if not from_cache:
            _convert_in_child(path, bam, self.block_formats,
                              lambda f: report(HASH_SHARE + (1 - HASH_SHARE) * f))
        report(1.0)
        return PreparedModel(path, bam, from_cache, time.perf_counter() - start, summary)

    def _make_cache_folder(self):
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # named here, not as a failed conversion of some model
            raise InputError(self.cache_dir, f"the model cache cannot be made here ({exc.strerror or exc}); "
                             "set METAVERSE_SEOUL_CACHE_DIR to a folder you can write") from None

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
        return LoadedModel(NodePath(node), prepared.from_cache, seconds, prepared.summary)

    def load(self, path):
        """Both steps at once, for tools and benchmarks that need no loading screen."""
        return self.read(self.prepare(path))
