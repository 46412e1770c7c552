"""core/gltf/plain.py and its decoders: valid features panda3d-gltf could not read are made plain;
strips and fans become lists; Draco, meshopt, KTX2 and WebP decode; big meshes get levels; and any
damage to compressed data is a DecodeError (a one-line `error:`), never another exception."""

import json
import struct

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metaverse_seoul.core.errors import InputError
from metaverse_seoul.core.gltf.draco import decode_primitive
from metaverse_seoul.core.gltf.errors import DecodeError
from metaverse_seoul.core.gltf.lod_nodes import COVERAGE_TAG
from metaverse_seoul.core.gltf.meshopt import decode_view
from metaverse_seoul.core.gltf.plain import plain_model
from metaverse_seoul.core.gltf.primitives import as_list
from metaverse_seoul.core.gltf.texture_decode import decode_ktx2, decode_webp
from tests.core.gltf_fixtures import BoxModel, box, glb_bytes  # noqa: F401
from tests.core.gltf_variants import VARIANTS, damaged
from tools.build_model_variants import image_bytes, read_glb

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


# --- primitives ------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode, indices, expected_mode, expected", [
    (5, [0, 1, 2, 3], 4, [0, 1, 2, 2, 1, 3]),  # strip: every other triangle turned to keep its winding
    (6, [0, 1, 2, 3], 4, [0, 1, 2, 0, 2, 3]),  # fan
    (3, [0, 1, 2], 1, [0, 1, 1, 2]),  # line strip
    (2, [0, 1, 2], 1, [0, 1, 1, 2, 2, 0]),  # line loop: closed
    (4, [0, 1, 2, 3], 4, [0, 1, 2]),  # a partial last triangle is dropped
    (5, [0, 1], 4, []),  # too short to draw anything
])
def test_strips_fans_and_loops_become_lists(mode, indices, expected_mode, expected):
    made_mode, made = as_list(mode, np.array(indices, np.uint32), 4)
    assert made_mode == expected_mode and made.tolist() == expected


# --- valid features the old loader refused, each converted -----------------------------------------

def _zero_accessor(model):
    del model.gltf["accessors"][1]["bufferView"]  # normals all zero: valid, drawn unlit-looking


def _sparse_on_zeros(model):
    start = len(model.bin)
    model.bin += struct.pack("<HH", 0, 5) + np.ones((2, 3), "<f4").tobytes()
    model.gltf["buffers"][0]["byteLength"] = len(model.bin)
    model.gltf["bufferViews"] += [{"buffer": 0, "byteOffset": start, "byteLength": 4},
                                  {"buffer": 0, "byteOffset": start + 4, "byteLength": 24}]
    del model.gltf["accessors"][1]["bufferView"]
    model.gltf["accessors"][1]["sparse"] = {"count": 2, "indices": {"bufferView": 4, "componentType": 5123},
                                            "values": {"bufferView": 5}}


def _lights(model):
    model.gltf["extensions"] = {"KHR_lights_punctual": {"lights": [
        {"type": "directional", "range": 10.0}, {"type": "area-of-the-future"}]}}
    model.gltf["extensionsUsed"] = ["KHR_lights_punctual"]
    model.gltf["nodes"] += [{"extensions": {"KHR_lights_punctual": {"light": 0}}},
                            {"extensions": {"KHR_lights_punctual": {"light": 1}}}]
    model.gltf["scenes"][0]["nodes"] += [1, 2]


def _camera_without_zfar(model):
    model.gltf["cameras"] = [{"type": "perspective", "perspective": {"yfov": 0.8, "znear": 0.01}}]
    model.gltf["nodes"].append({"camera": 0})
    model.gltf["scenes"][0]["nodes"].append(1)


def _unused_buffer_without_uri(model):
    model.gltf["buffers"].append({"byteLength": 64})


