"""A generated scan-like model: an irregular height field of about N triangles with an 8K texture,
written as a GLB the way a photogrammetry pipeline writes one (positions, normals, UVs, indices).

    python -m benchmarks.scan_model OUT.glb [--triangles 2000000] [--texture 8192]
"""

import argparse
import io
import json
from pathlib import Path

import numpy as np

SIZE_M = 60.0  # a courtyard-sized patch of ground with a few metres of relief


def heights(x: np.ndarray, y: np.ndarray, seed: int = 14) -> np.ndarray:
    """Relief of several scales plus fine noise: what a scan of stone and ground looks like."""
    rng = np.random.default_rng(seed)
    z = 2.0 * np.sin(x / 9.0) * np.cos(y / 7.0) + 0.6 * np.sin(x / 2.3 + y / 3.1)
    z += 0.15 * np.sin(x * 1.7) * np.sin(y * 2.1)
    return (z + rng.normal(0, 0.01, x.shape)).astype(np.float32)


def grid(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Positions (Y up, as glTF), normals, UVs and indices of an n x n quad grid (2 n^2 triangles)."""
    axis = np.linspace(0, SIZE_M, n + 1, dtype=np.float32)
    x, y = np.meshgrid(axis, axis)
    z = heights(x, y)
    positions = np.stack([x.ravel() - SIZE_M / 2, z.ravel(), y.ravel() - SIZE_M / 2], axis=1)
    dzdx, dzdy = np.gradient(z, axis[1] - axis[0])
    normals = np.stack([-dzdx.ravel(), np.ones(z.size, np.float32), -dzdy.ravel()], axis=1)
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)
    uvs = np.stack([x.ravel() / SIZE_M, y.ravel() / SIZE_M], axis=1)
    r, c = np.meshgrid(np.arange(n, dtype=np.uint32), np.arange(n, dtype=np.uint32), indexing="ij")
    a = (r * (n + 1) + c).ravel()
    indices = np.stack([a, a + n + 1, a + 1, a + 1, a + n + 1, a + n + 2], axis=1).ravel()
    return positions.astype(np.float32), normals.astype(np.float32), uvs.astype(np.float32), indices


def texture_png(side: int) -> bytes:
    """A stone-like colour texture; PNG at low compression (encoding an 8K PNG well takes minutes)."""
    from PIL import Image

    u = np.linspace(0, 40 * np.pi, side, dtype=np.float32)
    base = 0.5 + 0.25 * np.sin(u)[None, :] * np.cos(u * 0.7)[:, None]
    rng = np.random.default_rng(7)
    grain = rng.normal(0, 0.05, (side // 8, side // 8)).astype(np.float32).repeat(8, 0).repeat(8, 1)
    value = np.clip(base + grain, 0, 1)
    rgb = np.stack([value * 200 + 40, value * 180 + 40, value * 150 + 50], axis=2).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(rgb).save(out, format="PNG", compress_level=1)
    return out.getvalue()


def write_scan(path: Path, triangles: int = 2_000_000, texture_side: int = 8192) -> dict:
    n = int(round((triangles / 2) ** 0.5))
    positions, normals, uvs, indices = grid(n)
    blobs = [positions.tobytes(), normals.tobytes(), uvs.tobytes(), indices.tobytes(), texture_png(texture_side)]
    views, offset = [], 0
    for blob in blobs:
        views.append({"buffer": 0, "byteOffset": offset, "byteLength": len(blob)})
        offset += len(blob) + (-len(blob) % 4)
    binary = b"".join(blob + b"\x00" * (-len(blob) % 4) for blob in blobs)
    gltf = {
        "asset": {"version": "2.0", "generator": "metaverse_seoul benchmarks.scan_model"},
        "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"name": "scan", "mesh": 0}],
        "meshes": [{"name": "scan", "primitives": [{"attributes": {"POSITION": 0, "NORMAL": 1, "TEXCOORD_0": 2},
                                                     "indices": 3, "material": 0}]}],
        "materials": [{"pbrMetallicRoughness": {"baseColorTexture": {"index": 0}, "metallicFactor": 0.0,
                                                "roughnessFactor": 0.9}}],
        "textures": [{"source": 0}], "images": [{"bufferView": 4, "mimeType": "image/png"}],
        "buffers": [{"byteLength": len(binary)}], "bufferViews": views,
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": len(positions), "type": "VEC3",
             "min": positions.min(axis=0).tolist(), "max": positions.max(axis=0).tolist()},
            {"bufferView": 1, "componentType": 5126, "count": len(normals), "type": "VEC3"},
            {"bufferView": 2, "componentType": 5126, "count": len(uvs), "type": "VEC2"},
            {"bufferView": 3, "componentType": 5125, "count": len(indices), "type": "SCALAR"}],
    }
    from tools.build_model_variants import write_glb

    write_glb(path, gltf, binary)
    return {"triangles": len(indices) // 3, "vertices": len(positions), "texture": f"{texture_side}x{texture_side}"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--triangles", type=int, default=2_000_000)
    parser.add_argument("--texture", type=int, default=8192)
    args = parser.parse_args()
    print(json.dumps(write_scan(args.out, args.triangles, args.texture)))


if __name__ == "__main__":
    main()

