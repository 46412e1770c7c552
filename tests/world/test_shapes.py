"""The app's own procedural meshes carry what simplepbr needs to light them."""

from panda3d.core import GeomVertexReader

from metaverse_seoul.world.shapes import MeshBuilder


def test_every_vertex_has_a_unit_tangent_in_its_face():
    node = MeshBuilder("box").box((0, 0, 1), (1, 2, 3), (0.5, 0.5, 0.5, 1)).node()
    data = node.node().getGeom(0).getVertexData()
    normals, tangents = GeomVertexReader(data, "normal"), GeomVertexReader(data, "tangent")
    assert data.getNumRows() == 24
    while not tangents.isAtEnd():
        n, t = normals.getData3(), tangents.getData4()
        # Without tangents simplepbr's normal mapping has no frame and the sun lights nothing.
        assert abs(t.getXyz().length() - 1) < 1e-6 and abs(n.dot(t.getXyz())) < 1e-6 and t[3] == 1