def _quantized_positions(model):
    """KHR_mesh_quantization: positions as normalized shorts, scaled back by the node."""
    positions = np.frombuffer(model.bin[:288], "<f4").reshape(24, 3)
    shorts = np.round(positions / 0.5 * 32767).astype("<i2")
    shorts = np.concatenate([shorts, np.zeros((24, 1), "<i2")], axis=1)  # 8-byte aligned elements
    start = len(model.bin)
    model.bin += shorts.tobytes()
    model.gltf["buffers"][0]["byteLength"] = len(model.bin)
    model.gltf["bufferViews"].append({"buffer": 0, "byteOffset": start, "byteLength": shorts.nbytes, "byteStride": 8})
    model.gltf["accessors"][0] = {"bufferView": 4, "componentType": 5122, "normalized": True, "count": 24,
                                  "type": "VEC3", "min": [-32767] * 3, "max": [32767] * 3}
    model.gltf["nodes"][0]["scale"] = [0.5, 0.5, 0.5]
    model.gltf["extensionsUsed"] = model.gltf["extensionsRequired"] = ["KHR_mesh_quantization"]


EDITS = [_zero_accessor, _sparse_on_zeros, _lights, _camera_without_zfar, _unused_buffer_without_uri,
         _quantized_positions, lambda m: m.gltf["scenes"].append({})]


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.__name__.strip("_"))
def test_valid_features_are_made_plain_and_convert(box, tmp_path, edit):
    from metaverse_seoul.world.convert_model import build_node

    edit(box)
    path = box.write_glb(tmp_path)
    plain = plain_model(path)
    root = build_node(plain, path)
    assert root.findAllMatches("**/+GeomNode").getNumPaths() == 1


def test_quantized_positions_come_back_as_floats(box, tmp_path):
    _quantized_positions(box)
    plain = plain_model(box.write_glb(tmp_path))
    accessor = plain.gltf["accessors"][plain.gltf["meshes"][0]["primitives"][0]["attributes"]["POSITION"]]
    assert accessor["componentType"] == 5126 and accessor["max"] == pytest.approx([1.0] * 3, abs=1e-4)


# --- the variants, decoded -------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["draco", "meshopt", "quantized"])
def test_variants_decode_to_the_plain_box(kind):
    plain = plain_model(VARIANTS / f"BoxTextured-{kind}.glb")
    primitive = plain.gltf["meshes"][0]["primitives"][0]
    triangles = plain.gltf["accessors"][primitive["indices"]]["count"] // 3
    assert triangles == 12 and not {"KHR_draco_mesh_compression", "EXT_meshopt_compression"} & set(
        plain.gltf["extensionsUsed"])


def test_ktx2_decodes_to_pixels_and_to_dxt_blocks():
    gltf, binary = read_glb(VARIANTS / "BoxTextured-ktx2.glb")
    data = image_bytes(gltf, binary, gltf["images"][0])
    pixels, blocks = decode_ktx2(data), decode_ktx2(data, compressed=("bc1", "bc3"))
    assert pixels.format == "rgba8" and len(pixels.levels[0]) == pixels.width * pixels.height * 4
    if pixels.width % 4 == 0 and pixels.height % 4 == 0:
        assert blocks.format == "bc1" and len(blocks.levels[0]) == pixels.width * pixels.height // 2


def test_dxt_blocks_are_turned_upside_down_like_pixels():
    """Panda3D keeps images bottom-up: a block's rows must flip with the image's."""
    from metaverse_seoul.core.gltf.texture_decode import _flip_blocks

    block = bytes([0, 0, 0xFF, 0xFF, 0x00, 0x55, 0xAA, 0xFF])  # four rows: index 0, 1, 2, 3
    assert _flip_blocks(np.frombuffer(block, np.uint8), "bc1", 4, 4)[4:] == bytes([0xFF, 0xAA, 0x55, 0x00])
    alpha = sum(r << (12 * r) for r in range(4)).to_bytes(6, "little")  # row r holds the value r
    flipped = _flip_blocks(np.frombuffer(bytes(2) + alpha + block, np.uint8), "bc3", 4, 4)
    bits = int.from_bytes(flipped[2:8], "little")
    assert [(bits >> (12 * r)) & 0xFFF for r in range(4)] == [3, 2, 1, 0]


