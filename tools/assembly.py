"""Collects a scene's parts and writes it as one GLB plus a collider list.

Builders add meshes (world frame: x east, y north, z up) to named groups with a Surface (a material
and the size in metres one texture repeat covers). All parts of one group that share a surface are
merged into one primitive, so a whole building costs one draw call per material: a scene stays far
under the 150-geom budget even before the app flattens it. Groups are written as glTF nodes in the
order they were first used; a '/' in a group name nests nodes ("Donuimun/Roof").

The glTF frame is Y up: world (x, y, z) -> glTF (x, z, -y), the inverse of what the app's loader does.
"""

import json
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .gltf_writer import Material, Node, Primitive, write_glb
from .meshkit import concat


@dataclass(eq=False)
class Surface:
    """A material plus the metres covered by one repeat of its textures (u, v)."""
    material: Material
    size: tuple = (1.0, 1.0)


def world_to_gltf(vectors):
    v = np.asarray(vectors, dtype=np.float64)
    return np.column_stack([v[:, 0], v[:, 2], -v[:, 1]])


def _png_size(png):
    width, height = struct.unpack(">II", png[16:24])
    return width, height


class Assembly:
    def __init__(self, name):
        self.name = name
        self._groups = {}       # group path -> {surface: [meshes]} (insertion ordered)
        self._extras = {}
        self.colliders = []     # manifest collider entries (world frame)

    def add(self, group, surface, mesh):
        if mesh is None or mesh.triangle_count == 0:
            return
        self._groups.setdefault(group, {}).setdefault(surface, []).append(mesh)

    def set_extras(self, group, extras):
        self._groups.setdefault(group, {})
        self._extras[group] = dict(extras)

    def collider_box(self, cx, cy, width, depth, heading=0.0):
        self.colliders.append({"box": [round(float(v), 3) for v in (cx, cy, width, depth)],
                               "heading": round(float(heading), 3)})

    def collider_circle(self, cx, cy, radius):
        self.colliders.append({"circle": [round(float(v), 3) for v in (cx, cy, radius)]})

    # --- output ----------------------------------------------------------------------------------
    def _primitive(self, surface, meshes):
        mesh = concat(meshes)
        uvs = mesh.uvs / np.asarray(surface.size, dtype=np.float64)
        # glTF's v axis runs down the image; flip so textures stand upright on walls (v = up).
        uvs = np.column_stack([uvs[:, 0], -uvs[:, 1]])
        return Primitive(positions=world_to_gltf(mesh.positions), normals=world_to_gltf(mesh.normals),
                         uvs=uvs, indices=mesh.triangles, material=surface.material, colors=mesh.colors)

    def nodes(self):
        """The glTF root nodes: one per top-level group, nested by '/'."""
        roots, by_path = [], {}
        for path, surfaces in self._groups.items():
            parent = None
            parts = path.split("/")
            for depth in range(len(parts)):
                sub = "/".join(parts[:depth + 1])
                if sub not in by_path:
                    node = Node(name=parts[depth], extras=self._extras.get(sub))
                    by_path[sub] = node
                    (parent.children if parent else roots).append(node)
                parent = by_path[sub]
            parent.primitives = [self._primitive(s, m) for s, m in surfaces.items()]
        return roots

    def stats(self):
        """Triangles, primitives (geoms before any flattening) and decoded texture memory."""
        triangles = sum(m.triangle_count for surfaces in self._groups.values()
                        for meshes in surfaces.values() for m in meshes)
        primitives = sum(len(surfaces) for surfaces in self._groups.values())
        textures = {}
        for surfaces in self._groups.values():
            for surface in surfaces:
                for tex in (surface.material.base_color_texture, surface.material.normal_texture,
                            surface.material.emissive_texture):
                    if tex is not None:
                        textures[id(tex)] = tex
        # RGBA8 with a full mip chain is 4/3 of the base level.
        texture_bytes = sum(w * h * 4 * 4 // 3 for w, h in (_png_size(t.png) for t in textures.values()))
        return {"triangles": int(triangles), "geoms": int(primitives),
                "textures": len(textures), "textures_mb": round(texture_bytes / 2 ** 20, 2)}

    def write(self, glb_path, colliders_path=None, extras=None):
        """Write the GLB (and the collider JSON if a path is given); returns the stats."""
        glb_path = Path(glb_path)
        write_glb(glb_path, self.nodes(), scene_name=self.name, extras=extras)
        if colliders_path is not None:
            text = json.dumps(self.colliders, indent=1, ensure_ascii=False) + "\n"
            Path(colliders_path).write_text(text, encoding="utf-8")
        return self.stats()



def builder_main(model_name, build, argv=None):
    """The command line every builder shares: `python -m tools.build_X [OUT_DIR]` builds one model
    into OUT_DIR (default assets/models) and prints its budget figures as JSON."""
    import sys
    argv = sys.argv[1:] if argv is None else argv
    out_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "assets" / "models"
    print(json.dumps({model_name: build(out_dir)}))
    return 0
