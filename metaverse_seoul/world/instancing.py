"""Hardware instancing in Panda3D: one geom drawn N times, the per-instance data in a buffer texture
that the vertex shader reads with texelFetch(..., gl_InstanceID).

    data = buffer_texture("lanterns", rows)       # rows: (M, 4) float32
    node = instanced(parent, geom_node, "round")
    show_instances(node, 250)                      # 0 hides it (Panda3D reads 0 as "not instanced")
"""

import numpy as np
from panda3d.core import (Geom, GeomEnums, GeomNode, GeomTriangles, GeomVertexData, GeomVertexFormat,
                          GeomVertexWriter, NodePath, OmniBoundingVolume, Texture)

_FORMATS = {4: Texture.F_rgba32, 1: Texture.F_r32}


def buffer_texture(name, rows, dynamic=False):
    """A float buffer texture holding `rows` ((M, 4) or (M,) numbers), one texel per row."""
    rows = np.ascontiguousarray(rows, dtype=np.float32)
    channels = 1 if rows.ndim == 1 else rows.shape[1]
    texture = Texture(name)
    usage = GeomEnums.UH_dynamic if dynamic else GeomEnums.UH_static
    texture.setupBufferTexture(max(len(rows), 1), Texture.T_float, _FORMATS[channels], usage)
    write_buffer(texture, rows)
    return texture


def write_buffer(texture, rows):
    """Replace the start of a buffer texture's contents with `rows` (same layout as it was made with)."""
    data = np.ascontiguousarray(rows, dtype=np.float32).tobytes()
    if not data:
        return
    image = texture.modifyRamImage()
    memoryview(image)[:len(data)] = data


def instanced(parent, geom_node, name):
    """A copy of the geoms of `geom_node` (a GeomNode NodePath) under `parent`, ready to be instanced:
    never culled by its own bounds (the instances are placed by the shader, far from the geom)."""
    node = NodePath(geom_node.node().makeCopy())
    node.node().setName(name)
    node.reparentTo(parent)
    node.node().setBounds(OmniBoundingVolume())
    node.node().setFinal(True)
    return node


def show_instances(node, count):
    if count > 0:
        node.setInstanceCount(count)
        node.show()
    else:
        node.hide()


def unit_quad(name):
    """A square from (-1, 0, -1) to (1, 0, 1) facing -y: the shaders place and turn it."""
    data = GeomVertexData(name, GeomVertexFormat.getV3(), Geom.UH_static)
    writer = GeomVertexWriter(data, "vertex")
    for x, z in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        writer.addData3(x, 0, z)
    triangles = GeomTriangles(Geom.UH_static)
    triangles.addVertices(0, 1, 2)
    triangles.addVertices(0, 2, 3)
    geom = Geom(data)
    geom.addPrimitive(triangles)
    node = GeomNode(name)
    node.addGeom(geom)
    path = NodePath(node)
    path.node().setBounds(OmniBoundingVolume())
    path.node().setFinal(True)
    return path
