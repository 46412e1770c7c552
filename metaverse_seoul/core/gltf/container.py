"""A glTF model's container: its JSON (a .gltf, or a GLB's JSON chunk), a GLB's binary chunk, and the
bytes behind buffer and image URIs.

Only files inside the model's folder and data: URIs are ever read: a model never makes the app reach
the network or another folder. Every file is size-checked before anything is read from it, and a
GLB's binary chunk is read on demand, never whole, unless a converter asks for all of it.
"""

from __future__ import annotations

import base64
import binascii
import json
import mmap
import re
import struct
import urllib.parse
from pathlib import Path, PurePosixPath

from ..errors import InputError

MAX_FILE_BYTES = 1 << 30  # any one file of a model (.glb, .gltf, .bin, image)
MAX_JSON_BYTES = 256 << 20  # JSON text: a .gltf (data URIs included) or a GLB's JSON chunk
MAX_GLB_CHUNKS = 16
GLB_MAGIC, GLB_JSON, GLB_BIN = b"glTF", b"JSON", b"BIN\x00"
BUFFER_DATA_MIMES = ("application/octet-stream", "application/gltf-buffer")


def describe(value) -> str:
    """A JSON value as a short quote for an error message."""
    text = json.dumps(value) if not isinstance(value, float) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class Blob:
    """Bytes of one buffer or chunk: a region of a file read on demand, or bytes held in memory."""

    def __init__(self, size: int, *, file: Path | None = None, offset: int = 0, data: bytes = b""):
        self.size, self.file, self.offset, self.data = size, file, offset, data

    def read(self, start: int, length: int) -> bytes:
        if self.file is None:
            return bytes(self.data[start:start + length])
        with open(self.file, "rb") as f:
            f.seek(self.offset + start)
            return f.read(length)

    def whole(self) -> memoryview:
        """All of it, without copying a file into memory (mapped; the OS pages it in as it is read)."""
        if self.file is None:
            return memoryview(self.data)[:self.size]
        with open(self.file, "rb") as f:
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        return memoryview(mapped)[self.offset:self.offset + self.size]


