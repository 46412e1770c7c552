"""The compressed variants of the Khronos samples (tests/data/khronos-variants), and damaged copies."""

from pathlib import Path

from tools.build_model_variants import read_glb, write_glb

VARIANTS = Path(__file__).resolve().parents[1] / "data" / "khronos-variants"


def _compressed_range(gltf: dict, kind: str) -> tuple[int, int]:
    """(start, length) in the GLB's binary chunk of the data the decoder of `kind` reads."""
    if kind == "draco":
        view = gltf["bufferViews"][gltf["meshes"][0]["primitives"][0]["extensions"]["KHR_draco_mesh_compression"]["bufferView"]]
    elif kind == "meshopt":
        view = max((v["extensions"]["EXT_meshopt_compression"] for v in gltf["bufferViews"] if "extensions" in v),
                   key=lambda ext: ext["byteLength"])
    else:  # the KTX2 image, past its 80-byte header: the file still says KTX2
        image = gltf["bufferViews"][gltf["images"][0]["bufferView"]]
        return image.get("byteOffset", 0) + 80, image["byteLength"] - 80
    return view.get("byteOffset", 0), view["byteLength"]


def damaged(kind: str, folder: Path, pattern=lambda i: (7 * i + 3) % 256) -> Path:
    variant = VARIANTS / f"BoxTextured-{kind}.glb"
    gltf, binary = read_glb(variant)
    start, length = _compressed_range(gltf, kind)
    data = bytearray(binary)
    data[start:start + length] = bytes(pattern(i) % 256 for i in range(length))
    path = folder / variant.name
    write_glb(path, gltf, bytes(data))
    return path