def test_webp_decodes():
    gltf, binary = read_glb(VARIANTS / "BoxTextured-webp.glb")
    image = decode_webp(image_bytes(gltf, binary, gltf["images"][0]))
    assert len(image.levels[0]) == image.width * image.height * 4


@pytest.mark.parametrize("kind", ["draco", "meshopt"])
def test_damaged_geometry_is_a_decode_error(tmp_path, kind):
    with pytest.raises(DecodeError, match="meshes\\[0\\]|bufferViews"):
        plain_model(damaged(kind, tmp_path))


# --- fuzzing the decoders' inputs ------------------------------------------------------------------

@FUZZ
@given(data=st.binary(max_size=600), count=st.integers(1, 5000), stride=st.sampled_from([2, 4, 8, 12, 16, 6]),
       mode=st.sampled_from(["ATTRIBUTES", "TRIANGLES", "INDICES"]),
       flt=st.sampled_from(["NONE", "OCTAHEDRAL", "QUATERNION", "EXPONENTIAL", "BOGUS"]))
def test_meshopt_decoder_on_any_bytes(data, count, stride, mode, flt):
    ext = {"byteLength": len(data), "count": count, "byteStride": stride, "mode": mode, "filter": flt}
    try:
        decoded = decode_view(ext, memoryview(data))
    except DecodeError:
        return
    assert len(decoded) == count * stride


@FUZZ
@given(data=st.binary(max_size=400), ids=st.dictionaries(st.sampled_from(["POSITION", "NORMAL", "TEXCOORD_0"]),
                                                        st.integers(0, 3), min_size=1))
def test_draco_decoder_on_any_bytes(data, ids):
    try:
        decode_primitive(data, ids)
    except DecodeError:
        pass


DRACO_BOX = read_glb(VARIANTS / "BoxTextured-draco.glb")


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), min_size=1, max_size=6))
def test_draco_decoder_on_damaged_real_data(flips):
    gltf, binary = DRACO_BOX
    ext = gltf["meshes"][0]["primitives"][0]["extensions"]["KHR_draco_mesh_compression"]
    view = gltf["bufferViews"][ext["bufferView"]]
    data = bytearray(binary[view.get("byteOffset", 0):view.get("byteOffset", 0) + view["byteLength"]])
    for offset, mask in flips:
        data[offset % len(data)] ^= mask
    try:
        decode_primitive(bytes(data), ext["attributes"])
    except DecodeError:
        pass


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), min_size=1, max_size=6),
       kind=st.sampled_from(["BoxTextured-meshopt", "BoxTextured-draco", "BoxTextured-ktx2"]))
def test_damaged_compressed_models_decode_or_are_refused(tmp_path, flips, kind):
    gltf, binary = read_glb(VARIANTS / f"{kind}.glb")
    data = bytearray(binary)
    for offset, mask in flips:
        data[offset % len(data)] ^= mask
    path = tmp_path / "fuzz.glb"
    path.write_bytes(glb_bytes(json.dumps(gltf).encode(), bytes(data)))
    try:
        plain = plain_model(path)
    except (DecodeError, InputError):
        return
    for fmt, encoded in plain.encoded_images.values():
        try:
            decode_ktx2(encoded) if fmt == "ktx2" else decode_webp(encoded)
        except DecodeError:
            pass


@FUZZ
@given(data=st.binary(min_size=0, max_size=300))
def test_image_decoders_on_any_bytes(data):
    for decode in (decode_ktx2, decode_webp):
        for prefix in (b"", b"\xabKTX 20\xbb\r\n\x1a\n", b"RIFF\x20\x00\x00\x00WEBPVP8 "):
            try:
                decode(prefix + data)
            except DecodeError:
                pass


