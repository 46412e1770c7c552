"""core.gltf_check: valid models pass with the right counts; each kind of broken model is refused
with one line that names the broken part; random damage never escapes as another exception."""

import base64
import json
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.gltf_fixtures import FORMS, BoxModel, box, glb_bytes, jpeg_header_bytes, png_bytes, write_form  # noqa: F401
from metaverse_seoul.core.gltf import container
from metaverse_seoul.core.errors import InputError
from metaverse_seoul.core.gltf_check import check_gltf

DATA = Path(__file__).resolve().parents[1] / "data"
KHRONOS_MODELS = sorted(p for p in (DATA / "khronos").glob("*/*/*") if p.suffix in (".gltf", ".glb"))
# The samples' compressed variants (tools/build_model_variants.py), checked and converted like them.
VARIANT_MODELS = sorted((DATA / "khronos-variants").glob("*.glb"))
ASSIMP_BAD = DATA / "assimp-bad"


def refusal(path) -> str:
    """The message check_gltf refuses `path` with; fails the test if it passes or raises otherwise."""
    with pytest.raises(InputError) as caught:
        check_gltf(path)
    error = caught.value
    assert error.path == str(path)
    assert "\n" not in error.message
    assert str(error) == f"{path}: {error.message}"
    return error.message


def refuse_edit(box, tmp_path, edit, form="external") -> str:
    """Apply `edit` to the box's JSON (and maybe its bin/png), write it in `form`, return the refusal."""
    edit(box)
    return refusal(write_form(box, form, tmp_path))


# --- valid models ----------------------------------------------------------------------------------

@pytest.mark.parametrize("form", FORMS)
def test_valid_box_passes_in_every_form(box, tmp_path, form):
    path = write_form(box, form, tmp_path)
    summary = check_gltf(path)
    assert (summary.meshes, summary.primitives, summary.vertices, summary.triangles) == (1, 1, 24, 12)
    assert (summary.images, summary.image_bytes) == (1, len(box.png))
    expected = [tmp_path / "box.bin", tmp_path / "checker.png"] if form == "external" else []
    assert list(summary.dependencies) == [p.resolve() for p in expected]


def test_percent_encoded_image_uri_is_decoded(box, tmp_path):
    box.gltf["images"][0]["uri"] = "my%20checker.png"
    path = box.write_external(tmp_path)
    (tmp_path / "my checker.png").write_bytes(box.png)
    assert (tmp_path / "my checker.png").resolve() in check_gltf(path).dependencies


def test_image_in_subfolder_is_allowed(box, tmp_path):
    box.gltf["images"][0]["uri"] = "textures/checker.png"
    path = box.write_external(tmp_path)
    (tmp_path / "textures").mkdir()
    (tmp_path / "textures" / "checker.png").write_bytes(box.png)
    assert check_gltf(path).images == 1


def test_jpeg_texture_passes(box, tmp_path):
    box.png = jpeg_header_bytes(4, 4)
    box.gltf["images"][0]["uri"] = "checker.jpg"
    path = box.write_external(tmp_path)
    (tmp_path / "checker.jpg").write_bytes(box.png)
    assert check_gltf(path).image_bytes == len(box.png)


@pytest.mark.parametrize("extension, signature", [
    ("EXT_texture_webp", b"RIFF" + struct.pack("<I", 12) + b"WEBPVP8L" + b"\x00" * 4),
    ("KHR_texture_basisu", b"\xabKTX 20\xbb\r\n\x1a\n" + b"\x00" * 8 + struct.pack("<II", 4, 4) + b"\x00" * 56),
])
def test_extension_images_pass_when_declared_and_a_fallback_exists(box, tmp_path, extension, signature):
    mime = "image/webp" if extension == "EXT_texture_webp" else "image/ktx2"
    box.gltf["extensionsUsed"] = [extension]
    box.gltf["images"].append({"uri": f"data:{mime};base64," + base64.b64encode(signature).decode()})
    box.gltf["textures"][0]["extensions"] = {extension: {"source": 1}}  # source 0 stays the PNG fallback
    assert check_gltf(box.write_external(tmp_path)).images == 2


def test_supported_required_extension_passes(box, tmp_path):
    box.gltf["extensionsRequired"] = box.gltf["extensionsUsed"] = ["KHR_texture_transform"]
    box.gltf["materials"][0]["pbrMetallicRoughness"]["baseColorTexture"]["extensions"] = {
        "KHR_texture_transform": {"offset": [0.5, 0], "scale": [2, 2], "rotation": 0.1}}
    assert check_gltf(box.write_external(tmp_path)).meshes == 1


