"""What a camera draws under a node: geoms and triangles, counting only the level of detail each
LODNode shows from where the camera is (all of a scan's levels together would triple its count)."""

from panda3d.core import NodePath


def active_level(path: NodePath, camera: NodePath) -> int | None:
    """The switch an LODNode shows to `camera`, the way Panda3D picks it; None when none is in range."""
    lod = path.node()
    camera_scale = camera.node().getLodScale() if hasattr(camera.node(), "getLodScale") else 1.0
    scale = lod.getLodScale() * camera_scale
    distance = camera.getRelativePoint(path, lod.getCenter()).length()
    for index in range(lod.getNumSwitches()):
        if lod.getOut(index) * scale <= distance < lod.getIn(index) * scale:
            return index
    return None


def _triangles(geom) -> int:
    count = 0
    for p in range(geom.getNumPrimitives()):
        primitive = geom.getPrimitive(p)
        if primitive.getPrimitiveType() == primitive.PT_polygons:
            count += primitive.decompose().getNumPrimitives()
    return count


def drawn_geometry(root: NodePath, camera: NodePath | None = None) -> tuple[int, int]:
    """(geoms, triangles) under `root`; with a camera, only the active level of each LODNode."""
    geoms = triangles = 0
    stack = [root]
    while stack:
        path = stack.pop()
        if path.isHidden():
            continue
        node = path.node()
        children = list(path.getChildren())
        if node.isLodNode() and camera is not None:
            level = active_level(path, camera)
            children = [children[level]] if level is not None and level < len(children) else []
        if node.isGeomNode():
            for i in range(node.getNumGeoms()):
                geoms += 1
                triangles += _triangles(node.getGeom(i))
        stack.extend(children)
    return geoms, triangles