# --- levels of detail ------------------------------------------------------------------------------

def grid_model(n: int) -> BoxModel:
    """An n x n grid of quads, gently waved: a small stand-in for a scan."""
    model = BoxModel.make()
    xs, ys = np.meshgrid(np.linspace(0, 10, n + 1, dtype="<f4"), np.linspace(0, 10, n + 1, dtype="<f4"))
    zs = (0.3 * np.sin(xs) * np.cos(ys)).astype("<f4")
    positions = np.stack([xs.ravel(), zs.ravel(), ys.ravel()], axis=1).astype("<f4")
    r, c = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    a = (r * (n + 1) + c).ravel()
    quads = np.stack([a, a + n + 1, a + 1, a + 1, a + n + 1, a + n + 2], axis=1).astype("<u4").ravel()
    model.bin = positions.tobytes() + quads.tobytes()
    gltf = model.gltf
    gltf["buffers"][0]["byteLength"] = len(model.bin)
    gltf["bufferViews"] = [{"buffer": 0, "byteLength": positions.nbytes},
                           {"buffer": 0, "byteOffset": positions.nbytes, "byteLength": quads.nbytes}]
    gltf["accessors"] = [{"bufferView": 0, "componentType": 5126, "count": len(positions), "type": "VEC3",
                          "min": positions.min(axis=0).tolist(), "max": positions.max(axis=0).tolist()},
                         {"bufferView": 1, "componentType": 5125, "count": quads.size, "type": "SCALAR"}]
    gltf["meshes"][0]["primitives"][0]["attributes"] = {"POSITION": 0}
    gltf["meshes"][0]["primitives"][0]["indices"] = 1
    return model


def test_big_mesh_gets_levels_with_falling_coverage(tmp_path):
    plain = plain_model(grid_model(110).write_glb(tmp_path))  # 24,200 triangles
    groups = [node for node in plain.gltf["nodes"] if COVERAGE_TAG in node.get("extras", {})]
    assert len(groups) == 1
    coverages = groups[0]["extras"][COVERAGE_TAG]
    assert len(coverages) == len(groups[0]["children"]) >= 2
    assert coverages == sorted(coverages, reverse=True) and coverages[-1] == 0.0
    assert len(set(coverages)) == len(coverages)  # every level has a range of its own
    def triangles_of(node):  # flat shaded (the grid has no normals): three vertices of its own each
        primitive = plain.gltf["meshes"][plain.gltf["nodes"][node]["mesh"]]["primitives"][0]
        return plain.gltf["accessors"][primitive["attributes"]["POSITION"]]["count"] // 3
    triangles = [triangles_of(c) for c in groups[0]["children"]]
    assert triangles[0] == 24_200 and all(b < a * 0.7 for a, b in zip(triangles, triangles[1:]))


def test_small_mesh_gets_no_levels(box, tmp_path):
    plain = plain_model(box.write_glb(tmp_path))
    assert not any(COVERAGE_TAG in node.get("extras", {}) for node in plain.gltf["nodes"])


def test_msft_lod_is_read(box, tmp_path):
    box.gltf["meshes"].append(json.loads(json.dumps(box.gltf["meshes"][0])))
    box.gltf["nodes"].append({"name": "coarse", "mesh": 1})
    box.gltf["nodes"][0]["extensions"] = {"MSFT_lod": {"ids": [1]}}
    box.gltf["nodes"][0]["extras"] = {"MSFT_screencoverage": [0.3, 0.05]}
    box.gltf["extensionsUsed"] = box.gltf["extensionsRequired"] = ["MSFT_lod"]
    plain = plain_model(box.write_glb(tmp_path))
    group = plain.gltf["nodes"][plain.gltf["scenes"][0]["nodes"][0]]
    assert group["children"] == [0, 1] and group["extras"][COVERAGE_TAG] == [0.3, 0.05]
