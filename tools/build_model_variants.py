"""Compressed variants of glTF models, the way scan pipelines ship them.

    python -m tools.build_model_variants SOURCE.glb OUT_FOLDER [--kinds draco,meshopt,...]

Each kind is written as OUT_FOLDER/<stem>-<kind>.glb:
- draco: gltf-transform draco (KHR_draco_mesh_compression)
- quantized: gltfpack, no compression (KHR_mesh_quantization, KHR_texture_transform)
- meshopt: gltfpack -cc (EXT_meshopt_compression with its filters, quantized)
- webp: gltf-transform webp (EXT_texture_webp)
- ktx2: every image re-encoded as KTX2 / Basis Universal ETC1S in place (KHR_texture_basisu, required), here
  with the alktx2 encoder: neither npm tool can encode Basis in this environment (gltfpack's npm build
  has no BasisU; gltf-transform's etc1s needs KTX-Software's `ktx` program).
The npm tools come from tools/package.json (installed by the bootstrap).
"""

from __future__ import annotations

import argparse
import json
import struct
import subprocess
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
BIN = TOOLS / "node_modules" / ".bin"
KINDS = ("draco", "quantized", "meshopt", "webp", "ktx2")
NPM_COMMANDS = {
    "draco": lambda src, out: [BIN / "gltf-transform", "draco", src, out],
    "quantized": lambda src, out: [BIN / "gltfpack", "-i", src, "-o", out, "-kn", "-km"],
    "meshopt": lambda src, out: [BIN / "gltfpack", "-i", src, "-o", out, "-cc", "-kn", "-km"],
    "webp": lambda src, out: [BIN / "gltf-transform", "webp", src, out],
}


def read_glb(path: Path) -> tuple[dict, bytes]:
    data = path.read_bytes()
    json_length = struct.unpack_from("<I", data, 12)[0]
    gltf = json.loads(data[20:20 + json_length])
    rest = 20 + json_length
    binary = data[rest + 8:rest + 8 + struct.unpack_from("<I", data, rest)[0]] if rest < len(data) else b""
    return gltf, binary


def write_glb(path: Path, gltf: dict, binary: bytes):
    text = json.dumps(gltf, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 4)
    binary += b"\x00" * (-len(binary) % 4)
    body = struct.pack("<I4s", len(text), b"JSON") + text + struct.pack("<I4s", len(binary), b"BIN\x00") + binary
    path.write_bytes(struct.pack("<4sII", b"glTF", 2, 12 + len(body)) + body)


def image_bytes(gltf: dict, binary: bytes, image: dict) -> bytes:
    view = gltf["bufferViews"][image["bufferView"]]
    start = view.get("byteOffset", 0)
    return binary[start:start + view["byteLength"]]


def repack(gltf: dict, binary: bytes, replacements: dict[int, bytes]) -> bytes:
    """The buffer laid out again view by view, some views' bytes replaced (a plain, one-buffer model)."""
    out = bytearray()
    for index, view in enumerate(gltf["bufferViews"]):
        start = view.get("byteOffset", 0)
        data = replacements.get(index, binary[start:start + view["byteLength"]])
        out += b"\x00" * (-len(out) % 4)
        view.update(byteOffset=len(out), byteLength=len(data))
        out += data
    gltf["buffers"][0]["byteLength"] = len(out)
    return bytes(out)


def ktx2_variant(source: Path, out: Path, effort: int = 3):
    """Every image as KTX2 ETC1S (sRGB for colour, linear otherwise), in place of its PNG or JPEG.
    `effort` 0 to 5: Basis' encoder at 3 takes minutes for an 8K image on two cores; 0 is ~5x faster."""
    import alktx2

    gltf, binary = read_glb(source)
    linear = {t["index"] for m in gltf.get("materials", []) for key, t in _texture_slots(m) if key != "color"}
    linear_images = {gltf["textures"][t]["source"] for t in linear}
    replacements = {}
    for i, image in enumerate(gltf.get("images", [])):
        replacements[image["bufferView"]] = alktx2.encode_bytes_to_ktx2(
            image_bytes(gltf, binary, image), mime=image["mimeType"], codec="etc1s",
            srgb=i not in linear_images, effort=effort)
        image["mimeType"] = "image/ktx2"
    binary = repack(gltf, binary, replacements)
    for texture in gltf.get("textures", []):
        texture["extensions"] = {"KHR_texture_basisu": {"source": texture.pop("source")}}
    for key in ("extensionsUsed", "extensionsRequired"):
        gltf[key] = sorted(set(gltf.get(key, [])) | {"KHR_texture_basisu"})
    write_glb(out, gltf, binary)


def _texture_slots(material: dict):
    pbr = material.get("pbrMetallicRoughness", {})
    for key, owner, slot in (("color", pbr, "baseColorTexture"), ("data", pbr, "metallicRoughnessTexture"),
                             ("data", material, "normalTexture"), ("data", material, "occlusionTexture"),
                             ("color", material, "emissiveTexture")):
        if slot in owner:
            yield key, owner[slot]


def build(source: Path, folder: Path, kinds=KINDS, ktx2_effort: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in kinds:
        out = folder / f"{source.stem}-{kind}.glb"
        if kind == "ktx2":
            ktx2_variant(source, out, ktx2_effort)
        else:
            subprocess.run([str(part) for part in NPM_COMMANDS[kind](source, out)], check=True,
                           capture_output=True, text=True)
        written.append(out)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    for path in build(args.source, args.folder, [k for k in args.kinds.split(",") if k]):
        print(path)


if __name__ == "__main__":
    main()