def test_large_valid_model_is_counted(tmp_path):
    """A 100x100-quad grid: counts add up and the check stays a single pass over the index data."""
    model = BoxModel.make()
    n = 101
    xs, zs = np.meshgrid(np.arange(n, dtype="<f4"), np.arange(n, dtype="<f4"))
    positions = np.stack([xs.ravel(), np.zeros(n * n, "<f4"), zs.ravel()], axis=1).astype("<f4")
    quads = np.array([[r * n + c, r * n + c + 1, (r + 1) * n + c + 1, r * n + c, (r + 1) * n + c + 1, (r + 1) * n + c]
                      for r in range(n - 1) for c in range(n - 1)], dtype="<u4").ravel()
    model.bin = positions.tobytes() + quads.tobytes()
    gltf = model.gltf
    gltf["buffers"][0]["byteLength"] = len(model.bin)
    gltf["bufferViews"] = [{"buffer": 0, "byteLength": positions.nbytes},
                           {"buffer": 0, "byteOffset": positions.nbytes, "byteLength": quads.nbytes}]
    gltf["accessors"] = [{"bufferView": 0, "componentType": 5126, "count": n * n, "type": "VEC3"},
                         {"bufferView": 1, "componentType": 5125, "count": quads.size, "type": "SCALAR"}]
    gltf["meshes"][0]["primitives"][0]["attributes"] = {"POSITION": 0}
    gltf["meshes"][0]["primitives"][0]["indices"] = 1
    summary = check_gltf(model.write_glb(tmp_path))
    assert (summary.vertices, summary.triangles) == (n * n, 2 * (n - 1) ** 2)


# --- the file itself -------------------------------------------------------------------------------

def test_missing_file(tmp_path):
    assert refusal(tmp_path / "nothing.glb") == "file not found"


def test_folder_is_not_a_model(tmp_path):
    (tmp_path / "model.gltf").mkdir()
    assert "not a regular file" in refusal(tmp_path / "model.gltf")


def test_empty_file(tmp_path):
    (tmp_path / "empty.glb").write_bytes(b"")
    assert refusal(tmp_path / "empty.glb") == "file is empty"


def test_other_suffix_is_refused(box, tmp_path):
    path = box.write_glb(tmp_path).rename(tmp_path / "box.obj")
    assert refusal(path) == "not a .gltf or .glb file"


def test_absurd_size_is_refused_without_reading(box, tmp_path, monkeypatch):
    path = box.write_glb(tmp_path)
    monkeypatch.setattr(container, "MAX_FILE_BYTES", 1000)
    assert "files over 1000 bytes are refused" in refusal(path)


# --- GLB container ---------------------------------------------------------------------------------

def _glb(box, json_edit=None, bin_edit=None) -> tuple[bytes, bytes]:
    gltf, data = box.glb_parts()
    if json_edit:
        json_edit(gltf)
    return json.dumps(gltf).encode(), bin_edit(data) if bin_edit else data


@pytest.mark.parametrize("cut", [6, 12, 19, 40, 700, -1])
def test_truncated_glb(box, tmp_path, cut):
    whole = box.write_glb(tmp_path).read_bytes()
    path = tmp_path / "cut.glb"
    path.write_bytes(whole[:cut])
    assert "truncated GLB" in refusal(path)


@pytest.mark.parametrize("header, expected", [
    (b"glTF" + struct.pack("<I", 1), "GLB version 1; only version 2 is supported"),
    (b"GLTF" + struct.pack("<I", 2), "not a GLB file: starts with b'GLTF', not b'glTF'"),
])
def test_bad_glb_header(box, tmp_path, header, expected):
    whole = box.write_glb(tmp_path).read_bytes()
    path = tmp_path / "bad.glb"
    path.write_bytes(header + whole[8:])
    assert refusal(path) == expected


def test_glb_length_longer_than_file(box, tmp_path):
    whole = bytearray(box.write_glb(tmp_path).read_bytes())
    whole[8:12] = struct.pack("<I", len(whole) + 100)
    (tmp_path / "long.glb").write_bytes(bytes(whole))
    assert refusal(tmp_path / "long.glb") == f"truncated GLB: header says {len(whole) + 100} bytes but the file has {len(whole)}"


def test_glb_chunk_length_past_end(box, tmp_path):
    json_chunk, data = _glb(box)
    whole = bytearray(glb_bytes(json_chunk, data))
    bin_header = 12 + 8 + len(json_chunk) + (-len(json_chunk) % 4)
    whole[bin_header:bin_header + 4] = struct.pack("<I", len(data) + 400)
    (tmp_path / "x.glb").write_bytes(bytes(whole))
    assert "chunk 1 (b'BIN\\x00') reaches byte" in refusal(tmp_path / "x.glb")


def test_glb_first_chunk_not_json(box, tmp_path):
    json_chunk, data = _glb(box)
    whole = bytearray(glb_bytes(json_chunk, data))
    whole[16:20] = b"JSOX"
    (tmp_path / "x.glb").write_bytes(bytes(whole))
    assert refusal(tmp_path / "x.glb") == "GLB does not start with a JSON chunk"


