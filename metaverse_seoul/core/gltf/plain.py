"""Any valid glTF made plain for panda3d-gltf: one buffer, dense float geometry, list primitives.

`plain_model(path)` decodes Draco and meshopt data, dequantizes (KHR_mesh_quantization), applies
sparse and zero-filled accessors, turns strips and fans into lists, picks each texture's best
source (KTX2 or WebP images are handed back to be decoded by the converter, which knows the GPU's
formats), leaves out what cannot be drawn with a warning, fills in what panda3d-gltf needs and the
format does not (a camera's zfar, a scene's node list), and expresses levels of detail, authored
(MSFT_lod) or generated, as group nodes whose extras say when each level is drawn.
The result is a glTF dict and one binary buffer: what the .bam cache is built from.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .accessors import AccessorReader
from .check import check_gltf
from .container import Container
from .draco import decode_primitive
from .errors import DecodeError
from .images import FORMAT_MIMES, problem, sniff
from .lod_nodes import LodPlanner
from .meshopt import decode_view
from .primitives import PlainPrimitive, as_list, attribute_values, check_decoded
from .plain_buffer import PlainBuffer
from .tangents import flat_shaded, tangents
from .tables import DRACO, LIGHTS, MESHOPT_EXTENSIONS, TEXTURE_SOURCE_EXTENSIONS

# Extensions the plain model no longer needs: their work is done here.
DONE_EXTENSIONS = {DRACO, *MESHOPT_EXTENSIONS, "KHR_mesh_quantization", *TEXTURE_SOURCE_EXTENSIONS, "MSFT_lod"}
INFINITE_ZFAR_FACTOR = 1e6  # glTF's infinite projection, approximated: the viewer sets its own planes
DRAWN_LIGHTS = ("point", "directional", "spot")


@dataclass
class PlainModel:
    gltf: dict
    data: bytes
    encoded_images: dict[int, tuple[str, bytes]]  # images[i] -> (format, bytes) for the converter to decode
    warnings: list[str] = field(default_factory=list)
    extensions: tuple[str, ...] = ()


class _Views:
    """Bytes of each buffer view: a slice of its buffer, or decoded meshopt data (each once)."""

    def __init__(self, container: Container, gltf: dict):
        self.gltf = gltf
        self.buffers = [container.buffer_blob(i, b, b["byteLength"]) for i, b in enumerate(gltf.get("buffers", []))]
        self.wholes: dict[int, memoryview] = {}
        self.decoded: dict[int, bytes] = {}

    def buffer(self, index: int) -> memoryview:
        if index not in self.wholes:
            self.wholes[index] = self.buffers[index].whole()
        return self.wholes[index]

    def __call__(self, index: int):
        view = self.gltf["bufferViews"][index]
        extensions = view.get("extensions", {})
        for name in MESHOPT_EXTENSIONS:
            if name in extensions:
                if index not in self.decoded:
                    ext = extensions[name]
                    try:
                        self.decoded[index] = decode_view(ext, self.buffer(ext["buffer"]))
                    except DecodeError as exc:
                        raise DecodeError(f"bufferViews[{index}]: {exc}") from None
                return self.decoded[index]
        start = view.get("byteOffset", 0)
        return self.buffer(view["buffer"])[start:start + view["byteLength"]]


def plain_model(path, progress: Callable[[float], None] = lambda fraction: None) -> PlainModel:
    """Check and make plain the model at `path`; DecodeError or InputError for what cannot be."""
    summary = check_gltf(path)
    container = Container.open(path)
    builder = _Builder(container, summary.warnings, progress)
    return builder.build(summary.extensions)


class _Builder:
    def __init__(self, container: Container, warnings, progress):
        self.source = container.gltf
        self.views = _Views(container, self.source)
        self.reader = AccessorReader(self.source, self.views)
        self.out = PlainBuffer()
        self.warnings = list(warnings)
        self.progress = progress
        self.container = container

    def build(self, extensions) -> PlainModel:
        gltf = {key: copy.deepcopy(value) for key, value in self.source.items()
                if key not in ("buffers", "bufferViews", "accessors", "meshes", "images")}
        gltf["extensionsUsed"] = [e for e in self.source.get("extensionsUsed", []) if e not in DONE_EXTENSIONS]
        gltf.pop("extensionsRequired", None)
        meshes = [self._mesh(i, mesh) for i, mesh in enumerate(self.source.get("meshes", []))]
        images, encoded = self._images()
        gltf.update(meshes=[m for m, _ in meshes], images=images)
        self._fix_textures(gltf, encoded)
        self._fix_scenes_cameras_lights(gltf)
        self._remap_skins_and_animations(gltf)
        LodPlanner(gltf, [p for _, p in meshes], self.emit).plan()
        gltf.update(self.out.json())
        self.progress(1.0)
        return PlainModel(gltf, self.out.bytes(), encoded, self.warnings, tuple(extensions))

    # --- meshes ----------------------------------------------------------------------------------

    def _mesh(self, index: int, mesh: dict) -> tuple[dict, list[PlainPrimitive]]:
        plain = {key: value for key, value in mesh.items() if key != "primitives"}
        plain["primitives"], kept = [], []
        for j, primitive in enumerate(mesh["primitives"]):
            where = f"meshes[{index}].primitives[{j}]"
            made = self._primitive(primitive, where)
            if made is None:
                continue
            plain["primitives"].append(self.emit(made, primitive))
            kept.append(made)
        self.progress(0.9 * (index + 1) / max(len(self.source.get("meshes", [])), 1))
        return plain, kept

    def _primitive(self, primitive: dict, where: str) -> PlainPrimitive | None:
        if "POSITION" not in primitive["attributes"]:
            return None  # the checker warned: nothing to draw
        draco = primitive.get("extensions", {}).get(DRACO)
        try:
            if draco is not None:
                attributes, indices = decode_primitive(self.views(draco["bufferView"]), draco["attributes"])
                for name, ref in primitive["attributes"].items():  # attributes Draco does not hold
                    attributes.setdefault(name, self.reader.floats(ref))
            else:
                attributes = {name: self.reader.floats(ref) if not name.startswith("JOINTS_") else self.reader.raw(ref)
                              for name, ref in primitive["attributes"].items()}
                indices = self.reader.indices(primitive["indices"]) if "indices" in primitive else None
            attributes = {name: attribute_values(name, values) for name, values in attributes.items()}
            mode, indices = as_list(primitive.get("mode", 4), indices, len(attributes["POSITION"]))
            if indices is not None and len(indices) == 0:
                return None  # a strip too short to make a triangle draws nothing
            targets = [{name: self.reader.floats(ref) for name, ref in target.items()}
                       for target in primitive.get("targets", [])]
            made = PlainPrimitive(attributes, indices, mode, targets)
            check_decoded(made)
        except DecodeError as exc:
            raise DecodeError(f"{where}: {exc}") from None
        return made

    def emit(self, made: PlainPrimitive, original: dict) -> dict:
        """Into the buffer, with the normals and tangents it lacks (after levels were made from it:
        flat shading unwelds vertices, which the simplifier needs welded)."""
        attributes, indices = complete_surface(made.attributes, made.indices, made.mode, bool(made.targets))
        return self.out.primitive(PlainPrimitive(attributes, indices, made.mode, made.targets), original)

    # --- images and textures ---------------------------------------------------------------------

    def _image_data(self, image: dict) -> bytes:
        if "bufferView" in image:
            return bytes(self.views(image["bufferView"]))
        uri = image["uri"]
        if uri.startswith("data:"):
            return self.container.split_data_uri(uri, "image")[1]
        return self.container.local_file(uri, "image").read_bytes()

    def _images(self) -> tuple[list[dict], dict[int, tuple[str, bytes]]]:
        """Every image put in the buffer as PNG or JPEG; KTX2 and WebP handed back for decoding;
        an image that cannot be drawn becomes None."""
        plain, encoded = [], {}
        for i, image in enumerate(self.source.get("images", [])):
            data = self._image_data(image)
            fmt = sniff(data)
            if fmt is None or problem(data, fmt) is not None:
                plain.append(None)
                continue
            name = image.get("name") or f"image-{i}"
            if fmt in ("ktx2", "webp"):
                encoded[i] = (fmt, data)
                name = f"decoded-image-{i}"
                data, fmt = PLACEHOLDER_PNG, "png"
            plain.append({"name": name, "mimeType": FORMAT_MIMES[fmt], "bufferView": self.out.blob(data)})
        return plain, encoded

    def _fix_textures(self, gltf: dict, encoded: dict):
        """Each texture takes its best source we can draw; one with none is left without a source."""
        images = gltf["images"]
        for texture in gltf.get("textures", []):
            extensions = texture.pop("extensions", {})
            choices = [extensions.get(name, {}).get("source") for name in TEXTURE_SOURCE_EXTENSIONS]
            choices.append(texture.get("source"))
            usable = [c for c in choices if c is not None and images[c] is not None]
            texture.pop("source", None)
            if usable:
                texture["source"] = usable[0]
        gltf["images"] = [image or {"name": "left-out", "mimeType": "image/png",
                                    "bufferView": self.out.blob(PLACEHOLDER_PNG)} for image in images]

    # --- the rest of the JSON --------------------------------------------------------------------

    def _fix_scenes_cameras_lights(self, gltf: dict):
        for scene in gltf.get("scenes", []):
            scene.setdefault("nodes", [])
        for camera in gltf.get("cameras", []):
            lens = camera.get("perspective")
            if lens is not None and "zfar" not in lens:
                lens["zfar"] = lens["znear"] * INFINITE_ZFAR_FACTOR
        lights = gltf.get("extensions", {}).get(LIGHTS, {}).get("lights", [])
        for index, light in enumerate(lights):
            if light.get("type") == "directional":
                light.pop("range", None)  # meaningless for the sun; panda3d-gltf trips on it
            if light.get("type") not in DRAWN_LIGHTS:
                self.warnings.append(f"{LIGHTS}.lights[{index}] is of type {light.get('type')!r}; it is left out")
        for node in gltf.get("nodes", []):
            ref = node.get("extensions", {}).get(LIGHTS)
            if ref is not None and lights[ref["light"]].get("type") not in DRAWN_LIGHTS:
                del node["extensions"][LIGHTS]

    def _remap_skins_and_animations(self, gltf: dict):
        for skin in gltf.get("skins", []):
            if "inverseBindMatrices" in skin:
                matrices = self.reader.floats(skin["inverseBindMatrices"])
                skin["inverseBindMatrices"] = self.out.accessor(matrices, "MAT4")
        for animation in gltf.get("animations", []):
            for sampler in animation.get("samplers", []):
                sampler["input"] = self.out.accessor(self.reader.floats(sampler["input"]), "SCALAR")
                output = self.reader.floats(sampler["output"])
                kind = self.source["accessors"][sampler["output"]]["type"]
                sampler["output"] = self.out.accessor(output, kind)


def complete_surface(attributes: dict, indices, mode: int, morphed: bool):
    """Normals (flat) and tangents a triangle primitive lacks, so the converter need not compute them.
    Morphed primitives are left to the converter: their targets would need the same treatment."""
    if mode != 4 or morphed or any(name.startswith("JOINTS_") for name in attributes):
        return attributes, indices
    if "NORMAL" not in attributes:
        attributes, indices = flat_shaded(attributes, indices)
    if "TANGENT" not in attributes and "TEXCOORD_0" in attributes:
        order = indices if indices is not None else np.arange(len(attributes["POSITION"]), dtype=np.uint32)
        attributes["TANGENT"] = tangents(attributes["POSITION"], attributes["NORMAL"], attributes["TEXCOORD_0"], order)
    return attributes, indices


# A 1x1 white PNG: stands in for an image the converter decodes itself, or one left out.
PLACEHOLDER_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005"
    "fe02fedccc59e70000000049454e44ae426082")

