"""Tiny procedural meshes for the app's own props (kiosks, portals, sky), built in memory."""

import math

from panda3d.core import (Geom, GeomNode, GeomTriangles, GeomVertexArrayFormat, GeomVertexData, GeomVertexFormat,
                          GeomVertexWriter, InternalName, NodePath)


def _vertex_format():
    """Position, normal, colour and tangent. simplepbr's normal mapping builds its tangent frame from
    p3d_Tangent; without the column the frame is zero, the shading normal vanishes and the sun lights
    nothing (the props looked flat grey on every side)."""
    array = GeomVertexArrayFormat()
    array.addColumn(InternalName.getVertex(), 3, Geom.NT_float32, Geom.C_point)
    array.addColumn(InternalName.getNormal(), 3, Geom.NT_float32, Geom.C_normal)
    array.addColumn(InternalName.getColor(), 4, Geom.NT_float32, Geom.C_color)
    array.addColumn(InternalName.getTangent(), 4, Geom.NT_float32, Geom.C_vector)
    return GeomVertexFormat.registerFormat(GeomVertexFormat(array))


def _tangent(corners):
    """A unit vector along the face's first edge (any direction in the face's plane will do: the
    props have no normal maps of their own, only simplepbr's flat default)."""
    (ax, ay, az), (bx, by, bz) = corners[0], corners[1]
    dx, dy, dz = bx - ax, by - ay, bz - az
    length = math.sqrt(dx * dx + dy * dy + dz * dz) or 1.0
    return dx / length, dy / length, dz / length, 1.0


class MeshBuilder:
    """Collects triangles with normals, vertex colours and tangents, then makes one GeomNode."""

    def __init__(self, name):
        self.name = name
        self.data = GeomVertexData(name, _vertex_format(), Geom.UH_static)
        self.vertex = GeomVertexWriter(self.data, "vertex")
        self.normal = GeomVertexWriter(self.data, "normal")
        self.color = GeomVertexWriter(self.data, "color")
        self.tangent = GeomVertexWriter(self.data, "tangent")
        self.triangles = GeomTriangles(Geom.UH_static)
        self.count = 0

    def quad(self, corners, normal, color):
        """Four corners counter-clockwise seen from the side the normal points to."""
        tangent = _tangent(corners)
        for corner in corners:
            self.vertex.addData3(*corner)
            self.normal.addData3(*normal)
            self.color.addData4(*color)
            self.tangent.addData4(*tangent)
        n = self.count
        self.triangles.addVertices(n, n + 1, n + 2)
        self.triangles.addVertices(n, n + 2, n + 3)
        self.count += 4

    def triangle(self, corners, colors, normal=(0, 0, 1)):
        tangent = _tangent(corners)
        for corner, color in zip(corners, colors):
            self.vertex.addData3(*corner)
            self.normal.addData3(*normal)
            self.color.addData4(*color)
            self.tangent.addData4(*tangent)
        self.triangles.addVertices(self.count, self.count + 1, self.count + 2)
        self.count += 3

    def box(self, center, size, color):
        cx, cy, cz = center
        hx, hy, hz = (s / 2 for s in size)
        x0, x1, y0, y1, z0, z1 = cx - hx, cx + hx, cy - hy, cy + hy, cz - hz, cz + hz
        self.quad([(x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)], (0, 0, 1), color)
        self.quad([(x0, y1, z0), (x1, y1, z0), (x1, y0, z0), (x0, y0, z0)], (0, 0, -1), color)
        self.quad([(x0, y0, z0), (x1, y0, z0), (x1, y0, z1), (x0, y0, z1)], (0, -1, 0), color)
        self.quad([(x1, y1, z0), (x0, y1, z0), (x0, y1, z1), (x1, y1, z1)], (0, 1, 0), color)
        self.quad([(x1, y0, z0), (x1, y1, z0), (x1, y1, z1), (x1, y0, z1)], (1, 0, 0), color)
        self.quad([(x0, y1, z0), (x0, y0, z0), (x0, y0, z1), (x0, y1, z1)], (-1, 0, 0), color)
        return self

    def node(self):
        geom = Geom(self.data)
        geom.addPrimitive(self.triangles)
        node = GeomNode(self.name)
        node.addGeom(geom)
        return NodePath(node)


SKY_RADIUS = 900.0


def sky_dome(top, horizon, radius=SKY_RADIUS, rings=8, segments=24):
    """A hemisphere (plus a skirt below the horizon) shaded from `horizon` up to `top`."""
    mesh = MeshBuilder("sky")

    def color_at(elevation):
        t = max(0.0, min(1.0, elevation / (math.pi / 2))) ** 0.6
        return tuple(h + (t_ - h) * t for h, t_ in zip(horizon, top)) + (1.0,)

    # Down to straight below, so looking down past the horizon never shows an empty background.
    elevations = [-math.pi / 2, -0.3] + [i * (math.pi / 2) / rings for i in range(rings + 1)]
    for lower, upper in zip(elevations, elevations[1:]):
        for s in range(segments):
            a0, a1 = 2 * math.pi * s / segments, 2 * math.pi * (s + 1) / segments

            def point(elev, az):
                return (radius * math.cos(elev) * math.cos(az), radius * math.cos(elev) * math.sin(az),
                        radius * math.sin(elev))

            c_lo, c_hi = color_at(lower), color_at(upper)
            # Wound to face inwards: the camera is inside the dome.
            mesh.triangle([point(lower, a0), point(upper, a1), point(lower, a1)], [c_lo, c_hi, c_lo])
            mesh.triangle([point(lower, a0), point(upper, a0), point(upper, a1)], [c_lo, c_hi, c_hi])
    return mesh.node()