def test_glb_second_chunk_not_bin(box, tmp_path):
    """A chunk of an unknown type is ignored, as glTF says; then buffers[0] has no data to read."""
    json_chunk, data = _glb(box)
    whole = bytearray(glb_bytes(json_chunk, data))
    bin_header = 12 + 8 + len(json_chunk) + (-len(json_chunk) % 4)
    whole[bin_header + 4:bin_header + 8] = b"XTRA"
    (tmp_path / "x.glb").write_bytes(bytes(whole))
    assert refusal(tmp_path / "x.glb").endswith("is read but buffers[0] has no data "
                                                "(no uri, and not a GLB's binary chunk)")


def test_glb_json_chunk_not_json(tmp_path):
    (tmp_path / "x.glb").write_bytes(glb_bytes(b"{not json", b"1234"))
    assert refusal(tmp_path / "x.glb").startswith("GLB JSON chunk is not valid JSON")


def test_glb_bin_chunk_shorter_than_buffer(box, tmp_path):
    json_chunk, data = _glb(box)
    (tmp_path / "x.glb").write_bytes(glb_bytes(json_chunk, data[:400]))
    assert refusal(tmp_path / "x.glb") == f"buffers[0].byteLength is {len(data)} but the GLB BIN chunk has 400 bytes"


def test_glb_with_a_second_buffer(box, tmp_path):
    json_chunk, data = _glb(box, lambda g: g["buffers"].append({"uri": "more.bin", "byteLength": 4}))
    (tmp_path / "x.glb").write_bytes(glb_bytes(json_chunk, data))
    (tmp_path / "more.bin").write_bytes(b"\x00" * 4)
    assert check_gltf(tmp_path / "x.glb").dependencies == ((tmp_path / "more.bin").resolve(),)


def test_glb_with_trailing_bytes_and_an_unnamed_bin_chunk(box, tmp_path):
    """Bytes after the GLB's length, and a BIN chunk no buffer names, are both valid: ignored."""
    path = box.write_external(tmp_path)
    gltf = json.loads(path.read_text())
    (tmp_path / "x.glb").write_bytes(glb_bytes(json.dumps(gltf).encode(), b"unused!!") + b"trailing")
    assert check_gltf(tmp_path / "x.glb").triangles == 12


def test_glb_buffer_without_bin_chunk(box, tmp_path):
    json_chunk, _ = _glb(box)
    (tmp_path / "x.glb").write_bytes(glb_bytes(json_chunk, None))
    assert refusal(tmp_path / "x.glb").endswith("has no data (no uri, and not a GLB's binary chunk)")


# --- JSON and glTF shape ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    (b"<html>not json</html>", "file is not valid JSON: Expecting value at line 1 column 1"),
    (b'{"asset": {"version": "2.0"}, "meshes": [\xff]}', "file is not UTF-8 text (bad byte at offset 41)"),
    (b'\xef\xbb\xbf{"asset": {"version": "2.0"}}', "file starts with a UTF-8 byte order mark, which glTF forbids"),
    (b"[1, 2, 3]", "file is JSON but not a glTF object (top level is list)"),
    (b"[" * 100000 + b"]" * 100000, "file is JSON nested too deeply"),
    (b'{"meshes": []}', "JSON is not glTF: no 'asset' object"),
    (b'{"asset": {"generator": "x"}}', "JSON is not glTF: asset.version is missing or not a string"),
    (b'{"asset": {"version": "1.0"}}', 'asset.version is "1.0"; only glTF 2.x is supported'),
    (b'{"asset": {"version": "2.0", "minVersion": "2.1"}}', 'asset.minVersion is "2.1"; only glTF 2.0 is supported'),
    (b'{"asset": {"version": "2.0"}, "meshes": {}}', "meshes is dict, expected a list"),
    (b'{"asset": {"version": "2.0"}, "nodes": ["root"]}', "nodes[0] is str, expected an object"),
    (b'{"asset": {"version": "2.0"}, "nodes": [{"name": 42}]}', "nodes[0].name is 42, expected a string"),
])
def test_text_that_is_not_gltf(tmp_path, raw, expected):
    (tmp_path / "x.gltf").write_bytes(raw)
    assert refusal(tmp_path / "x.gltf") == expected


@pytest.mark.parametrize("extension", ["KHR_materials_pbrSpecularGlossiness", "EXT_mesh_gpu_instancing",
                                       "ADOBE_materials_thin_transparency"])
def test_unsupported_required_extension(box, tmp_path, extension):
    def edit(model):
        model.gltf["extensionsUsed"] = model.gltf["extensionsRequired"] = [extension]
    assert refuse_edit(box, tmp_path, edit) == f"requires extension {extension}, which the model loader cannot handle"


# --- buffers, views and accessors ------------------------------------------------------------------

def _set(*keys_and_value):
    """An edit that sets box.gltf[k1][k2]...[kn] = value."""
    *keys, value = keys_and_value

    def edit(model):
        target = model.gltf
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return edit


