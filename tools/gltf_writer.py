"""A deterministic GLB (binary glTF 2.0) writer for the procedural asset builders.

Input is a small object model (Texture, Material, Primitive, Node) already in glTF's frame: Y up,
metres. Output is one self-contained .glb: every buffer view, image and accessor lives in the single
binary chunk. Nothing depends on the clock, the machine or dict ordering, so the same input gives
byte-identical files (the asset tests compare two builds).

Vertex data is written with everything a loader would otherwise have to compute: normals, TEXCOORD_0
and TANGENT (panda3d-gltf computes missing tangents in a pure-Python loop, which is slow to load).
"""

import json
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np

GENERATOR = "Metaverse Seoul tools/gltf_writer.py"

# glTF enums
_FLOAT, _UNSIGNED_BYTE, _UNSIGNED_SHORT, _UNSIGNED_INT = 5126, 5121, 5123, 5125
_ARRAY_BUFFER, _ELEMENT_ARRAY_BUFFER = 34962, 34963
_LINEAR, _LINEAR_MIPMAP_LINEAR, _REPEAT = 9729, 9987, 10497
_ALPHA_MODES = ("OPAQUE", "MASK", "BLEND")


@dataclass(frozen=True)
class Texture:
    """An encoded PNG image; the same Texture object used twice is stored once."""
    name: str
    png: bytes


@dataclass(eq=False)
class Material:
    """glTF PBR metallic-roughness material. Colours are linear RGB(A) factors."""
    name: str
    base_color: tuple = (1.0, 1.0, 1.0, 1.0)
    metallic: float = 0.0
    roughness: float = 0.8
    base_color_texture: Optional[Texture] = None
    normal_texture: Optional[Texture] = None
    normal_scale: float = 1.0
    emissive: tuple = (0.0, 0.0, 0.0)
    emissive_texture: Optional[Texture] = None   # multiplied by `emissive` (lit windows at night)
    double_sided: bool = False
    alpha_mode: str = "OPAQUE"
    alpha_cutoff: float = 0.5
    extras: Optional[dict] = None


@dataclass(eq=False)
class Primitive:
    """Triangles sharing one material. Arrays: positions/normals (N, 3), uvs (N, 2), colors (N, 4)
    linear RGBA in 0..1 or None, tangents (N, 4) or None (computed from the UVs), indices (M,) or (M, 3)."""
    positions: np.ndarray
    normals: np.ndarray
    uvs: np.ndarray
    indices: np.ndarray
    material: Material
    colors: Optional[np.ndarray] = None
    tangents: Optional[np.ndarray] = None


@dataclass(eq=False)
class Node:
    """A named node; its primitives (if any) become one glTF mesh. rotation is a unit quaternion x, y, z, w."""
    name: str
    primitives: list = field(default_factory=list)
    translation: Optional[tuple] = None
    rotation: Optional[tuple] = None
    scale: Optional[tuple] = None
    children: list = field(default_factory=list)
    extras: Optional[dict] = None


