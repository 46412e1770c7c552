"""The gate every glTF 2.0 / GLB model passes before it reaches the engine.

`check_gltf(path)` reads a model without importing Panda3D and refuses, with one `InputError` line,
what the Khronos validator calls an error and what would make the converter or the engine crash: a
truncated or corrupt container, data outside its buffer, indices past the vertex count, non-finite
positions, URIs that leave the model's folder or reach the network, and required extensions we do
not handle. What is valid but cannot be drawn (an image in an unknown or damaged format) passes with
a warning and is left out at conversion. A model that passes comes back as a `GltfSummary`.

Work is bounded: only index data, positions, key times and images are read, and never data that is
compressed (Draco, meshopt): the decoders check what they decode.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError
from .accessors import AccessorReader
from .container import Blob, Container
from .images import FORMAT_MIMES, MAX_IMAGE_BYTES, MIME_FORMATS, problem, sniff
from .structure import Structure
from .tables import INDEX_DTYPES, MESHOPT_EXTENSIONS, SUPPORTED_REQUIRED_EXTENSIONS

# Panda3D computes in 32-bit floats: larger coordinates overflow to infinity and trip its NaN checks.
MAX_COORDINATE = 1e9
TRIANGLE_COUNTS = {4: lambda n: n // 3, 5: lambda n: max(n - 2, 0), 6: lambda n: max(n - 2, 0)}


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
    extensions: tuple[str, ...] = ()  # extensionsUsed
    warnings: tuple[str, ...] = ()  # what is valid but will be left out


def check_gltf(path) -> GltfSummary:
    """Check the model at `path`; raise InputError(path, one-line reason) if the engine must not see it."""
    path = Path(path)
    try:
        return _Checker(Container.open(path)).run()
    except RecursionError:
        raise InputError(path, "structure is nested too deeply") from None
    except MemoryError:
        raise InputError(path, "model is too large to check") from None


class _Checker(Structure):
    def __init__(self, container: Container):
        super().__init__(container.gltf, container.fail)
        self.container = container
        self.blobs: list[Blob | None] = []
        self.reader = AccessorReader(self.gltf, self._readable_view)
        self.warnings: list[str] = []
        self.checked_positions: set[int] = set()

    def run(self) -> GltfSummary:
        self.check_shape()
        self._check_required_extensions()
        self._load_buffers()
        self.check_buffer_views(self._buffer_size)
        self.check_accessors()
        self._check_sparse_indices()
        self.check_scenes_and_nodes(MAX_COORDINATE)
        self.check_cameras_and_lights()
        self.check_skins_and_animations(self._check_key_times)
        self.check_materials_and_textures()
        images, image_bytes = self._check_images()
        meshes, primitives, vertices, triangles = self._check_meshes()
        return GltfSummary(self.container.path, meshes, primitives, vertices, triangles, images, image_bytes,
                           tuple(self.container.external), tuple(self.gltf.get("extensionsUsed", [])),
                           tuple(self.warnings))

    def _check_required_extensions(self):
        for name in self.gltf.get("extensionsRequired", []):
            if name not in SUPPORTED_REQUIRED_EXTENSIONS:
                self.fail(f"requires extension {name}, which the model loader cannot handle")

    # --- buffers ---------------------------------------------------------------------------------

    def _load_buffers(self):
        for i, buffer in enumerate(self.array("buffers")):
            length = self.int(buffer, "byteLength", f"buffers[{i}]", minimum=1)
            self.blobs.append(self.container.buffer_blob(i, buffer, length))

    def _buffer_size(self, index: int) -> int | None:
        blob = self.blobs[index]
        return None if blob is None else blob.size

    def _compressed(self, view_index: int) -> bool:
        extensions = self.array("bufferViews")[view_index].get("extensions", {})
        return isinstance(extensions, dict) and any(name in extensions for name in MESHOPT_EXTENSIONS)

    def _readable_view(self, view_index: int) -> bytes:
        view = self.array("bufferViews")[view_index]
        blob = self.blobs[view["buffer"]]
        if blob is None:
            self.fail(f"bufferViews[{view_index}] is read but buffers[{view['buffer']}] has no data "
                      f"(no uri, and not a GLB's binary chunk)")
        data = blob.read(view.get("byteOffset", 0), view["byteLength"])
        if len(data) != view["byteLength"]:  # the file changed under us or a buffer lied
            self.fail(f"bufferViews[{view_index}]: data ends early")
        return data

    def _readable(self, accessor: dict) -> bool:
        """Whether the checker can read an accessor's data: not compressed, and not Draco's."""
        views = [accessor.get("bufferView")]
        sparse = accessor.get("sparse")
        if isinstance(sparse, dict):
            views += [sparse["indices"]["bufferView"], sparse["values"]["bufferView"]]
        return not any(v is not None and self._compressed(v) for v in views)

    def _check_sparse_indices(self):
        for i, accessor in enumerate(self.array("accessors")):
            sparse = accessor.get("sparse")
            if sparse is None or not self._readable({"sparse": sparse}):
                continue
            info = sparse["indices"]
            dtype = np.dtype(INDEX_DTYPES[info["componentType"]])
            raw = self._readable_view(info["bufferView"])[info.get("byteOffset", 0):]
            found = np.frombuffer(raw, dtype=dtype, count=sparse["count"])
            if found.size and int(found.max()) >= accessor["count"]:
                self.fail(f"accessors[{i}].sparse.indices: index {int(found.max())} is past the accessor's "
                          f"{accessor['count']} elements")

    def _check_key_times(self, ref: int, where: str):
        """Key times must rise strictly: the converter divides by the gap between neighbours."""
        accessor = self.array("accessors")[ref]
        where = f"{where} (accessors[{ref}])"
        if accessor["type"] != "SCALAR" or (accessor["componentType"] != 5126 and not accessor.get("normalized")):
            self.fail(f"{where} must be SCALAR float key times")
        if not self._readable(accessor):
            return
        times = self.reader.floats(ref).reshape(-1)
        if not np.isfinite(times).all() or (times < 0).any():
            self.fail(f"{where}: key times must be finite and not negative")
        rising = np.diff(times) > 0
        if not rising.all():
            self.fail(f"{where}: key times do not rise strictly at key {int(np.argmin(rising)) + 1}")

    # --- images ----------------------------------------------------------------------------------

    def _check_images(self) -> tuple[int, int]:
        total = 0
        for i, image in enumerate(self.array("images")):
            where = f"images[{i}]"
            data, declared = self._image_bytes(image, where)
            total += len(data)
            fmt = sniff(data)
            reason = f"is not an image (starts with {data[:8]!r})" if fmt is None else problem(data, fmt)
            if reason is None and declared is not None and MIME_FORMATS.get(declared) != fmt:
                reason = f"is declared {declared} but its data is {FORMAT_MIMES[fmt]}"
            if reason is not None:
                self.warnings.append(f"{where} {reason}; it is left out")
        return len(self.array("images")), total

    def _image_bytes(self, image: dict, where: str) -> tuple[bytes, str | None]:
        """The encoded image and the MIME type it claims (None for files, known by content)."""
        container = self.container
        if "uri" in image:
            uri = image["uri"]
            if not isinstance(uri, str):
                self.fail(f"{where}.uri is {self.show(uri)}, expected a string")
            if uri.startswith("data:"):
                mime, data = container.split_data_uri(uri, f"{where}.uri")
                if not mime.startswith("image/"):
                    self.fail(f"{where}.uri is a data URI of type {mime!r}, not an image")
                return data, mime
            file = container.local_file(uri, f"{where}.uri")
            if container.file_size(file, f"{where} file") > MAX_IMAGE_BYTES:
                self.fail(f"{where}: {file.name} is larger than {MAX_IMAGE_BYTES} bytes")
            return file.read_bytes(), None
        if "bufferView" not in image:
            self.fail(f"{where} has neither uri nor bufferView")
        view_index = self.ref(image["bufferView"], "bufferViews", f"{where}.bufferView")
        mime = image.get("mimeType")
        if not isinstance(mime, str):
            self.fail(f"{where} is in a buffer view but has no mimeType")
        if self.array("bufferViews")[view_index]["byteLength"] > MAX_IMAGE_BYTES:
            self.fail(f"{where} is larger than {MAX_IMAGE_BYTES} bytes")
        return self._readable_view(view_index), mime

    # --- meshes ----------------------------------------------------------------------------------

    def _check_meshes(self) -> tuple[int, int, int, int]:
        primitives = vertices = triangles = 0
        for i, mesh in enumerate(self.array("meshes")):
            items = mesh.get("primitives")
            if not isinstance(items, list) or not items or not all(isinstance(p, dict) for p in items):
                self.fail(f"meshes[{i}].primitives is not a non-empty list of objects")
            self.numbers(mesh, "weights", f"meshes[{i}]")
            for j, primitive in enumerate(items):
                count, tris = self._check_primitive(primitive, f"meshes[{i}].primitives[{j}]")
                primitives += 1
                vertices += count
                triangles += tris
        return len(self.array("meshes")), primitives, vertices, triangles

    def _check_positions_finite(self, index: int, where: str):
        """Infinite or NaN positions break bounds, and with them camera framing and culling."""
        accessor = self.array("accessors")[index]
        if index in self.checked_positions or accessor["componentType"] != 5126 or not self._readable(accessor):
            return  # integer (quantized) positions are always finite
        self.checked_positions.add(index)
        positions = self.reader.raw(index)
        with np.errstate(invalid="ignore"):
            sane = (np.abs(positions) <= MAX_COORDINATE).all(axis=1)  # False for NaN and infinity too
        if not sane.all():
            vertex = int(np.argmin(sane))
            self.fail(f"{where}: vertex {vertex} has a coordinate that is not a finite number within "
                      f"±{MAX_COORDINATE:g} ({positions[vertex].tolist()})")

    def _check_primitive(self, primitive: dict, where: str) -> tuple[int, int]:
        attributes, mode, draco = self.check_primitive_shape(primitive, where)
        if "POSITION" not in attributes:
            self.warnings.append(f"{where} has no POSITION attribute; it is left out")
            return 0, 0
        position_ref = attributes["POSITION"]
        vertex_count = self.array("accessors")[position_ref]["count"]
        if not draco:
            self._check_positions_finite(position_ref, f"{where}.attributes.POSITION (accessors[{position_ref}])")
        element_count = vertex_count
        if "indices" in primitive:
            element_count = self._check_indices(primitive["indices"], vertex_count, where, draco)
        return vertex_count, TRIANGLE_COUNTS.get(mode, lambda n: 0)(element_count)

    def _check_indices(self, index_ref: int, vertex_count: int, where: str, draco: bool) -> int:
        accessor = self.array("accessors")[index_ref]
        name = f"{where}.indices (accessors[{index_ref}])"
        if accessor["type"] != "SCALAR" or accessor["componentType"] not in INDEX_DTYPES:
            self.fail(f"{name} must be SCALAR unsigned byte, short or int")
        if "bufferView" in accessor and "byteStride" in self.array("bufferViews")[accessor["bufferView"]]:
            self.fail(f"{name} uses bufferViews[{accessor['bufferView']}], which has a byteStride")
        if not draco and self._readable(accessor):
            indices = self.reader.indices(index_ref)
            if indices.size and int(indices.max()) >= vertex_count:
                position = int(np.argmax(indices >= vertex_count))
                self.fail(f"{name}: index {int(indices[position])} at position {position} is past the "
                          f"{vertex_count} vertices")
        return accessor["count"]