@pytest.mark.parametrize("edit, expected", [
    (_set("bufferViews", 1, "byteLength", 4000), "bufferViews[1]: reaches byte 4288 of buffers[0] which has 840 bytes"),
    (_set("bufferViews", 3, "byteOffset", 800), "bufferViews[3]: reaches byte 872 of buffers[0] which has 840 bytes"),
    (_set("bufferViews", 0, "byteStride", 3), "bufferViews[0].byteStride is 3, expected a multiple of 4 from 4 to 252"),
    (_set("bufferViews", 0, "buffer", 1), "bufferViews[0].buffer is 1, not an index into buffers (0 to 0)"),
    (_set("accessors", 0, "count", 25), "accessors[0]: reaches byte 300 of bufferViews[0] which has 288 bytes"),
    (_set("accessors", 2, "byteOffset", 8), "accessors[2]: reaches byte 200 of bufferViews[2] which has 192 bytes"),
    (_set("accessors", 1, "byteOffset", -4), "accessors[1].byteOffset is -4, expected an integer >= 0"),
    (_set("accessors", 0, "componentType", 5130), "accessors[0].componentType is 5130, not a glTF component type"),
    (_set("accessors", 0, "type", "VEC5"), 'accessors[0].type is "VEC5", not a glTF accessor type'),
    (_set("accessors", 0, "count", 0), "accessors[0].count is 0, expected an integer >= 1"),
    (_set("accessors", 0, "type", "MAT4"), "accessors[0]: reaches byte 1536 of bufferViews[0] which has 288 bytes"),
    (_set("accessors", 3, "componentType", 5125), "accessors[3]: reaches byte 144 of bufferViews[3] which has 72 bytes"),
    (_set("buffers", 0, "byteLength", 0), "buffers[0].byteLength is 0, expected an integer >= 1"),
])
def test_out_of_bounds(box, tmp_path, edit, expected):
    assert refuse_edit(box, tmp_path, edit) == expected


def test_stride_smaller_than_element(box, tmp_path):
    assert refuse_edit(box, tmp_path, _set("bufferViews", 0, "byteStride", 8)) == \
        "accessors[0]: elements of 12 bytes do not fit bufferViews[0].byteStride 8"


@pytest.mark.parametrize("extension", ["KHR_draco_mesh_compression", "EXT_meshopt_compression",
                                       "KHR_mesh_quantization", "KHR_texture_basisu", "EXT_texture_webp"])
def test_required_extensions_we_decode_pass(box, tmp_path, extension):
    box.gltf["extensionsUsed"] = box.gltf["extensionsRequired"] = [extension]
    assert check_gltf(box.write_external(tmp_path)).extensions == (extension,)


def test_accessor_without_buffer_view_is_all_zeros(box, tmp_path):
    del box.gltf["accessors"][1]["bufferView"]
    assert check_gltf(box.write_external(tmp_path)).vertices == 24


def _sparse(count=2, index_view_length=4, indices=(0, 1)):
    def edit(model):
        extra = np.array(indices, "<u2").tobytes() + np.zeros(6 * count, "<f4").tobytes()
        start = len(model.bin)
        model.bin += extra
        model.gltf["buffers"][0]["byteLength"] = len(model.bin)
        model.gltf["bufferViews"] += [
            {"buffer": 0, "byteOffset": start, "byteLength": index_view_length},
            {"buffer": 0, "byteOffset": start + 2 * len(indices), "byteLength": 24 * count}]
        model.gltf["accessors"][1]["sparse"] = {
            "count": count, "indices": {"bufferView": 4, "componentType": 5123},
            "values": {"bufferView": 5}}
    return edit


def test_valid_sparse_accessor_passes(box, tmp_path):
    _sparse()(box)
    assert check_gltf(box.write_external(tmp_path)).vertices == 24


@pytest.mark.parametrize("edit, expected", [
    (_sparse(count=3, indices=(0, 1, 2), index_view_length=4),
     "accessors[1].sparse.indices: reaches byte 6 of bufferViews[4] which has 4 bytes"),
    (_sparse(indices=(0, 30)), "accessors[1].sparse.indices: index 30 is past the accessor's 24 elements"),
    (_sparse(count=30, indices=tuple(range(30)), index_view_length=60),
     "accessors[1].sparse.count is 30, more than the accessor's 24 elements"),
])
def test_bad_sparse_accessor(box, tmp_path, edit, expected):
    assert refuse_edit(box, tmp_path, edit) == expected


# --- primitives and indices ------------------------------------------------------------------------

def _index(position, value):
    def edit(model):
        data = bytearray(model.bin)
        offset = model.gltf["bufferViews"][3]["byteOffset"] + 2 * position
        data[offset:offset + 2] = struct.pack("<H", value)
        model.bin = bytes(data)
    return edit