class Container:
    """The JSON of a model and where its bytes are; every method refuses bad input with InputError."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.folder = self.path.parent
        self.gltf: dict = {}
        self.glb_bin: Blob | None = None
        self.external: dict[Path, None] = {}  # the files it reads, as an ordered set
        self.size = 0

    def fail(self, message: str):
        raise InputError(self.path, message)

    @classmethod
    def open(cls, path) -> "Container":
        container = cls(Path(path))
        container._read()
        return container

    def _read(self):
        self.size = self.file_size(self.path, "model")
        if self.path.suffix.lower() not in (".gltf", ".glb"):
            self.fail("not a .gltf or .glb file")
        with open(self.path, "rb") as f:
            magic = f.read(4)
        # Like panda3d-gltf, decide by content: a GLB is whatever starts with the GLB magic.
        if magic == GLB_MAGIC:
            self.gltf = self._read_glb()
        elif self.path.suffix.lower() == ".glb":
            self.fail(f"not a GLB file: starts with {magic!r}, not b'glTF'")
        else:
            if self.size > MAX_JSON_BYTES:
                self.fail(f"is {self.size} bytes; .gltf files over {MAX_JSON_BYTES} bytes are refused")
            self.gltf = self.parse_json(self.path.read_bytes(), "file")

    def file_size(self, path: Path, what: str) -> int:
        if not path.exists():
            self.fail("file not found" if path == self.path else f"{what} not found: {path.name}")
        if not path.is_file():
            self.fail(f"{what} is not a regular file: {path.name}")
        size = path.stat().st_size
        if size == 0:
            self.fail("file is empty" if path == self.path else f"{what} {path.name} is empty")
        if size > MAX_FILE_BYTES:
            self.fail(f"{what} {path.name} is {size} bytes; files over {MAX_FILE_BYTES} bytes are refused")
        return size

    def parse_json(self, raw: bytes, where: str) -> dict:
        if raw.startswith(b"\xef\xbb\xbf"):
            self.fail(f"{where} starts with a UTF-8 byte order mark, which glTF forbids")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.fail(f"{where} is not UTF-8 text (bad byte at offset {e.start})")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            self.fail(f"{where} is not valid JSON: {e.msg} at line {e.lineno} column {e.colno}")
        except RecursionError:
            self.fail(f"{where} is JSON nested too deeply")
        if not isinstance(data, dict):
            self.fail(f"{where} is JSON but not a glTF object (top level is {type(data).__name__})")
        return data

    # --- GLB -------------------------------------------------------------------------------------

    def _glb_chunks(self, f, length: int) -> list[tuple[bytes, int, int]]:
        chunks, offset = [], 12
        while offset < length:
            if len(chunks) >= MAX_GLB_CHUNKS:
                self.fail(f"GLB has more than {MAX_GLB_CHUNKS} chunks")
            if offset + 8 > length:
                self.fail(f"truncated GLB: chunk {len(chunks)} header at byte {offset} is cut off")
            f.seek(offset)
            chunk_length, chunk_type = struct.unpack("<I4s", f.read(8))
            end = offset + 8 + chunk_length
            if end > length:
                self.fail(f"truncated GLB: chunk {len(chunks)} ({chunk_type!r}) reaches byte {end} "
                          f"of a {length}-byte file")
            chunks.append((chunk_type, offset + 8, chunk_length))
            offset = end
        return chunks

    def _read_glb(self) -> dict:
        with open(self.path, "rb") as f:
            header = f.read(12)
            if len(header) < 12:
                self.fail(f"truncated GLB: {len(header)} bytes, shorter than the 12-byte header")
            _, version, length = struct.unpack("<4sII", header)
            if version != 2:
                self.fail(f"GLB version {version}; only version 2 is supported")
            if length > self.size:
                self.fail(f"truncated GLB: header says {length} bytes but the file has {self.size}")
            # Bytes after `length` are not part of the GLB: ignored, as the validator does.
            chunks = self._glb_chunks(f, length)
            if not chunks or chunks[0][0] != GLB_JSON:
                self.fail("GLB does not start with a JSON chunk")
            _, json_offset, json_length = chunks[0]
            if json_length > MAX_JSON_BYTES:
                self.fail(f"GLB JSON chunk is {json_length} bytes; over {MAX_JSON_BYTES} is refused")
            f.seek(json_offset)
            gltf = self.parse_json(f.read(json_length), "GLB JSON chunk")
        # The binary chunk, when there is one, is the second; chunks of other types are ignored.
        if len(chunks) > 1 and chunks[1][0] == GLB_BIN:
            _, bin_offset, bin_length = chunks[1]
            self.glb_bin = Blob(bin_length, file=self.path, offset=bin_offset)
        return gltf

    # --- URIs ------------------------------------------------------------------------------------

    def split_data_uri(self, uri: str, where: str) -> tuple[str, bytes]:
        """Return (mime type, decoded bytes) of a base64 data: URI."""
        header, comma, payload = uri.partition(",")
        if not comma or not header.endswith(";base64"):
            self.fail(f"{where} is a data: URI that is not base64")
        if "," in payload:
            self.fail(f"{where} is a data: URI with more than one comma")
        try:
            data = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            self.fail(f"{where} is a data: URI whose payload is not valid base64")
        return header[len("data:"):-len(";base64")].lower(), data

    def local_file(self, uri: str, where: str) -> Path:
        """Resolve a relative URI to a file inside the model's folder, refusing anything else."""
        decoded = urllib.parse.unquote(uri)
        shown = describe(uri)
        if not decoded or "\x00" in decoded:
            self.fail(f"{where} {shown} is not a file name")
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", decoded):
            self.fail(f"{where} {shown} is a URL or drive path; only files beside the model are allowed")
        parts = PurePosixPath(decoded.replace("\\", "/"))
        if parts.is_absolute() or decoded.startswith("\\"):
            self.fail(f"{where} {shown} is an absolute path; only files beside the model are allowed")
        if ".." in parts.parts:
            self.fail(f"{where} {shown} leaves the model's folder")
        file = self.folder / decoded
        self.external[file.resolve()] = None
        return file

    def buffer_blob(self, index: int, buffer: dict, length: int) -> Blob | None:
        """The bytes of buffers[index]; None for a buffer with no data of its own (no uri, and not
        the GLB binary chunk): valid as long as nothing reads it, such as a meshopt fallback."""
        where = f"buffers[{index}]"
        if "uri" not in buffer:
            if index != 0 or self.glb_bin is None:
                return None
            if self.glb_bin.size < length:
                self.fail(f"{where}.byteLength is {length} but the GLB BIN chunk has {self.glb_bin.size} bytes")
            return self.glb_bin
        uri = buffer["uri"]
        if not isinstance(uri, str):
            self.fail(f"{where}.uri is {describe(uri)}, expected a string")
        if uri.startswith("data:"):
            mime, payload = self.split_data_uri(uri, f"{where}.uri")
            if mime not in BUFFER_DATA_MIMES:
                self.fail(f"{where}.uri is a data URI of type {mime!r}; buffers must be "
                          f"{' or '.join(BUFFER_DATA_MIMES)}")
            if len(payload) < length:
                self.fail(f"{where}.uri decodes to {len(payload)} bytes but byteLength is {length}")
            return Blob(len(payload), data=payload)
        file = self.local_file(uri, f"{where}.uri")
        size = self.file_size(file, f"{where} file")
        if size < length:
            self.fail(f"{where}: {file.name} has {size} bytes but byteLength is {length}")
        return Blob(size, file=file)
