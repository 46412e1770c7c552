"""The gate every glTF 2.0 / GLB model passes before it reaches the engine.

`check_gltf(path)` reads a model the way panda3d-gltf will, without importing Panda3D, and refuses
with a one-line `InputError` anything that would make the loader or the engine crash: a truncated or
corrupt file, data outside its buffer, indices past the vertex count, images that are not images,
URIs that leave the model's folder, and the few valid glTF features the loader cannot read (its
quirks are noted where they are checked). A model that passes comes back as a `GltfSummary` with its
counts and the external files it depends on.

Work is bounded: a GLB's binary chunk is never read whole; only index data, sparse indices and
images are read, and every file is size-checked before anything is read from it.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import struct
import urllib.parse
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np

from metaverse_seoul.core.errors import InputError

MAX_FILE_BYTES = 1 << 30  # any one file of a model (.glb, .gltf, .bin, image)
MAX_JSON_BYTES = 256 << 20  # JSON text: a .gltf (data URIs included) or a GLB's JSON chunk
MAX_IMAGE_BYTES = 256 << 20
MAX_IMAGE_PIXELS_SIDE = 16384
MAX_NODE_DEPTH = 256  # the loader builds the scene graph recursively
MAX_GLB_CHUNKS = 16
# Panda3D computes in 32-bit floats: larger coordinates overflow to infinity and trip its NaN checks.
MAX_COORDINATE = 1e9

GLB_MAGIC = b"glTF"
GLB_JSON = b"JSON"
GLB_BIN = b"BIN\x00"

COMPONENT_SIZES = {5120: 1, 5121: 1, 5122: 2, 5123: 2, 5124: 4, 5125: 4, 5126: 4}
INDEX_DTYPES = {5121: "<u1", 5123: "<u2", 5125: "<u4"}
TYPE_SHAPES = {"SCALAR": (1, 1), "VEC2": (1, 2), "VEC3": (1, 3), "VEC4": (1, 4),
               "MAT2": (2, 2), "MAT3": (3, 3), "MAT4": (4, 4)}
VALID_MODES = range(7)
ANIMATION_PATH_TYPES = {"translation": "VEC3", "rotation": "VEC4", "scale": "VEC3", "weights": "SCALAR"}
# Elements per primitive for the modes the loader builds: a partial triangle or line breaks it.
MODE_GROUPS = {1: 2, 4: 3}
# panda3d-gltf makes strips and fans without their strip lengths, which trips Panda3D's assertions.
UNSUPPORTED_MODES = {3: "line strip", 5: "triangle strip", 6: "triangle fan"}
TRIANGLE_MODES = {4: lambda n: n // 3, 5: lambda n: max(n - 2, 0), 6: lambda n: max(n - 2, 0)}

# Required extensions the loader either implements or can safely ignore (the model still looks right).
SUPPORTED_REQUIRED_EXTENSIONS = frozenset({
    "KHR_texture_transform", "KHR_lights_punctual", "KHR_materials_ior",
    "KHR_materials_unlit", "KHR_materials_emissive_strength",
})
# Images in these formats may appear when their extension is declared; the loader never decodes them.
EXTENSION_IMAGE_FORMATS = {"KHR_texture_basisu": "ktx2", "EXT_texture_webp": "webp"}
MIME_FORMATS = {"image/png": "png", "image/jpeg": "jpeg", "image/jpg": "jpeg",  # jpg: common misspelling
                "image/ktx2": "ktx2", "image/webp": "webp"}
BUFFER_DATA_MIMES = ("application/octet-stream", "application/gltf-buffer")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KTX2_SIGNATURE = b"\xabKTX 20\xbb\r\n\x1a\n"
PNG_COLOR_DEPTHS = {0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}
JPEG_DECODABLE_SOF = {0xC0: "baseline", 0xC1: "extended", 0xC2: "progressive"}

ARRAY_PROPERTIES = ("accessors", "animations", "buffers", "bufferViews", "cameras", "images",
                    "materials", "meshes", "nodes", "samplers", "scenes", "skins", "textures")


@dataclass(frozen=True)
class GltfSummary:
    """What a model that passed the check contains."""

    path: Path
    meshes: int
    primitives: int
    vertices: int  # summed over primitives, each mesh counted once however often it is instanced
    triangles: int
    images: int
    image_bytes: int  # encoded size of all images
    dependencies: tuple[Path, ...]  # the .bin and image files it reads, absolute, no duplicates


def check_gltf(path) -> GltfSummary:
    """Check the model at `path`; raise InputError(path, one-line reason) if the engine must not see it."""
    path = Path(path)
    try:
        return _Checker(path).run()
    except RecursionError:
        raise InputError(path, "structure is nested too deeply") from None
    except MemoryError:
        raise InputError(path, "model is too large to check") from None


# --- small helpers -------------------------------------------------------------------------------

def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(value)


def _one_of(value, allowed) -> bool:
    """`value in allowed`, safe for unhashable JSON values and strict about booleans."""
    return isinstance(value, (int, str)) and not isinstance(value, bool) and value in allowed


def _describe(value) -> str:
    text = json.dumps(value) if not isinstance(value, float) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Data:
    """Bytes of one buffer, read on demand from a file region or held in memory (data: URIs)."""

    def __init__(self, size: int, *, file: Path | None = None, offset: int = 0, data: bytes = b""):
        self.size, self.file, self.offset, self.data = size, file, offset, data

    def read(self, start: int, length: int) -> bytes:
        if self.file is None:
            return self.data[start:start + length]
        with open(self.file, "rb") as f:
            f.seek(self.offset + start)
            return f.read(length)


class _Checker:
    def __init__(self, path: Path):
        self.path = path
        self.folder = path.parent
        self.glb_bin: _Data | None = None
        self.gltf: dict = {}
        self.buffers: list[_Data] = []
        self.external: dict[Path, None] = {}  # ordered set
        self.checked_positions: set[int] = set()

    def fail(self, message: str):
        raise InputError(self.path, message)

    # --- top level -------------------------------------------------------------------------------

    def run(self) -> GltfSummary:
        size = self._file_size(self.path, "model")
        if self.path.suffix.lower() not in (".gltf", ".glb"):
            self.fail("not a .gltf or .glb file")
        with open(self.path, "rb") as f:
            magic = f.read(4)
        # Like panda3d-gltf, decide by content: a GLB is whatever starts with the GLB magic.
        if magic == GLB_MAGIC:
            self.gltf = self._read_glb(size)
        elif self.path.suffix.lower() == ".glb":
            self.fail(f"not a GLB file: starts with {magic!r}, not b'glTF'")
        else:
            if size > MAX_JSON_BYTES:
                self.fail(f"is {size} bytes; .gltf files over {MAX_JSON_BYTES} bytes are refused")
            self.gltf = self._parse_json(self.path.read_bytes(), "file")

        self._check_structure()
        self._check_extensions()
        self._load_buffers()
        self._check_buffer_views()
        self._check_accessors()
        self._check_scenes_and_nodes()
        self._check_cameras_and_lights()
        self._check_skins_and_animations()
        self._check_materials_and_textures()
        images, image_bytes = self._check_images()
        meshes, primitives, vertices, triangles = self._check_meshes()
        return GltfSummary(self.path, meshes, primitives, vertices, triangles, images, image_bytes,
                           tuple(self.external))

    def _file_size(self, path: Path, what: str) -> int:
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

    def _parse_json(self, raw: bytes, where: str) -> dict:
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

    # --- GLB container ---------------------------------------------------------------------------

    def _read_glb(self, size: int) -> dict:
        with open(self.path, "rb") as f:
            header = f.read(12)
            if len(header) < 12:
                self.fail(f"truncated GLB: {len(header)} bytes, shorter than the 12-byte header")
            _, version, length = struct.unpack("<4sII", header)
            if version != 2:
                self.fail(f"GLB version {version}; only version 2 is supported")
            if length != size:
                self.fail(f"truncated GLB: header says {length} bytes but the file has {size}"
                          if length > size else
                          f"GLB header says {length} bytes but the file has {size}")
            chunks = []
            offset = 12
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
            if not chunks or chunks[0][0] != GLB_JSON:
                self.fail("GLB does not start with a JSON chunk")
            _, json_offset, json_length = chunks[0]
            if json_length > MAX_JSON_BYTES:
                self.fail(f"GLB JSON chunk is {json_length} bytes; over {MAX_JSON_BYTES} is refused")
            f.seek(json_offset)
            gltf = self._parse_json(f.read(json_length), "GLB JSON chunk")
        if len(chunks) > 1:
            # panda3d-gltf asserts that the second chunk is the binary one.
            chunk_type, bin_offset, bin_length = chunks[1]
            if chunk_type != GLB_BIN:
                self.fail(f"GLB chunk 1 has type {chunk_type!r}, expected b'BIN\\x00'")
            self.glb_bin = _Data(bin_length, file=self.path, offset=bin_offset)
        return gltf

    # --- JSON shape ------------------------------------------------------------------------------

    def _check_structure(self):
        gltf = self.gltf
        asset = gltf.get("asset")
        if not isinstance(asset, dict):
            self.fail("JSON is not glTF: no 'asset' object")
        version = asset.get("version")
        if not isinstance(version, str):
            self.fail("JSON is not glTF: asset.version is missing or not a string")
        if not re.fullmatch(r"2\.\d+", version):
            self.fail(f"asset.version is {_describe(version)}; only glTF 2.x is supported")
        min_version = asset.get("minVersion")
        if min_version is not None and (not isinstance(min_version, str)
                                        or not re.fullmatch(r"2\.0", min_version)):
            self.fail(f"asset.minVersion is {_describe(min_version)}; only glTF 2.0 is supported")
        for name in ARRAY_PROPERTIES:
            items = gltf.get(name, [])
            if not isinstance(items, list):
                self.fail(f"{name} is {type(items).__name__}, expected a list")
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    self.fail(f"{name}[{i}] is {type(item).__name__}, expected an object")
                if not isinstance(item.get("name", ""), str):  # Panda3D node names must be strings
                    self.fail(f"{name}[{i}].name is {_describe(item['name'])}, expected a string")
        for name in ("extensionsUsed", "extensionsRequired"):
            items = gltf.get(name, [])
            if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
                self.fail(f"{name} is not a list of names")
        if not isinstance(gltf.get("extensions", {}), dict):
            self.fail("extensions is not an object")

    def _array(self, name: str) -> list:
        return self.gltf.get(name, [])

    def _ref(self, value, array: str, where: str) -> int:
        """Check that `value` indexes into the top-level `array`; return it."""
        items = self._array(array)
        if not _is_int(value):
            self.fail(f"{where} is {_describe(value)}, expected an index into {array}")
        if not 0 <= value < len(items):
            self.fail(f"{where} is {value} but the model has no {array}" if not items else
                      f"{where} is {value}, not an index into {array} (0 to {len(items) - 1})")
        return value

    def _opt_ref(self, obj: dict, key: str, array: str, where: str):
        if key in obj:
            return self._ref(obj[key], array, f"{where}.{key}")
        return None

    def _int(self, obj: dict, key: str, where: str, default=None, minimum=0) -> int:
        value = obj.get(key, default)
        if not _is_int(value) or value < minimum:
            shown = "missing" if key not in obj else _describe(value)
            self.fail(f"{where}.{key} is {shown}, expected an integer >= {minimum}")
        return value

    def _numbers(self, obj: dict, key: str, where: str, length: int | None = None,
                 limit: float = math.inf):
        if key not in obj:
            return
        value = obj[key]
        if (not isinstance(value, list) or not all(_is_number(v) and abs(v) <= limit for v in value)
                or (length is not None and len(value) != length)):
            expected = f"{length} finite numbers" if length else "a list of finite numbers"
            if limit != math.inf:
                expected += f" within ±{limit:g}"
            self.fail(f"{where}.{key} is {_describe(value)}, expected {expected}")

    def _number(self, obj: dict, key: str, where: str, required=False, positive=False):
        if key not in obj:
            if required:
                self.fail(f"{where}.{key} is missing")
            return
        value = obj[key]
        if not _is_number(value) or (positive and value <= 0):
            kind = "a positive number" if positive else "a finite number"
            self.fail(f"{where}.{key} is {_describe(value)}, expected {kind}")

    def _dict(self, obj: dict, key: str, where: str, required=False) -> dict:
        if key not in obj:
            if required:
                self.fail(f"{where}.{key} is missing")
            return {}
        value = obj[key]
        if not isinstance(value, dict):
            self.fail(f"{where}.{key} is {_describe(value)}, expected an object")
        return value

    def _check_extensions(self):
        for name in self.gltf.get("extensionsRequired", []):
            if name not in SUPPORTED_REQUIRED_EXTENSIONS:
                self.fail(f"requires extension {name}, which the model loader cannot handle")

    # --- buffers and views -----------------------------------------------------------------------

    def _load_buffers(self):
        buffers = self._array("buffers")
        if self.glb_bin is not None:
            # panda3d-gltf replaces the buffer list with the BIN chunk alone.
            if not buffers or "uri" in buffers[0]:
                self.fail("GLB has a BIN chunk but buffers[0] does not refer to it")
            if len(buffers) > 1:
                self.fail(f"GLB has {len(buffers)} buffers; the loader reads only the BIN chunk")
        for i, buffer in enumerate(buffers):
            where = f"buffers[{i}]"
            length = self._int(buffer, "byteLength", where, minimum=1)
            if "uri" not in buffer:
                if i != 0 or self.glb_bin is None:
                    self.fail(f"{where} has no uri and there is no GLB BIN chunk for it")
                data = self.glb_bin
                if data.size < length:
                    self.fail(f"{where}.byteLength is {length} but the GLB BIN chunk has {data.size} bytes")
            else:
                data = self._buffer_from_uri(buffer["uri"], length, where)
            self.buffers.append(_Data(length, file=data.file, offset=data.offset, data=data.data))

    def _buffer_from_uri(self, uri, length: int, where: str) -> _Data:
        if not isinstance(uri, str):
            self.fail(f"{where}.uri is {_describe(uri)}, expected a string")
        if uri.startswith("data:"):
            mime, payload = self._split_data_uri(uri, f"{where}.uri")
            if mime not in BUFFER_DATA_MIMES:
                self.fail(f"{where}.uri is a data URI of type {mime!r}; buffers must be "
                          f"{' or '.join(BUFFER_DATA_MIMES)}")
            if len(payload) > MAX_JSON_BYTES:
                self.fail(f"{where}.uri data is larger than {MAX_JSON_BYTES} bytes")
            if len(payload) < length:
                self.fail(f"{where}.uri decodes to {len(payload)} bytes but byteLength is {length}")
            return _Data(len(payload), data=payload)
        if "%" in uri and urllib.parse.unquote(uri) != uri:
            # panda3d-gltf opens buffer files by the raw URI, so an escaped name would not be found.
            self.fail(f"{where}.uri {_describe(uri)} is percent-encoded, which the loader cannot open")
        file = self._local_file(uri, f"{where}.uri")
        if not file.name.lower().endswith(".bin"):
            self.fail(f"{where}.uri {_describe(uri)}: the loader reads external buffers only from .bin files")
        size = self._file_size(file, f"{where} file")
        if size < length:
            self.fail(f"{where}: {file.name} has {size} bytes but byteLength is {length}")
        return _Data(size, file=file)

    def _split_data_uri(self, uri: str, where: str) -> tuple[str, bytes]:
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

    def _local_file(self, uri: str, where: str) -> Path:
        """Resolve a relative URI to a file inside the model's folder, refusing anything else."""
        decoded = urllib.parse.unquote(uri)
        shown = _describe(uri)
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

    def _check_buffer_views(self):
        for i, view in enumerate(self._array("bufferViews")):
            where = f"bufferViews[{i}]"
            buffer = self._ref(view.get("buffer"), "buffers", f"{where}.buffer")
            offset = self._int(view, "byteOffset", where, default=0)
            length = self._int(view, "byteLength", where, minimum=1)
            if "byteStride" in view:
                stride = view["byteStride"]
                if not _is_int(stride) or not 4 <= stride <= 252 or stride % 4:
                    self.fail(f"{where}.byteStride is {_describe(stride)}, expected a multiple of 4 "
                              f"from 4 to 252")
            size = self.buffers[buffer].size
            if offset + length > size:
                self.fail(f"{where}: reaches byte {offset + length} of buffers[{buffer}] "
                          f"which has {size} bytes")

    def _view_bytes(self, view_index: int, start: int, length: int) -> bytes:
        view = self._array("bufferViews")[view_index]
        buffer = self.buffers[view["buffer"]]
        return buffer.read(view.get("byteOffset", 0) + start, length)

    # --- accessors -------------------------------------------------------------------------------

    def _check_accessors(self):
        for i, accessor in enumerate(self._array("accessors")):
            where = f"accessors[{i}]"
            component = accessor.get("componentType")
            if not _one_of(component, COMPONENT_SIZES):
                self.fail(f"{where}.componentType is {_describe(component)}, not a glTF component type")
            kind = accessor.get("type")
            if not _one_of(kind, TYPE_SHAPES):
                self.fail(f"{where}.type is {_describe(kind)}, not a glTF accessor type")
            count = self._int(accessor, "count", where, minimum=1)
            if "bufferView" not in accessor:
                # panda3d-gltf reads every accessor straight from its buffer view.
                reason = "sparse-only accessors" if "sparse" in accessor else "all-zero accessors"
                self.fail(f"{where} has no bufferView ({reason} are not supported by the loader)")
            self._check_accessor_range(where, accessor["bufferView"], accessor.get("byteOffset", 0),
                                       count, self._element_size(component, kind))
            if "sparse" in accessor:
                self._check_sparse(where, accessor, count)

    @staticmethod
    def _element_size(component: int, kind: str) -> int:
        size = COMPONENT_SIZES[component]
        columns, rows = TYPE_SHAPES[kind]
        if columns == 1:
            return size * rows
        column_bytes = -(-size * rows // 4) * 4  # matrix columns are padded to 4 bytes
        return column_bytes * columns

    def _check_accessor_range(self, where, view_ref, offset, count, element, strided=True):
        view_index = self._ref(view_ref, "bufferViews", f"{where}.bufferView")
        if not _is_int(offset) or offset < 0:
            self.fail(f"{where}.byteOffset is {_describe(offset)}, expected an integer >= 0")
        view = self._array("bufferViews")[view_index]
        stride = view.get("byteStride", element) if strided else element
        if stride < element:
            self.fail(f"{where}: elements of {element} bytes do not fit bufferViews[{view_index}]"
                      f".byteStride {stride}")
        end = offset + stride * (count - 1) + element
        if end > view["byteLength"]:
            self.fail(f"{where}: reaches byte {end} of bufferViews[{view_index}] which has "
                      f"{view['byteLength']} bytes")

    def _check_sparse(self, where: str, accessor: dict, count: int):
        sparse = self._dict(accessor, "sparse", where)
        where = f"{where}.sparse"
        sparse_count = self._int(sparse, "count", where, minimum=1)
        if sparse_count > count:
            self.fail(f"{where}.count is {sparse_count}, more than the accessor's {count} elements")
        indices = self._dict(sparse, "indices", where, required=True)
        values = self._dict(sparse, "values", where, required=True)
        component = indices.get("componentType")
        if not _one_of(component, INDEX_DTYPES):
            self.fail(f"{where}.indices.componentType is {_describe(component)}, expected 5121, 5123 or 5125")
        index_offset = indices.get("byteOffset", 0)
        self._check_accessor_range(f"{where}.indices", indices.get("bufferView"), index_offset,
                                   sparse_count, COMPONENT_SIZES[component], strided=False)
        self._check_accessor_range(f"{where}.values", values.get("bufferView"), values.get("byteOffset", 0),
                                   sparse_count, self._element_size(accessor["componentType"], accessor["type"]),
                                   strided=False)
        found = self._read_ints(indices["bufferView"], index_offset, sparse_count, component)
        if found.size and int(found.max()) >= count:
            self.fail(f"{where}.indices: index {int(found.max())} is past the accessor's {count} elements")

    def _read_ints(self, view_index: int, offset: int, count: int, component: int) -> np.ndarray:
        dtype = np.dtype(INDEX_DTYPES[component])
        raw = self._view_bytes(view_index, offset, count * dtype.itemsize)
        if len(raw) != count * dtype.itemsize:  # the file changed under us or a buffer lied
            self.fail(f"bufferViews[{view_index}]: data ends early")
        return np.frombuffer(raw, dtype=dtype)

    # --- scene graph -----------------------------------------------------------------------------

    def _check_scenes_and_nodes(self):
        nodes = self._array("nodes")
        scenes = self._array("scenes")
        if "scene" in self.gltf:
            self._ref(self.gltf["scene"], "scenes", "scene")
        for i, scene in enumerate(scenes):
            where = f"scenes[{i}]"
            roots = scene.get("nodes")
            if not isinstance(roots, list):
                # panda3d-gltf reads scene['nodes'] unconditionally.
                self.fail(f"{where} has no nodes list")
            for j, root in enumerate(roots):
                self._ref(root, "nodes", f"{where}.nodes[{j}]")
        parents: dict[int, int] = {}
        for i, node in enumerate(nodes):
            where = f"nodes[{i}]"
            for key, array in (("mesh", "meshes"), ("camera", "cameras"), ("skin", "skins")):
                self._opt_ref(node, key, array, where)
            children = node.get("children", [])
            if not isinstance(children, list):
                self.fail(f"{where}.children is {_describe(children)}, expected a list")
            for j, child in enumerate(children):
                self._ref(child, "nodes", f"{where}.children[{j}]")
                if child == i:
                    self.fail(f"{where} is its own child")
                if child in parents:
                    self.fail(f"nodes[{child}] has two parents, nodes[{parents[child]}] and nodes[{i}]")
                parents[child] = i
            for key, length in (("matrix", 16), ("translation", 3), ("rotation", 4), ("scale", 3)):
                self._numbers(node, key, where, length, limit=MAX_COORDINATE)
            self._numbers(node, "weights", where)
        self._check_node_depths(nodes, parents)

    def _check_node_depths(self, nodes: list, parents: dict[int, int]):
        """Refuse cycles and hierarchies deeper than the loader's recursion can follow."""
        depth: dict[int, int] = {}
        for start in range(len(nodes)):
            chain, seen = [], set()
            node = start
            while node not in depth:
                if node in seen:
                    self.fail(f"nodes[{node}] is its own ancestor (the node hierarchy has a cycle)")
                chain.append(node)
                seen.add(node)
                if node not in parents:
                    depth[node] = 1
                    chain.pop()
                    break
                node = parents[node]
            for node in reversed(chain):
                depth[node] = depth[parents[node]] + 1
                if depth[node] > MAX_NODE_DEPTH:
                    self.fail(f"nodes[{node}] is nested {depth[node]} levels deep; "
                              f"more than {MAX_NODE_DEPTH} is refused")

    def _check_cameras_and_lights(self):
        for i, camera in enumerate(self._array("cameras")):
            where = f"cameras[{i}]"
            kind = camera.get("type")
            if kind not in ("perspective", "orthographic"):
                self.fail(f"{where}.type is {_describe(kind)}, expected perspective or orthographic")
            if kind == "perspective":
                lens = self._dict(camera, "perspective", where, required=True)
                for key in ("yfov", "znear", "zfar"):  # the loader needs zfar although glTF does not
                    self._number(lens, key, f"{where}.perspective", required=True, positive=True)
                self._number(lens, "aspectRatio", f"{where}.perspective", positive=True)
        extensions = self.gltf.get("extensions", {})
        lights = extensions.get("KHR_lights_punctual", {}) if isinstance(extensions, dict) else {}
        lights = lights.get("lights", []) if isinstance(lights, dict) else None
        if not isinstance(lights, list) or not all(isinstance(x, dict) for x in lights):
            self.fail("extensions.KHR_lights_punctual.lights is not a list of objects")
        for i, light in enumerate(lights):
            where = f"KHR_lights_punctual.lights[{i}]"
            if light.get("type") not in ("point", "directional", "spot"):
                self.fail(f"{where}.type is {_describe(light.get('type'))}, expected point, directional or spot")
            self._numbers(light, "color", where, 3)
            self._number(light, "intensity", where)
            self._number(light, "range", where, positive=True)
            spot = self._dict(light, "spot", where)
            self._number(spot, "innerConeAngle", f"{where}.spot")
            self._number(spot, "outerConeAngle", f"{where}.spot", positive=True)
        for i, node in enumerate(self._array("nodes")):
            node_ext = node.get("extensions", {})
            if not isinstance(node_ext, dict):
                self.fail(f"nodes[{i}].extensions is not an object")
            if "KHR_lights_punctual" in node_ext:
                light_ref = node_ext["KHR_lights_punctual"]
                light = light_ref.get("light") if isinstance(light_ref, dict) else None
                if not _is_int(light) or not 0 <= light < len(lights):
                    self.fail(f"nodes[{i}].extensions.KHR_lights_punctual.light is {_describe(light)} "
                              f"but there are {len(lights)} lights")

    def _check_skins_and_animations(self):
        for i, skin in enumerate(self._array("skins")):
            where = f"skins[{i}]"
            joints = skin.get("joints")
            if not isinstance(joints, list) or not joints:
                self.fail(f"{where}.joints is {_describe(joints)}, expected a non-empty list of nodes")
            for j, joint in enumerate(joints):
                self._ref(joint, "nodes", f"{where}.joints[{j}]")
            self._opt_ref(skin, "skeleton", "nodes", where)
            self._opt_ref(skin, "inverseBindMatrices", "accessors", where)
        for i, animation in enumerate(self._array("animations")):
            where = f"animations[{i}]"
            samplers = animation.get("samplers")
            channels = animation.get("channels")
            for name, items in (("samplers", samplers), ("channels", channels)):
                if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
                    self.fail(f"{where}.{name} is not a list of objects")
            for j, sampler in enumerate(samplers):
                self._check_key_times(sampler.get("input"), f"{where}.samplers[{j}].input")
                self._ref(sampler.get("output"), "accessors", f"{where}.samplers[{j}].output")
            for j, channel in enumerate(channels):
                self._check_channel(channel, samplers, f"{where}.channels[{j}]")

    def _check_channel(self, channel: dict, samplers: list, where: str):
        """A channel's output must hold one value (three for cubic splines) per key, of its path's type."""
        sampler = channel.get("sampler")
        if not _is_int(sampler) or not 0 <= sampler < len(samplers):
            self.fail(f"{where}.sampler is {_describe(sampler)} but the animation has {len(samplers)} samplers")
        target = self._dict(channel, "target", where, required=True)
        node = self._array("nodes")[self._ref(target.get("node"), "nodes", f"{where}.target.node")]
        path = target.get("path")
        if not _one_of(path, ANIMATION_PATH_TYPES):
            self.fail(f"{where}.target.path is {_describe(path)}, expected one of {', '.join(ANIMATION_PATH_TYPES)}")
        sampler = samplers[sampler]
        accessors = self._array("accessors")
        keys, output = accessors[sampler["input"]]["count"], accessors[sampler["output"]]
        per_key = 3 if sampler.get("interpolation") == "CUBICSPLINE" else 1
        if path == "weights":
            mesh = self._array("meshes")[node["mesh"]] if "mesh" in node else {}
            targets = mesh.get("primitives", [{}])[0].get("targets", [])
            per_key *= len(targets) if isinstance(targets, list) else 0
        if output["type"] != ANIMATION_PATH_TYPES[path] or output["count"] != keys * per_key:
            self.fail(f"{where}: output accessors[{sampler['output']}] has {output['count']} "
                      f"{output['type']} values; {path} with {keys} keys needs {keys * per_key} "
                      f"{ANIMATION_PATH_TYPES[path]}")

    def _check_key_times(self, ref, where: str):
        """Key times must rise strictly: the loader divides by the gap between neighbours."""
        accessor = self._array("accessors")[self._ref(ref, "accessors", where)]
        where = f"{where} (accessors[{ref}])"
        if accessor["type"] != "SCALAR" or accessor["componentType"] != 5126:
            self.fail(f"{where} must be SCALAR float key times")
        view = self._array("bufferViews")[accessor["bufferView"]]
        stride, count = view.get("byteStride", 4), accessor["count"]
        raw = self._view_bytes(accessor["bufferView"], accessor.get("byteOffset", 0), stride * (count - 1) + 4)
        times = np.ndarray((count,), dtype="<f4", buffer=raw, strides=(stride,))
        if not np.isfinite(times).all() or (times < 0).any():
            self.fail(f"{where}: key times must be finite and not negative")
        rising = np.diff(times) > 0
        if not rising.all():
            self.fail(f"{where}: key times do not rise strictly at key {int(np.argmin(rising)) + 1}")

    # --- materials, textures, images ---------------------------------------------------------------

    def _check_materials_and_textures(self):
        for i, material in enumerate(self._array("materials")):
            where = f"materials[{i}]"
            pbr = self._dict(material, "pbrMetallicRoughness", where)
            self._numbers(pbr, "baseColorFactor", f"{where}.pbrMetallicRoughness", 4)
            self._number(pbr, "metallicFactor", f"{where}.pbrMetallicRoughness")
            self._number(pbr, "roughnessFactor", f"{where}.pbrMetallicRoughness")
            self._numbers(material, "emissiveFactor", where, 3)
            self._number(material, "alphaCutoff", where)
            slots = [(pbr, "baseColorTexture", f"{where}.pbrMetallicRoughness"),
                     (pbr, "metallicRoughnessTexture", f"{where}.pbrMetallicRoughness"),
                     (material, "normalTexture", where), (material, "occlusionTexture", where),
                     (material, "emissiveTexture", where)]
            for owner, key, owner_where in slots:
                info = self._dict(owner, key, owner_where)
                if key in owner:
                    self._check_texture_info(info, f"{owner_where}.{key}")
            extensions = self._dict(material, "extensions", where)
            ior = extensions.get("KHR_materials_ior")
            if isinstance(ior, dict):
                self._number(ior, "ior", f"{where}.extensions.KHR_materials_ior")
        for i, sampler in enumerate(self._array("samplers")):
            for key in ("magFilter", "minFilter", "wrapS", "wrapT"):
                if key in sampler:  # the loader looks these up in tables: an unhashable value crashes it
                    self._int(sampler, key, f"samplers[{i}]")
        for i, texture in enumerate(self._array("textures")):
            where = f"textures[{i}]"
            self._opt_ref(texture, "source", "images", where)
            self._opt_ref(texture, "sampler", "samplers", where)
            for name in EXTENSION_IMAGE_FORMATS:
                ext = self._dict(texture, "extensions", where).get(name)
                if isinstance(ext, dict):
                    self._opt_ref(ext, "source", "images", f"{where}.extensions.{name}")

    def _check_texture_info(self, info: dict, where: str):
        self._ref(info.get("index"), "textures", f"{where}.index")
        self._int(info, "texCoord", where, default=0)
        transform = self._dict(self._dict(info, "extensions", where), "KHR_texture_transform",
                               f"{where}.extensions")
        where = f"{where}.extensions.KHR_texture_transform"
        self._numbers(transform, "offset", where, 2)
        self._numbers(transform, "scale", where, 2)
        self._number(transform, "rotation", where)
        if "texCoord" in transform:
            self._int(transform, "texCoord", where)

    def _check_images(self) -> tuple[int, int]:
        used = set(self.gltf.get("extensionsUsed", [])) | set(self.gltf.get("extensionsRequired", []))
        allowed = {"png", "jpeg"} | {fmt for ext, fmt in EXTENSION_IMAGE_FORMATS.items() if ext in used}
        # Images the loader decodes itself (a texture's plain source) must be PNG or JPEG.
        decoded = {t["source"] for t in self._array("textures") if "source" in t}
        total = 0
        for i, image in enumerate(self._array("images")):
            where = f"images[{i}]"
            data, declared = self._image_bytes(image, where)
            fmt = self._check_image_data(data, where, allowed if i not in decoded else {"png", "jpeg"})
            if declared is not None and MIME_FORMATS.get(declared) != fmt:
                self.fail(f"{where} is declared {declared} but its data is {fmt.upper()}")
            total += len(data)
        return len(self._array("images")), total

    def _image_bytes(self, image: dict, where: str) -> tuple[bytes, str | None]:
        """Return the encoded image and the MIME type it claims (None for files, known by content)."""
        if "uri" in image:
            uri = image["uri"]
            if not isinstance(uri, str):
                self.fail(f"{where}.uri is {_describe(uri)}, expected a string")
            if uri.startswith("data:"):
                mime, data = self._split_data_uri(uri, f"{where}.uri")
                if not mime.startswith("image/"):
                    self.fail(f"{where}.uri is a data URI of type {mime!r}, not an image")
                return data, mime
            file = self._local_file(uri, f"{where}.uri")
            if self._file_size(file, f"{where} file") > MAX_IMAGE_BYTES:
                self.fail(f"{where}: {file.name} is larger than {MAX_IMAGE_BYTES} bytes")
            return file.read_bytes(), None
        if "bufferView" not in image:
            self.fail(f"{where} has neither uri nor bufferView")
        view_index = self._ref(image["bufferView"], "bufferViews", f"{where}.bufferView")
        mime = image.get("mimeType")
        if mime is None:
            self.fail(f"{where} is in a buffer view but has no mimeType")
        if not _one_of(mime, MIME_FORMATS):
            self.fail(f"{where}.mimeType is {_describe(mime)}, expected one of {', '.join(MIME_FORMATS)}")
        view = self._array("bufferViews")[view_index]
        if view["byteLength"] > MAX_IMAGE_BYTES:
            self.fail(f"{where} is larger than {MAX_IMAGE_BYTES} bytes")
        return self._view_bytes(view_index, 0, view["byteLength"]), mime

    def _check_image_data(self, data: bytes, where: str, allowed: set[str]) -> str:
        if data.startswith(PNG_SIGNATURE):
            fmt = "png"
        elif data.startswith(b"\xff\xd8\xff"):
            fmt = "jpeg"
        elif data.startswith(KTX2_SIGNATURE):
            fmt = "ktx2"
        elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            fmt = "webp"
        else:
            self.fail(f"{where} is not an image (starts with {data[:8]!r})")
        if fmt not in allowed:
            self.fail(f"{where} is a {fmt.upper()} image, which the loader cannot use here")
        if fmt == "png":
            self._check_png(data, where)
        elif fmt == "jpeg":
            self._check_jpeg(data, where)
        elif fmt == "webp" and struct.unpack_from("<I", data, 4)[0] + 8 > len(data):
            self.fail(f"{where}: truncated WebP image")
        elif fmt == "ktx2":
            if len(data) < 80:
                self.fail(f"{where}: truncated KTX2 image")
            self._check_dimensions(*struct.unpack_from("<II", data, 20), where)
        return fmt

    def _check_png(self, data: bytes, where: str):
        """Walk every chunk and verify its CRC: catches truncation and flipped bytes anywhere."""
        offset = len(PNG_SIGNATURE)
        first = True
        while True:
            if offset + 12 > len(data):
                self.fail(f"{where}: truncated PNG (no IEND chunk)")
            length, kind = struct.unpack_from(">I4s", data, offset)
            end = offset + 12 + length
            if end > len(data):
                self.fail(f"{where}: truncated PNG ({kind!r} chunk runs past the end)")
            body = data[offset + 4:offset + 8 + length]
            if zlib.crc32(body) != struct.unpack_from(">I", data, end - 4)[0]:
                self.fail(f"{where}: corrupt PNG (bad CRC in {kind!r} chunk at byte {offset})")
            if first:
                if kind != b"IHDR" or length != 13:
                    self.fail(f"{where}: corrupt PNG (first chunk is not IHDR)")
                width, height, depth, color = struct.unpack_from(">IIBB", data, offset + 8)
                self._check_dimensions(width, height, where)
                if depth not in PNG_COLOR_DEPTHS.get(color, ()):
                    self.fail(f"{where}: PNG has an invalid bit depth {depth} for color type {color}")
                first = False
            if kind == b"IEND":
                return
            offset = end

    def _check_jpeg(self, data: bytes, where: str):
        """Walk the marker segments up to the start of scan, checking the frame header on the way."""
        offset = 2
        frame = None
        while True:
            while offset < len(data) and data[offset] == 0xFF and offset + 1 < len(data) \
                    and data[offset + 1] == 0xFF:
                offset += 1  # fill bytes
            if offset + 4 > len(data):
                self.fail(f"{where}: truncated JPEG (no start of scan)")
            if data[offset] != 0xFF:
                self.fail(f"{where}: corrupt JPEG (expected a marker at byte {offset})")
            marker = data[offset + 1]
            length = struct.unpack_from(">H", data, offset + 2)[0]
            if length < 2 or offset + 2 + length > len(data):
                self.fail(f"{where}: truncated JPEG (segment at byte {offset} runs past the end)")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                if marker not in JPEG_DECODABLE_SOF:
                    self.fail(f"{where}: JPEG uses a coding process (SOF{marker - 0xC0}) the engine cannot decode")
                if length < 8:
                    self.fail(f"{where}: corrupt JPEG frame header")
                _, height, width, components = struct.unpack_from(">BHHB", data, offset + 4)
                self._check_dimensions(width, height, where)
                if components not in (1, 3, 4) or length != 8 + 3 * components:
                    self.fail(f"{where}: corrupt JPEG frame header ({components} components)")
                frame = marker
            elif marker == 0xDA:
                if frame is None:
                    self.fail(f"{where}: corrupt JPEG (scan before frame header)")
                return
            elif marker in (0xD8, 0xD9) or 0xD0 <= marker <= 0xD7 or marker == 0x01:
                self.fail(f"{where}: corrupt JPEG (unexpected marker 0x{marker:02X} at byte {offset})")
            offset += 2 + length

    def _check_dimensions(self, width: int, height: int, where: str):
        if not (0 < width <= MAX_IMAGE_PIXELS_SIDE and 0 < height <= MAX_IMAGE_PIXELS_SIDE):
            self.fail(f"{where}: image is {width}x{height}; each side must be 1 to {MAX_IMAGE_PIXELS_SIDE}")

    # --- meshes ----------------------------------------------------------------------------------

    def _check_meshes(self) -> tuple[int, int, int, int]:
        primitives = vertices = triangles = 0
        for i, mesh in enumerate(self._array("meshes")):
            items = mesh.get("primitives")
            if not isinstance(items, list) or not items or not all(isinstance(p, dict) for p in items):
                self.fail(f"meshes[{i}].primitives is not a non-empty list of objects")
            self._numbers(mesh, "weights", f"meshes[{i}]")
            for j, primitive in enumerate(items):
                count, tris = self._check_primitive(primitive, f"meshes[{i}].primitives[{j}]")
                primitives += 1
                vertices += count
                triangles += tris
        return len(self._array("meshes")), primitives, vertices, triangles

    def _check_interleaving(self, where: str, view_index: int, members: list[tuple[str, dict]]):
        """Attributes sharing a buffer view must be laid out the way panda3d-gltf copies them.

        When the second attribute starts inside the first vertex, the loader copies whole vertices
        into one Panda3D array whose columns it packs itself (each 4-byte aligned), ignoring the
        accessors' offsets; any other layout would be read as garbage or overrun the vertex data.
        """
        view = self._array("bufferViews")[view_index]
        if "byteStride" not in view:
            self.fail(f"{where}: {len(members)} attributes share bufferViews[{view_index}], "
                      f"which has no byteStride")
        stride = view["byteStride"]
        members = sorted(members, key=lambda m: m[1].get("byteOffset", 0))
        if members[1][1].get("byteOffset", 0) >= stride:
            return  # separate blocks in one view: the loader copies each attribute on its own
        start = 0
        for name, accessor in members:
            offset = accessor.get("byteOffset", 0)
            if offset != start:
                self.fail(f"{name} is interleaved at byte {offset} of each vertex in "
                          f"bufferViews[{view_index}]; the model loader can only read it at byte {start}")
            size = self._element_size(accessor["componentType"], accessor["type"])
            start += size + (-size % 4)
        if start != stride:
            self.fail(f"{where}: attributes interleaved in bufferViews[{view_index}] fill {start} of its "
                      f"{stride}-byte stride; the model loader needs them to fill it exactly")

    def _check_positions_finite(self, accessor_index: int, where: str):
        """Infinite or NaN positions break bounds, and with them camera framing and culling."""
        if accessor_index in self.checked_positions:
            return
        self.checked_positions.add(accessor_index)
        accessor = self._array("accessors")[accessor_index]
        if accessor["componentType"] != 5126 or accessor["type"] != "VEC3":
            return  # integer (quantized) positions are always finite
        view = self._array("bufferViews")[accessor["bufferView"]]
        stride, count = view.get("byteStride", 12), accessor["count"]
        raw = self._view_bytes(accessor["bufferView"], accessor.get("byteOffset", 0), stride * (count - 1) + 12)
        positions = np.ndarray((count, 3), dtype="<f4", buffer=raw, strides=(stride, 4))
        with np.errstate(invalid="ignore"):
            sane = (np.abs(positions) <= MAX_COORDINATE).all(axis=1)  # False for NaN and infinity too
        if not sane.all():
            vertex = int(np.argmin(sane))
            self.fail(f"{where}: vertex {vertex} has a coordinate that is not a finite number within "
                      f"±{MAX_COORDINATE:g} ({positions[vertex].tolist()})")

    def _check_primitive(self, primitive: dict, where: str) -> tuple[int, int]:
        accessors = self._array("accessors")
        attributes = self._dict(primitive, "attributes", where, required=True)
        if "POSITION" not in attributes:
            self.fail(f"{where} has no POSITION attribute")
        mode = primitive.get("mode", 4)
        if not _one_of(mode, VALID_MODES):
            self.fail(f"{where}.mode is {_describe(mode)}, expected 0 to 6")
        if mode in UNSUPPORTED_MODES:
            self.fail(f"{where} is a {UNSUPPORTED_MODES[mode]} (mode {mode}), which the model loader "
                      f"cannot build")
        self._opt_ref(primitive, "material", "materials", where)
        targets = primitive.get("targets", [])
        if not isinstance(targets, list) or not all(isinstance(t, dict) for t in targets):
            self.fail(f"{where}.targets is not a list of objects")
        sources = [(f"{where}.attributes.{name}", ref) for name, ref in attributes.items()]
        for t, target in enumerate(targets):
            sources += [(f"{where}.targets[{t}].{name}", ref) for name, ref in target.items()]

        position_ref = self._ref(attributes["POSITION"], "accessors", f"{where}.attributes.POSITION")
        vertex_count = accessors[position_ref]["count"]
        views: dict[int, list[tuple[str, dict]]] = {}
        for name, ref in sources:
            accessor = accessors[self._ref(ref, "accessors", name)]
            if TYPE_SHAPES[accessor["type"]][0] > 1:
                self.fail(f"{name} is a {accessor['type']} accessor, which cannot be a vertex attribute")
            if accessor["count"] != vertex_count:
                self.fail(f"{name} has {accessor['count']} elements but POSITION has {vertex_count}")
            views.setdefault(accessor["bufferView"], []).append((name, accessor))
        bufferviews = self._array("bufferViews")
        for view_index, members in views.items():
            if len(members) > 1:
                self._check_interleaving(where, view_index, members)
        self._check_positions_finite(position_ref, f"{where}.attributes.POSITION (accessors[{position_ref}])")

        if "indices" in primitive:
            index_ref = self._ref(primitive["indices"], "accessors", f"{where}.indices")
            accessor = accessors[index_ref]
            name = f"{where}.indices (accessors[{index_ref}])"
            if accessor["type"] != "SCALAR" or accessor["componentType"] not in INDEX_DTYPES:
                self.fail(f"{name} must be SCALAR unsigned byte, short or int")
            if "byteStride" in bufferviews[accessor["bufferView"]]:
                self.fail(f"{name} uses bufferViews[{accessor['bufferView']}], which has a byteStride")
            if "sparse" in accessor:
                self.fail(f"{name} is sparse, which the loader does not apply to indices")
            indices = self._read_ints(accessor["bufferView"], accessor.get("byteOffset", 0),
                                      accessor["count"], accessor["componentType"])
            if indices.size and int(indices.max()) >= vertex_count:
                position = int(np.argmax(indices >= vertex_count))
                self.fail(f"{name}: index {int(indices[position])} at position {position} is past the "
                          f"{vertex_count} vertices")
            element_count = accessor["count"]
        else:
            element_count = vertex_count
        group = MODE_GROUPS.get(mode, 1)
        if element_count % group:
            kind = "indices" if "indices" in primitive else "vertices"
            self.fail(f"{where} has {element_count} {kind}, not a multiple of {group} for mode {mode}")
        return vertex_count, TRIANGLE_MODES.get(mode, lambda n: 0)(element_count)
