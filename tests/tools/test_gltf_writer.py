import zlib

import numpy as np
import pytest

from tools.assembly import Assembly, Surface
from tools.gltf_writer import Material, Node, Primitive, Texture, compute_tangents, encode_glb
from tools.meshkit import box, concat, lathe
from tools.png import encode_png
from tools.texgen import fbm, normal_map, to_rgb8

from glb_reader import Glb


def _decode_png(data):
    """Decode the PNGs encode_png writes (one IDAT, filter 1 on every row) back to pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    channels = {0: 1, 2: 3, 6: 4}[data[25]]
    idat_len = int.from_bytes(data[33:37], "big")
    raw = np.frombuffer(zlib.decompress(data[41:41 + idat_len]), dtype=np.uint8).reshape(height, -1)
    assert np.all(raw[:, 0] == 1)
    rows = raw[:, 1:].reshape(height, width, channels).astype(np.int64)
    return (np.cumsum(rows, axis=1) % 256).astype(np.uint8)


def _quad_primitive(material, vertex_count=4):
    positions = np.zeros((vertex_count, 3))
    positions[:4] = [(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0)]
    normals = np.tile([0.0, 0.0, 1.0], (vertex_count, 1))
    uvs = np.zeros((vertex_count, 2))
    uvs[:4] = [(0, 1), (1, 1), (1, 0), (0, 0)]
    return Primitive(positions, normals, uvs, np.array([0, 1, 2, 0, 2, 3]), material)


def test_png_round_trips_and_is_deterministic():
    pixels = to_rgb8(np.stack([fbm(32, 4, 3, seed=s) for s in (1, 2, 3)], axis=-1))
    data = encode_png(pixels)
    assert data == encode_png(pixels.copy())
    assert np.array_equal(_decode_png(data), pixels)
    assert np.array_equal(_decode_png(encode_png(pixels[:, :, 0])), pixels[:, :, :1])


def test_png_refuses_bad_pixels():
    with pytest.raises(ValueError, match="uint8"):
        encode_png(np.zeros((4, 4, 3), dtype=np.float32))
    with pytest.raises(ValueError, match="shape"):
        encode_png(np.zeros((4, 4, 2), dtype=np.uint8))


def test_glb_layout_names_extras_and_bounds():
    mat = Material("granite", base_color=(0.5, 0.5, 0.5, 1.0), roughness=0.7)
    child = Node("Child", primitives=[_quad_primitive(mat)], translation=(1, 2, 3), extras={"collider": "box"})
    glb = Glb(encode_glb([Node("Root", children=[child])], scene_name="Test", extras={"source": "unit test"}))
    doc = glb.json
    assert doc["asset"]["version"] == "2.0" and doc["asset"]["extras"] == {"source": "unit test"}
    assert doc["scenes"] == [{"name": "Test", "nodes": [0]}]
    assert glb.node("Root")["children"] == [1]
    assert glb.node("Child")["extras"] == {"collider": "box"}
    assert glb.node("Child")["translation"] == [1.0, 2.0, 3.0]
    prim = next(glb.primitives())
    assert set(prim["attributes"]) == {"POSITION", "NORMAL", "TANGENT", "TEXCOORD_0"}
    pos_acc = doc["accessors"][prim["attributes"]["POSITION"]]
    assert pos_acc["min"] == [0.0, 0.0, 0.0] and pos_acc["max"] == [1.0, 1.0, 0.0]
    assert doc["materials"][0]["pbrMetallicRoughness"]["roughnessFactor"] == 0.7
    for view in doc["bufferViews"]:
        assert view["byteOffset"] % 4 == 0


def test_index_type_follows_vertex_count():
    mat = Material("m")
    small = Glb(encode_glb([Node("n", primitives=[_quad_primitive(mat, 65534)])]))
    large = Glb(encode_glb([Node("n", primitives=[_quad_primitive(mat, 65535)])]))
    assert small.json["accessors"][next(small.primitives())["indices"]]["componentType"] == 5123
    assert large.json["accessors"][next(large.primitives())["indices"]]["componentType"] == 5125
    assert list(large.accessor(next(large.primitives())["indices"])) == [0, 1, 2, 0, 2, 3]


def test_shared_textures_and_materials_are_stored_once():
    tex = Texture("noise", encode_png(to_rgb8(fbm(16, 2, 2, seed=4))))
    nrm = Texture("noise_n", encode_png(normal_map(fbm(16, 2, 2, seed=4))))
    mat = Material("stone", base_color_texture=tex, normal_texture=nrm)
    glb = Glb(encode_glb([Node("a", primitives=[_quad_primitive(mat)]), Node("b", primitives=[_quad_primitive(mat)])]))
    assert len(glb.json["materials"]) == 1
    assert len(glb.json["images"]) == 2 and len(glb.json["textures"]) == 2
    assert glb.json["images"][0]["mimeType"] == "image/png"
    view = glb.json["bufferViews"][glb.json["images"][0]["bufferView"]]
    assert glb.bin[view["byteOffset"]:view["byteOffset"] + view["byteLength"]] == tex.png


def test_tangents_follow_gltf_convention():
    # A quad facing +Z with u along +x and glTF v running down the image (-y): bitangent = +y, w = +1.
    positions = np.array([(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0)], dtype=float)
    normals = np.tile([0.0, 0.0, 1.0], (4, 1))
    uvs = np.array([(0, 1), (1, 1), (1, 0), (0, 0)], dtype=float)
    tangents = compute_tangents(positions, normals, uvs, np.array([[0, 1, 2], [0, 2, 3]]))
    assert np.allclose(tangents, [[1, 0, 0, 1]] * 4)
    mirrored = compute_tangents(positions, normals, uvs * [1, -1], np.array([[0, 1, 2], [0, 2, 3]]))
    assert np.allclose(mirrored[:, 3], -1)


def test_bad_primitive_is_refused_with_its_node_name():
    mat = Material("m")
    prim = _quad_primitive(mat)
    prim.indices = np.array([0, 1, 9])
    with pytest.raises(ValueError, match="node 'Broken' primitive 0: index out of range"):
        encode_glb([Node("Broken", primitives=[prim])])


def _sample_assembly():
    assembly = Assembly("Sample")
    stone = Surface(Material("stone", base_color=(0.6, 0.6, 0.55, 1)), (2.0, 2.0))
    wood = Surface(Material("wood", base_color=(0.5, 0.3, 0.2, 1)))
    assembly.add("Hall", stone, box((0, 0, 0), (4, 3, 1)))
    assembly.add("Hall", stone, box((1, 1, 1), (3, 2, 2)))
    assembly.add("Hall/Columns", wood, concat([lathe([(0.2, 1), (0.18, 4)], 8).moved(x, 0.5) for x in (0.5, 3.5)]))
    assembly.collider_box(2, 1.5, 4, 3)
    return assembly


def test_assembly_merges_per_material_and_converts_to_y_up(tmp_path):
    stats = _sample_assembly().write(tmp_path / "s.glb", tmp_path / "s.colliders.json")
    glb = Glb((tmp_path / "s.glb").read_bytes())
    hall = glb.node("Hall")
    assert len(glb.json["meshes"][hall["mesh"]]["primitives"]) == 1  # two stone boxes, one primitive
    assert [glb.json["nodes"][i]["name"] for i in hall["children"]] == ["Columns"]
    prim = glb.json["meshes"][hall["mesh"]]["primitives"][0]
    acc = glb.json["accessors"][prim["attributes"]["POSITION"]]
    # World box x 0..4, y (north) 0..3, z (up) 0..2  ->  glTF x 0..4, y 0..2, z -3..0.
    assert acc["min"] == [0.0, 0.0, -3.0] and acc["max"] == [4.0, 2.0, 0.0]
    assert stats["geoms"] == 2 and stats["triangles"] == glb.triangle_count()
    assert (tmp_path / "s.colliders.json").read_text().startswith("[")


def test_assembly_output_is_byte_identical(tmp_path):
    first = _sample_assembly().write(tmp_path / "a.glb")
    second = _sample_assembly().write(tmp_path / "b.glb")
    assert first == second
    assert (tmp_path / "a.glb").read_bytes() == (tmp_path / "b.glb").read_bytes()


def test_last_bit_noise_of_another_processor_writes_the_same_bytes():
    """NumPy's trigonometry differs in the last bits between processors: the committed models must not."""
    def glb(noise):
        prim = _quad_primitive(Material("m"))
        prim.positions = prim.positions + noise * np.array([[-1.0, 1.0, -1.0]])
        prim.normals = prim.normals + noise * np.array([[1.0, -1.0, 0.0]])
        return encode_glb([Node("quad", primitives=[prim])])

    assert glb(0.0) == glb(2e-16) == glb(-3e-17)