@pytest.mark.parametrize("form", FORMS)
def test_index_past_vertex_count(box, tmp_path, form):
    assert refuse_edit(box, tmp_path, _index(5, 99), form) == \
        "meshes[0].primitives[0].indices (accessors[3]): index 99 at position 5 is past the 24 vertices"


def _primitive(key, value):
    return _set("meshes", 0, "primitives", 0, key, value)


def _drop_attribute(name):
    def edit(model):
        del model.gltf["meshes"][0]["primitives"][0]["attributes"][name]
    return edit


def _non_finite_position(model):
    data = bytearray(model.bin)
    data[12:16] = struct.pack("<f", float("inf"))
    model.bin = bytes(data)


def _attributes_share_a_view(model):
    model.gltf["accessors"][1]["bufferView"] = 0
    model.gltf["accessors"][1]["byteOffset"] = 0


@pytest.mark.parametrize("edit, expected", [
    (_primitive("indices", 2), "meshes[0].primitives[0].indices (accessors[2]) must be SCALAR unsigned byte, short or int"),
    (_primitive("indices", 9), "meshes[0].primitives[0].indices is 9, not an index into accessors (0 to 3)"),
    (_primitive("mode", 9), "meshes[0].primitives[0].mode is 9, expected 0 to 6"),
    (_set("accessors", 2, "count", 20), "meshes[0].primitives[0].attributes.TEXCOORD_0 has 20 elements but POSITION has 24"),
    (_non_finite_position, "meshes[0].primitives[0].attributes.POSITION (accessors[0]): vertex 1 has a coordinate "
                           "that is not a finite number within ±1e+09 ([inf, 0.5, -0.5])"),
    (_set("meshes", 0, "primitives", []), "meshes[0].primitives is not a non-empty list of objects"),
])
def test_bad_primitive(box, tmp_path, edit, expected):
    assert refuse_edit(box, tmp_path, edit) == expected


# --- data: URIs and external files -----------------------------------------------------------------

@pytest.mark.parametrize("uri, expected", [
    ("data:application/octet-stream;base64,AAAA@@@@", "buffers[0].uri is a data: URI whose payload is not valid base64"),
    ("data:application/octet-stream,AAAA", "buffers[0].uri is a data: URI that is not base64"),
    ("data:application/octet-stream;base64,AAAA", "buffers[0].uri decodes to 3 bytes but byteLength is 840"),
    ("data:text/plain;base64,AAAA", "buffers[0].uri is a data URI of type 'text/plain'; buffers must be "
                                    "application/octet-stream or application/gltf-buffer"),
])
def test_bad_buffer_data_uri(box, tmp_path, uri, expected):
    assert refuse_edit(box, tmp_path, _set("buffers", 0, "uri", uri)) == expected


def test_missing_external_buffer(box, tmp_path):
    path = box.write_external(tmp_path)
    (tmp_path / "box.bin").unlink()
    assert refusal(path) == "buffers[0] file not found: box.bin"


def test_short_external_buffer(box, tmp_path):
    path = box.write_external(tmp_path)
    (tmp_path / "box.bin").write_bytes(box.bin[:100])
    assert refusal(path) == "buffers[0]: box.bin has 100 bytes but byteLength is 840"


def test_missing_image_file(box, tmp_path):
    path = box.write_external(tmp_path)
    (tmp_path / "checker.png").unlink()
    assert refusal(path) == "images[0] file not found: checker.png"


def test_percent_encoded_buffer_name_is_decoded(box, tmp_path):
    box.gltf["buffers"][0]["uri"] = "box%2Ebin"
    assert check_gltf(box.write_external(tmp_path)).dependencies[0] == (tmp_path / "box.bin").resolve()


@pytest.mark.parametrize("edit, warning", [
    (_primitive("mode", 5), None),
    (_drop_attribute("POSITION"), "meshes[0].primitives[0] has no POSITION attribute; it is left out"),
    (_attributes_share_a_view, None),
    (_set("accessors", 3, "count", 35), None),  # the partial last triangle is dropped
    (_set("scenes", 0, {}), None),
    (_set("cameras", [{"type": "perspective", "perspective": {"yfov": 1, "znear": 0.1}}]), None),
])
def test_valid_features_the_old_loader_refused_pass(box, tmp_path, edit, warning):
    edit(box)
    summary = check_gltf(box.write_external(tmp_path))
    assert summary.warnings == ((warning,) if warning else ())


