"""Build a small valid textured box as glTF in its three forms, and the bytes to break it with.

`BoxModel` holds the glTF JSON (as a dict the tests may edit), the binary buffer and a PNG
texture. Its writers lay it out as a .gltf with a .bin and a .png beside it, as one .gltf with
data: URIs, or as a .glb whose texture lives in a buffer view. Tests take a fresh model, break
one thing, write it into tmp_path and expect check_gltf to name what is broken.
"""

from __future__ import annotations

import base64
import copy
import json
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

FLOAT, USHORT = 5126, 5123


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A real RGB PNG (a checkerboard) written with zlib, no imaging library needed."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + bytes(255 * ((x + y) % 2) for x in range(width) for _ in range(3))
                    for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def jpeg_header_bytes(width: int = 2, height: int = 2, sof: int = 0xC0) -> bytes:
    """The marker segments of a JPEG up to its start of scan: enough for the checker's parse."""
    def segment(marker: int, body: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body

    frame = struct.pack(">BHHB", 8, height, width, 1) + bytes([1, 0x11, 0])
    return (b"\xff\xd8" + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + segment(sof, frame) + segment(0xDA, bytes([1, 1, 0, 0, 63, 0])) + b"\x00" * 16
            + b"\xff\xd9")


def glb_bytes(json_chunk: bytes, bin_chunk: bytes | None) -> bytes:
    """Pack a GLB container; chunks are padded to 4 bytes as the format requires."""
    json_chunk += b" " * (-len(json_chunk) % 4)
    out = struct.pack("<I4s", len(json_chunk), b"JSON") + json_chunk
    if bin_chunk is not None:
        bin_chunk += b"\x00" * (-len(bin_chunk) % 4)
        out += struct.pack("<I4s", len(bin_chunk), b"BIN\x00") + bin_chunk
    return struct.pack("<4sII", b"glTF", 2, 12 + len(out)) + out


def _box_arrays():
    """24 vertices (4 per face, so each face has its own normal and UVs) and 36 indices."""
    positions, normals, uvs, indices = [], [], [], []
    for axis in range(3):
        for sign in (-1.0, 1.0):
            normal = np.zeros(3)
            normal[axis] = sign
            u_axis, v_axis = [a for a in range(3) if a != axis]
            base = len(positions)
            for u, v in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
                corner = normal * 0.5
                corner[u_axis], corner[v_axis] = 0.5 * u, 0.5 * v
                positions.append(corner)
                normals.append(normal)
                uvs.append(((u + 1) / 2, (v + 1) / 2))
            quad = [0, 1, 2, 0, 2, 3] if sign > 0 else [0, 2, 1, 0, 3, 2]
            indices += [base + i for i in quad]
    return (np.array(positions, "<f4"), np.array(normals, "<f4"), np.array(uvs, "<f4"),
            np.array(indices, "<u2"))


@dataclass
class BoxModel:
    gltf: dict
    bin: bytes
    png: bytes = field(default_factory=png_bytes)
    name: str = "box"

    @classmethod
    def make(cls) -> "BoxModel":
        positions, normals, uvs, indices = _box_arrays()
        blobs = [positions.tobytes(), normals.tobytes(), uvs.tobytes(), indices.tobytes()]
        views, offset = [], 0
        for i, blob in enumerate(blobs):
            view = {"buffer": 0, "byteOffset": offset, "byteLength": len(blob)}
            view["target"] = 34963 if i == 3 else 34962
            views.append(view)
            offset += len(blob) + (-len(blob) % 4)
        data = b"".join(blob + b"\x00" * (-len(blob) % 4) for blob in blobs)
        gltf = {
            "asset": {"version": "2.0", "generator": "metaverse_seoul tests"},
            "scene": 0,
            "scenes": [{"nodes": [0]}],
            "nodes": [{"name": "box", "mesh": 0, "translation": [0.0, 0.0, 0.0]}],
            "meshes": [{"primitives": [{
                "attributes": {"POSITION": 0, "NORMAL": 1, "TEXCOORD_0": 2},
                "indices": 3, "material": 0, "mode": 4}]}],
            "materials": [{"pbrMetallicRoughness": {"baseColorTexture": {"index": 0},
                                                    "baseColorFactor": [1, 1, 1, 1]}}],
            "textures": [{"source": 0, "sampler": 0}],
            "samplers": [{"magFilter": 9729, "minFilter": 9987}],
            "images": [{"uri": "checker.png"}],
            "buffers": [{"uri": "box.bin", "byteLength": len(data)}],
            "bufferViews": views,
            "accessors": [
                {"bufferView": 0, "componentType": FLOAT, "count": 24, "type": "VEC3",
                 "min": [-0.5] * 3, "max": [0.5] * 3},
                {"bufferView": 1, "componentType": FLOAT, "count": 24, "type": "VEC3"},
                {"bufferView": 2, "componentType": FLOAT, "count": 24, "type": "VEC2"},
                {"bufferView": 3, "componentType": USHORT, "count": 36, "type": "SCALAR"},
            ],
        }
        return cls(gltf, data)

    def copy(self) -> "BoxModel":
        return BoxModel(copy.deepcopy(self.gltf), self.bin, self.png, self.name)

    # --- the three forms --------------------------------------------------------------------------

    def write_external(self, folder: Path) -> Path:
        """box.gltf + box.bin + checker.png (the names the JSON already uses)."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "box.bin").write_bytes(self.bin)
        (folder / "checker.png").write_bytes(self.png)
        return self.write_json(folder / f"{self.name}.gltf", self.gltf)

    def embedded_gltf(self) -> dict:
        """The JSON of the embedded form: the buffer and the image as base64 data: URIs."""
        gltf = copy.deepcopy(self.gltf)
        gltf["buffers"][0]["uri"] = ("data:application/octet-stream;base64,"
                                     + base64.b64encode(self.bin).decode())
        gltf["images"][0]["uri"] = "data:image/png;base64," + base64.b64encode(self.png).decode()
        return gltf

    def write_embedded(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        return self.write_json(folder / f"{self.name}-embedded.gltf", self.embedded_gltf())

    def glb_parts(self) -> tuple[dict, bytes]:
        """The JSON and BIN chunk of the .glb form: the PNG appended to the buffer as its own view."""
        gltf = copy.deepcopy(self.gltf)
        image_offset = len(self.bin) + (-len(self.bin) % 4)
        data = self.bin + b"\x00" * (image_offset - len(self.bin)) + self.png
        gltf["bufferViews"].append({"buffer": 0, "byteOffset": image_offset, "byteLength": len(self.png)})
        gltf["images"][0] = {"bufferView": len(gltf["bufferViews"]) - 1, "mimeType": "image/png"}
        gltf["buffers"] = [{"byteLength": len(data)}]
        return gltf, data

    def write_glb(self, folder: Path) -> Path:
        gltf, data = self.glb_parts()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}.glb"
        path.write_bytes(glb_bytes(json.dumps(gltf).encode(), data))
        return path

    @staticmethod
    def write_json(path: Path, gltf: dict) -> Path:
        path.write_text(json.dumps(gltf, indent=1), encoding="utf-8")
        return path


FORMS = ("external", "embedded", "glb")


def write_form(model: BoxModel, form: str, folder: Path) -> Path:
    return {"external": model.write_external, "embedded": model.write_embedded,
            "glb": model.write_glb}[form](folder)


@pytest.fixture
def box() -> BoxModel:
    return BoxModel.make()