def compute_tangents(positions, normals, uvs, triangles):
    """Per-vertex tangents (N, 4) from UV gradients, orthogonal to the normals, w = handedness (+-1)."""
    p0, p1, p2 = (positions[triangles[:, k]] for k in range(3))
    t0, t1, t2 = (uvs[triangles[:, k]] for k in range(3))
    e1, e2 = p1 - p0, p2 - p0
    d1, d2 = t1 - t0, t2 - t0
    det = d1[:, 0] * d2[:, 1] - d2[:, 0] * d1[:, 1]
    scale = np.where(np.abs(det) > 1e-12, 1.0 / np.where(det == 0, 1.0, det), 0.0)[:, None]
    tan = (e1 * d2[:, 1:2] - e2 * d1[:, 1:2]) * scale
    bit = (e2 * d1[:, 0:1] - e1 * d2[:, 0:1]) * scale
    tan_acc = np.zeros_like(positions)
    bit_acc = np.zeros_like(positions)
    for k in range(3):
        np.add.at(tan_acc, triangles[:, k], tan)
        np.add.at(bit_acc, triangles[:, k], bit)
    # Gram-Schmidt against the normal; where the UVs give nothing usable, any perpendicular will do.
    tangent = tan_acc - normals * np.sum(normals * tan_acc, axis=1, keepdims=True)
    length = np.linalg.norm(tangent, axis=1)
    fallback_axis = np.where(np.abs(normals[:, 0:1]) < 0.9, [[1.0, 0.0, 0.0]], [[0.0, 1.0, 0.0]])
    fallback = np.cross(normals, fallback_axis)
    bad = length < 1e-9
    tangent[bad] = fallback[bad]
    tangent /= np.linalg.norm(tangent, axis=1, keepdims=True)
    # glTF: bitangent = cross(normal, tangent) * w points "up" the image, i.e. towards decreasing v.
    handedness = np.where(np.sum(np.cross(normals, tangent) * bit_acc, axis=1) > 0.0, -1.0, 1.0)
    return np.concatenate([tangent, handedness[:, None]], axis=1)


class _BinaryChunk:
    """The GLB BIN chunk under construction: buffer views appended at 4-byte aligned offsets."""

    def __init__(self):
        self.parts = []
        self.length = 0
        self.views = []

    def add_view(self, data, target=None, stride=None):
        padding = (-self.length) % 4
        if padding:
            self.parts.append(b"\0" * padding)
            self.length += padding
        view = {"buffer": 0, "byteOffset": self.length, "byteLength": len(data)}
        if stride:
            view["byteStride"] = stride
        if target:
            view["target"] = target
        self.parts.append(data)
        self.length += len(data)
        self.views.append(view)
        return len(self.views) - 1

    def bytes(self):
        data = b"".join(self.parts)
        return data + b"\0" * ((-len(data)) % 4)


def _clean_floats(values, decimals=6):
    """Round to a fixed grid before float32 conversion: keeps files stable against last-bit noise
    (adding 0.0 turns the -0.0 that rounding leaves of tiny negatives into 0.0)."""
    return (np.round(np.asarray(values, dtype=np.float64), decimals) + 0.0).astype(np.float32)


def _quiet_zeros(values):
    """Directions with the noise of a zero (|x| < 1e-9) set to 0.0. NumPy's sin, cos and sqrt give other
    last bits on other processors (AVX-512 kernels, say): a component that is 2e-16 on one machine is
    -0.0 on the next, and the committed models must come out byte for byte the same everywhere."""
    values = np.asarray(values, dtype=np.float64)
    return np.where(np.abs(values) < 1e-9, 0.0, values)


def _check_primitive(prim, where):
    n = len(prim.positions)
    for name, array, width in (("positions", prim.positions, 3), ("normals", prim.normals, 3),
                               ("uvs", prim.uvs, 2)):
        if array is None or np.shape(array) != (n, width):
            raise ValueError(f"{where}: {name} must have shape ({n}, {width}), got {np.shape(array)}")
    if prim.colors is not None and np.shape(prim.colors) != (n, 4):
        raise ValueError(f"{where}: colors must have shape ({n}, 4), got {np.shape(prim.colors)}")
    indices = np.asarray(prim.indices).reshape(-1)
    if len(indices) == 0 or len(indices) % 3:
        raise ValueError(f"{where}: expected a non-empty multiple of 3 indices, got {len(indices)}")
    if indices.min() < 0 or indices.max() >= n:
        raise ValueError(f"{where}: index out of range 0..{n - 1}")
    if not np.all(np.isfinite(prim.positions)):
        raise ValueError(f"{where}: positions contain NaN or infinity")
    if prim.material.alpha_mode not in _ALPHA_MODES:
        raise ValueError(f"{where}: alpha_mode must be one of {_ALPHA_MODES}")