@pytest.mark.parametrize("uri, expected", [
    ("../box.bin", "leaves the model's folder"),
    ("sub/../../box.bin", "leaves the model's folder"),
    ("%2E%2E/box.bin", "leaves the model's folder"),
    ("..\\box.bin", "leaves the model's folder"),
    ("/etc/passwd", "is an absolute path"),
    ("%2Fetc%2Fpasswd", "is an absolute path"),
    ("\\\\server\\share\\box.bin", "is an absolute path"),
    ("C:/models/box.bin", "is a URL or drive path"),
    ("c:box.bin", "is a URL or drive path"),
    ("file:///etc/passwd", "is a URL or drive path"),
    ("http://example.com/box.bin", "is a URL or drive path"),
    ("HTTPS://example.com/box.bin", "is a URL or drive path"),
])
@pytest.mark.parametrize("what", ["images", "buffers"])
def test_uri_escaping_the_model_folder(box, tmp_path, uri, expected, what):
    if what == "buffers" and "%" in uri:
        uri = uri.replace("%2E", ".").replace("%2F", "/")  # buffers refuse percent-escapes outright
    message = refuse_edit(box, tmp_path, _set(what, 0, "uri", uri))
    assert message.startswith(f"{what}[0].uri ") and expected in message


# --- images ----------------------------------------------------------------------------------------

def _image(data: bytes):
    def edit(model):
        model.png = data
    return edit


def _flip(data: bytes, offset: int) -> bytes:
    return data[:offset] + bytes([data[offset] ^ 0x40]) + data[offset + 1:]


GOOD_PNG = png_bytes()


@pytest.mark.parametrize("data, expected", [
    (b"Not found", "images[0] is not an image (starts with b'Not foun')"),
    (GOOD_PNG[:50], "images[0]: truncated PNG (b'IDAT' chunk runs past the end)"),
    (GOOD_PNG[:-12], "images[0]: truncated PNG (no IEND chunk)"),
    (_flip(GOOD_PNG, 45), "images[0]: corrupt PNG (bad CRC in b'IDAT' chunk at byte 33)"),
    (png_bytes(1, 1)[:16] + b"\x00" * 4 + png_bytes(1, 1)[20:], "images[0]: corrupt PNG (bad CRC in b'IHDR' chunk at byte 8)"),
    (jpeg_header_bytes()[:30], "images[0]: truncated JPEG (segment at byte 20 runs past the end)"),
    (jpeg_header_bytes(sof=0xC3), "images[0]: JPEG uses a coding process (SOF3) the engine cannot decode"),
    (jpeg_header_bytes(width=0), "images[0]: image is 0x2; each side must be 1 to 16384"),
    (b"RIFF\x10\x00\x00\x00WEBPVP8L", "images[0]: truncated WebP image"),
])
@pytest.mark.parametrize("form", FORMS)
def test_image_that_cannot_be_drawn_is_left_out_with_a_warning(box, tmp_path, data, expected, form):
    """Valid glTF all the same (the validator only warns): the model loads without that image."""
    _image(data)(box)
    summary = check_gltf(write_form(box, form, tmp_path))
    assert summary.warnings == (expected.replace("images[0]:", "images[0]") + "; it is left out",)


def test_png_with_absurd_dimensions(box, tmp_path):
    import zlib
    header = struct.pack(">IIBBBBB", 100000, 1, 8, 2, 0, 0, 0)
    png = bytearray(GOOD_PNG)
    png[16:29] = header
    png[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    _image(bytes(png))(box)
    assert check_gltf(box.write_external(tmp_path)).warnings == (
        "images[0] image is 100000x1; each side must be 1 to 16384; it is left out",)


def test_declared_mime_type_must_match(box, tmp_path):
    gltf, data = box.glb_parts()
    gltf["images"][0]["mimeType"] = "image/jpeg"
    (tmp_path / "x.glb").write_bytes(glb_bytes(json.dumps(gltf).encode(), data))
    assert check_gltf(tmp_path / "x.glb").warnings == (
        "images[0] is declared image/jpeg but its data is image/png; it is left out",)


def test_image_buffer_view_needs_mime_type(box, tmp_path):
    gltf, data = box.glb_parts()
    del gltf["images"][0]["mimeType"]
    (tmp_path / "x.glb").write_bytes(glb_bytes(json.dumps(gltf).encode(), data))
    assert refusal(tmp_path / "x.glb") == "images[0] is in a buffer view but has no mimeType"


def test_image_data_uri_must_be_an_image_type(box, tmp_path):
    uri = "data:application/octet-stream;base64," + base64.b64encode(GOOD_PNG).decode()
    assert refuse_edit(box, tmp_path, _set("images", 0, "uri", uri)) == \
        "images[0].uri is a data URI of type 'application/octet-stream', not an image"


# --- references and the node tree ------------------------------------------------------------------

def _chain(length):
    def edit(model):
        model.gltf["nodes"] = [{"children": [i + 1]} for i in range(length - 1)] + [{"mesh": 0}]
    return edit


@pytest.mark.parametrize("edit, expected", [
    (_set("nodes", 0, "mesh", 3), "nodes[0].mesh is 3, not an index into meshes (0 to 0)"),
    (_set("nodes", 0, "mesh", True), "nodes[0].mesh is true, expected an index into meshes"),
    (_set("nodes", 0, "camera", 0), "nodes[0].camera is 0 but the model has no cameras"),
    (_primitive("material", 1), "meshes[0].primitives[0].material is 1, not an index into materials (0 to 0)"),
    (_set("textures", 0, "source", 4), "textures[0].source is 4, not an index into images (0 to 0)"),
    (_set("textures", 0, "sampler", -1), "textures[0].sampler is -1, not an index into samplers (0 to 0)"),
    (_set("materials", 0, "normalTexture", {"index": 2}), "materials[0].normalTexture.index is 2, not an index into textures (0 to 0)"),
    (_set("scenes", 0, "nodes", [0, 1]), "scenes[0].nodes[1] is 1, not an index into nodes (0 to 0)"),
    (_set("scene", 2), "scene is 2, not an index into scenes (0 to 0)"),
    (_set("nodes", 0, "children", [0]), "nodes[0] is its own child"),
    (_set("nodes", [{"children": [1]}, {"children": [2]}, {"children": [1]}]),
     "nodes[1] has two parents, nodes[0] and nodes[2]"),
    (_set("nodes", [{"children": [1]}, {"children": [2]}, {"children": [0]}]),
     "nodes[0] is its own ancestor (the node hierarchy has a cycle)"),
    (_chain(300), "nodes[256] is nested 257 levels deep; more than 256 is refused"),
    (_set("nodes", 0, "matrix", [1, 0, 0]), "nodes[0].matrix is [1, 0, 0], expected 16 finite numbers within ±1e+09"),
    (_set("nodes", 0, "translation", [0, "up", 0]), 'nodes[0].translation is [0, "up", 0], expected 3 finite numbers within ±1e+09'),
    (_set("nodes", 0, "translation", [0, -7e87, 0]), "nodes[0].translation is [0, -7e+87, 0], expected 3 finite numbers within ±1e+09"),
    (_set("samplers", 0, "minFilter", [9729]), "samplers[0].minFilter is [9729], expected an integer >= 0"),
    (_set("skins", [{"joints": [5]}]), "skins[0].joints[0] is 5, not an index into nodes (0 to 0)"),
    (_set("animations", [{"samplers": [{"input": 0, "output": 9}], "channels": []}]),
     "animations[0].samplers[0].input (accessors[0]) must be SCALAR float key times"),
    (_set("animations", [{"samplers": [], "channels": [{"sampler": 0, "target": {"node": 0}}]}]),
     "animations[0].channels[0].sampler is 0 but the animation has 0 samplers"),
    (_set("nodes", 0, "extensions", {"KHR_lights_punctual": {"light": 0}}),
     "nodes[0].extensions.KHR_lights_punctual.light is 0 but there are 0 lights"),
])
def test_bad_reference(box, tmp_path, edit, expected):
    assert refuse_edit(box, tmp_path, edit) == expected


MORPH_CUBE = DATA / "khronos" / "AnimatedMorphCube" / "glTF"


def _morph_cube(tmp_path, edit) -> Path:
    """AnimatedMorphCube copied into tmp_path with `edit` applied to its JSON."""
    gltf = json.loads((MORPH_CUBE / "AnimatedMorphCube.gltf").read_text())
    edit(gltf)
    (tmp_path / "AnimatedMorphCube.bin").write_bytes((MORPH_CUBE / "AnimatedMorphCube.bin").read_bytes())
    return BoxModel.write_json(tmp_path / "cube.gltf", gltf)


def _animation_input(gltf) -> dict:
    return gltf["accessors"][gltf["animations"][0]["samplers"][0]["input"]]


def test_animation_output_must_match_its_keys(tmp_path):
    def edit(gltf):
        gltf["accessors"][gltf["animations"][0]["samplers"][0]["output"]]["count"] -= 1
    message = refusal(_morph_cube(tmp_path, edit))
    assert message.startswith("animations[0].channels[0]: output accessors[") and "weights with" in message


def test_animation_key_times_must_rise(tmp_path):
    def edit(gltf):  # read the times again from 4 bytes earlier: the first key repeats a zero
        accessor = _animation_input(gltf)
        view = gltf["bufferViews"][accessor["bufferView"]]
        view["byteOffset"] -= 4
        view["byteLength"] += 4
    assert "key times" in refusal(_morph_cube(tmp_path, edit))


def test_deep_but_allowed_hierarchy_passes(box, tmp_path):
    _chain(200)(box)
    assert check_gltf(box.write_external(tmp_path)).meshes == 1


# --- third-party files -----------------------------------------------------------------------------

@pytest.mark.parametrize("path", KHRONOS_MODELS + VARIANT_MODELS, ids=lambda p: str(p.relative_to(DATA)))
def test_khronos_samples_pass_and_load(path):
    from metaverse_seoul.core.gltf.plain import plain_model
    from metaverse_seoul.world.convert_model import build_node  # converting needs no display

    summary = check_gltf(path)
    assert summary.meshes >= 1 and summary.triangles >= 12
    assert all(dep.is_file() and path.parent.resolve() in dep.parents for dep in summary.dependencies)
    root = build_node(plain_model(path), path)
    assert not root.findAllMatches("**/+GeomNode").isEmpty()
    assert root.get_num_children() >= 1


def test_khronos_sample_set_covers_all_three_forms():
    forms = {("glb" if p.suffix == ".glb" else "embedded" if "Embedded" in str(p) else "external")
             for p in KHRONOS_MODELS}
    assert forms == {"glb", "embedded", "external"}


@pytest.mark.parametrize("relative, expected", [
    ("IndexOutOfRange/IndexOutOfRange.gltf", "index 255 at position 0 is past the 24 vertices"),
    ("RecursiveNodes/RecursiveNodes.gltf", "nodes[0] is its own ancestor"),
    ("wrongTypes/badString.gltf", "scenes[0].name is 42, expected a string"),
    ("wrongTypes/badObject.gltf", 'materials[0].pbrMetallicRoughness is ["not an object"], expected an object'),
    ("wrongTypes/badExtension.gltf", "KHR_texture_transform is \"Not an object\", expected an object"),
])
def test_assimp_malformed_files_are_refused(relative, expected):
    assert expected in refusal(ASSIMP_BAD / relative)


# --- fuzzing ---------------------------------------------------------------------------------------

VALID_GLB = None


def _valid_glb() -> bytes:
    global VALID_GLB
    if VALID_GLB is None:
        VALID_GLB = glb_bytes(*_glb(BoxModel.make()))
    return VALID_GLB


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), max_size=4),
       cut=st.one_of(st.none(), st.integers(0, 10**6)))