class _GltfDocument:
    """Collects the JSON objects and the binary chunk while walking the node tree once, in order."""

    def __init__(self):
        self.bin = _BinaryChunk()
        self.json = {"asset": {"version": "2.0", "generator": GENERATOR}, "scene": 0, "scenes": [],
                     "nodes": [], "meshes": [], "materials": [], "accessors": [], "bufferViews": []}
        self.material_ids = {}
        self.texture_ids = {}

    # --- accessors -------------------------------------------------------------------------------
    def _accessor(self, view, component, count, kind, minmax=None, normalized=False):
        accessor = {"bufferView": view, "componentType": component, "count": count, "type": kind}
        if normalized:
            accessor["normalized"] = True
        if minmax is not None:
            accessor["min"], accessor["max"] = minmax
        self.json["accessors"].append(accessor)
        return len(self.json["accessors"]) - 1

    def _float_attribute(self, values, kind, with_bounds=False):
        data = np.ascontiguousarray(values, dtype=np.float32)
        minmax = None
        if with_bounds:
            minmax = ([float(v) for v in data.min(axis=0)], [float(v) for v in data.max(axis=0)])
        view = self.bin.add_view(data.tobytes(), _ARRAY_BUFFER)
        return self._accessor(view, _FLOAT, len(data), kind, minmax)

    def _color_attribute(self, colors):
        data = np.round(np.clip(np.asarray(colors, dtype=np.float64), 0.0, 1.0) * 255).astype(np.uint8)
        view = self.bin.add_view(np.ascontiguousarray(data).tobytes(), _ARRAY_BUFFER, stride=4)
        return self._accessor(view, _UNSIGNED_BYTE, len(data), "VEC4", normalized=True)

    def _index_accessor(self, indices, vertex_count):
        # 65535 is the primitive-restart value for uint16, so it may not be used as an index.
        dtype, component = (np.uint16, _UNSIGNED_SHORT) if vertex_count < 65535 else (np.uint32, _UNSIGNED_INT)
        data = np.ascontiguousarray(indices, dtype=dtype)
        view = self.bin.add_view(data.tobytes(), _ELEMENT_ARRAY_BUFFER)
        return self._accessor(view, component, len(data), "SCALAR")

    # --- materials and textures ------------------------------------------------------------------
    def _texture(self, texture):
        if id(texture) in self.texture_ids:
            return self.texture_ids[id(texture)]
        doc = self.json
        if "samplers" not in doc:
            doc["samplers"] = [{"magFilter": _LINEAR, "minFilter": _LINEAR_MIPMAP_LINEAR,
                                "wrapS": _REPEAT, "wrapT": _REPEAT}]
            doc["images"], doc["textures"] = [], []
        view = self.bin.add_view(texture.png)
        doc["images"].append({"name": texture.name, "bufferView": view, "mimeType": "image/png"})
        doc["textures"].append({"name": texture.name, "sampler": 0, "source": len(doc["images"]) - 1})
        self.texture_ids[id(texture)] = len(doc["textures"]) - 1
        return self.texture_ids[id(texture)]

    def _material(self, mat):
        if id(mat) in self.material_ids:
            return self.material_ids[id(mat)]
        pbr = {"baseColorFactor": [float(c) for c in (tuple(mat.base_color) + (1.0,))[:4]],
               "metallicFactor": float(mat.metallic), "roughnessFactor": float(mat.roughness)}
        if mat.base_color_texture is not None:
            pbr["baseColorTexture"] = {"index": self._texture(mat.base_color_texture)}
        out = {"name": mat.name, "pbrMetallicRoughness": pbr}
        if mat.normal_texture is not None:
            out["normalTexture"] = {"index": self._texture(mat.normal_texture)}
            if mat.normal_scale != 1.0:
                out["normalTexture"]["scale"] = float(mat.normal_scale)
        if any(mat.emissive):
            out["emissiveFactor"] = [float(c) for c in mat.emissive]
        if mat.emissive_texture is not None:
            out["emissiveTexture"] = {"index": self._texture(mat.emissive_texture)}
        if mat.alpha_mode != "OPAQUE":
            out["alphaMode"] = mat.alpha_mode
            if mat.alpha_mode == "MASK":
                out["alphaCutoff"] = float(mat.alpha_cutoff)
        if mat.double_sided:
            out["doubleSided"] = True
        if mat.extras:
            out["extras"] = mat.extras
        self.json["materials"].append(out)
        self.material_ids[id(mat)] = len(self.json["materials"]) - 1
        return self.material_ids[id(mat)]

    # --- meshes and nodes ------------------------------------------------------------------------
    def _primitive(self, prim, where):
        _check_primitive(prim, where)
        positions = _clean_floats(prim.positions)
        normals = np.asarray(prim.normals, dtype=np.float64)
        normals = normals / np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
        uvs = _clean_floats(prim.uvs)
        triangles = np.asarray(prim.indices, dtype=np.int64).reshape(-1, 3)
        tangents = prim.tangents
        if tangents is None:
            tangents = compute_tangents(positions.astype(np.float64), normals, uvs.astype(np.float64), triangles)
        normals, tangents = _quiet_zeros(normals), _quiet_zeros(tangents)
        attributes = {"POSITION": self._float_attribute(positions, "VEC3", with_bounds=True),
                      "NORMAL": self._float_attribute(normals, "VEC3"),
                      "TANGENT": self._float_attribute(tangents, "VEC4"),
                      "TEXCOORD_0": self._float_attribute(uvs, "VEC2")}
        if prim.colors is not None:
            attributes["COLOR_0"] = self._color_attribute(prim.colors)
        return {"attributes": attributes,
                "indices": self._index_accessor(triangles.reshape(-1), len(positions)),
                "material": self._material(prim.material), "mode": 4}

    def add_node(self, node):
        index = len(self.json["nodes"])
        out = {"name": node.name}
        self.json["nodes"].append(out)
        if node.primitives:
            mesh = {"name": node.name,
                    "primitives": [self._primitive(p, f"node {node.name!r} primitive {i}")
                                   for i, p in enumerate(node.primitives)]}
            self.json["meshes"].append(mesh)
            out["mesh"] = len(self.json["meshes"]) - 1
        for key, value in (("translation", node.translation), ("rotation", node.rotation),
                           ("scale", node.scale)):
            if value is not None:
                out[key] = [float(v) for v in value]
        if node.extras:
            out["extras"] = node.extras
        if node.children:
            out["children"] = [self.add_node(child) for child in node.children]
        return index

    def finish(self, extras):
        doc = self.json
        binary = self.bin.bytes()
        if binary:
            doc["bufferViews"] = self.bin.views
            doc["buffers"] = [{"byteLength": len(binary)}]
        else:
            del doc["bufferViews"]
        if extras:
            doc["asset"]["extras"] = extras
        for key in ("meshes", "materials", "accessors", "nodes"):
            if not doc[key]:
                del doc[key]
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        text += b" " * ((-len(text)) % 4)
        bin_chunk = struct.pack("<II", len(binary), 0x004E4942) + binary if binary else b""
        total = 12 + 8 + len(text) + len(bin_chunk)
        return (struct.pack("<III", 0x46546C67, 2, total)
                + struct.pack("<II", len(text), 0x4E4F534A) + text + bin_chunk)


def encode_glb(roots, scene_name="Scene", extras=None):
    """GLB bytes for a list of root Nodes (one scene)."""
    doc = _GltfDocument()
    root_ids = [doc.add_node(node) for node in roots]
    doc.json["scenes"].append({"name": scene_name, "nodes": root_ids})
    return doc.finish(extras)


def write_glb(path, roots, scene_name="Scene", extras=None):
    """Write the GLB to path, only replacing the old file once the new one is complete."""
    path = Path(path)
    data = encode_glb(roots, scene_name, extras)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return data