def test_damaged_glb_passes_or_is_refused(tmp_path, flips, cut):
    data = bytearray(_valid_glb())
    for offset, mask in flips:
        data[offset % len(data)] ^= mask
    if cut is not None:
        data = data[:cut % len(data)]
    path = tmp_path / "fuzz.glb"
    path.write_bytes(bytes(data))
    try:
        check_gltf(path)
    except InputError as error:
        assert "\n" not in error.message


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 70000) | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6)


def _paths(value, prefix=()):
    """Every (container, key) position inside a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield prefix + (key,)
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield prefix + (index,)
            yield from _paths(item, prefix + (index,))


EMBEDDED_BOX = BoxModel.make().embedded_gltf()
BOX_PATHS = list(_paths(EMBEDDED_BOX))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(BOX_PATHS), value=JSON_VALUES)
def test_any_wrong_json_value_passes_or_is_refused(tmp_path, where, value):
    gltf = json.loads(json.dumps(EMBEDDED_BOX))
    target = gltf
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    try:
        check_gltf(BoxModel.write_json(tmp_path / "fuzz.gltf", gltf))
    except InputError as error:
        assert "\n" not in error.message


BOX_TEXTURED = DATA / "khronos" / "BoxTextured" / "glTF-Embedded" / "BoxTextured.gltf"
BOX_TEXTURED_JSON = json.loads(BOX_TEXTURED.read_text())
BOX_TEXTURED_PATHS = list(_paths(BOX_TEXTURED_JSON))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(BOX_TEXTURED_PATHS),
                                st.one_of(JSON_VALUES, st.integers(-1, 40))), min_size=1, max_size=2))
def test_what_passes_the_check_converts_without_error(tmp_path, edits):
    """The gate's promise: a model it lets through is made plain and converted without an error."""
    from metaverse_seoul.core.gltf.plain import plain_model
    from metaverse_seoul.world.convert_model import build_node

    model = json.loads(json.dumps(BOX_TEXTURED_JSON))
    for where, value in edits:
        target = model
        try:
            for key in where[:-1]:
                target = target[key]
            target[where[-1]] = value
        except (KeyError, IndexError, TypeError):
            pass  # an earlier edit removed this place
    path = BoxModel.write_json(tmp_path / "edited.gltf", model)
    try:
        check_gltf(path)
    except InputError:
        return
    build_node(plain_model(path), path)


def test_matrix_accessor_without_its_last_columns_padding(box, tmp_path):
    """A MAT3 of bytes pads each column to 4 bytes; the last element's last padding need not exist."""
    start = len(box.bin)
    box.bin += bytes(range(4 * 2 + 3))  # two columns of 4 bytes, then the last column's 3 bytes
    box.gltf["buffers"][0]["byteLength"] = len(box.bin)
    box.gltf["bufferViews"].append({"buffer": 0, "byteOffset": start, "byteLength": 11})
    box.gltf["accessors"].append({"bufferView": 4, "componentType": 5121, "count": 1, "type": "MAT3"})
    assert check_gltf(box.write_external(tmp_path)).meshes == 1
    box.gltf["bufferViews"][4]["byteLength"] = 10
    assert refusal(box.write_external(tmp_path)) == "accessors[4]: reaches byte 11 of bufferViews[4] which has 10 bytes"
