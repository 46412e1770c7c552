"""Levels of detail in the plain model: authored ones (MSFT_lod) read, others generated for big meshes.

Either way a level group is a node whose children are the levels, finest first, and whose extras
hold `lod_coverage`: per level, the smallest screen coverage at which it is drawn (see lod.py).
panda3d-gltf keeps extras as tags, and the converter turns each group into a Panda3D LODNode.

- MSFT_lod: a node names coarser alternatives (`ids`); its extras may give MSFT_screencoverage.
  The node is replaced, where it hangs, by a group holding it and its alternatives.
- Generated: a mesh of at least lod.MIN_TRIANGLES triangles (not skinned, not morphed) gets coarser
  meshes; each node drawing it draws a group of the levels instead (its transform stays its own).
"""

from __future__ import annotations

import numpy as np

from .lod import MIN_TRIANGLES, bounding_radius, simplify, switch_coverages
from .primitives import PlainPrimitive
from .tables import TRIANGLES

COVERAGE_TAG = "lod_coverage"


def _default_coverages(levels: int) -> list[float]:
    """Without MSFT_screencoverage: each level drawn down to half the previous one's coverage."""
    return [0.5 ** (k + 1) for k in range(levels - 1)] + [0.0]


def authored_coverages(extras, levels: int) -> list[float]:
    given = extras.get("MSFT_screencoverage") if isinstance(extras, dict) else None
    if not isinstance(given, list) or not all(isinstance(c, (int, float)) for c in given) or not given:
        return _default_coverages(levels)
    # As many values as levels: the last is where even the coarsest stops being drawn.
    return ([float(c) for c in given] + [0.0] * levels)[:levels]


def compact(positions_and_more: dict[str, np.ndarray], indices: np.ndarray) -> tuple[dict, np.ndarray]:
    """Keep only the vertices `indices` use: a coarse level should not carry the fine one's vertices."""
    used, remapped = np.unique(indices, return_inverse=True)
    return {name: values[used] for name, values in positions_and_more.items()}, remapped.astype(np.uint32)


class LodPlanner:
    def __init__(self, gltf: dict, mesh_primitives: list[list[PlainPrimitive]], emit):
        """`emit(primitive, original JSON)` puts a level's primitive into the buffer, returns its JSON."""
        self.gltf = gltf
        self.nodes = gltf.setdefault("nodes", [])
        self.mesh_primitives = mesh_primitives
        self.emit = emit

    def plan(self):
        authored = self._read_msft_lod()
        for mesh_index, primitives in enumerate(self.mesh_primitives):
            if mesh_index not in authored and self._may_simplify(mesh_index, primitives):
                self._generate(mesh_index, primitives)

    # --- MSFT_lod --------------------------------------------------------------------------------

    def _read_msft_lod(self) -> set[int]:
        """Group authored levels; return the meshes they use (those get no generated levels)."""
        used_meshes = set()
        for index in range(len(self.nodes)):
            node = self.nodes[index]
            ext = node.get("extensions", {}).pop("MSFT_lod", None)
            if not ext or not ext.get("ids"):
                continue
            levels = [index, *ext["ids"]]
            used_meshes |= {self.nodes[n]["mesh"] for n in levels if "mesh" in self.nodes[n]}
            group = {"name": f"{node.get('name', f'node{index}')}-lod", "children": levels,
                     "extras": {COVERAGE_TAG: authored_coverages(node.get("extras"), len(levels))}}
            self._replace_in_parent(index, self._add_node(group))
        return used_meshes

    def _replace_in_parent(self, index: int, group: int):
        holders = [node.get("children", []) for node in self.nodes[:-1]]
        holders += [scene.get("nodes", []) for scene in self.gltf.get("scenes", [])]
        for holder in holders:
            if index in holder:
                holder[holder.index(index)] = group

    def _add_node(self, node: dict) -> int:
        self.nodes.append(node)
        return len(self.nodes) - 1

    # --- generated -------------------------------------------------------------------------------

    def _may_simplify(self, mesh_index: int, primitives: list[PlainPrimitive]) -> bool:
        if sum(p.triangles for p in primitives) < MIN_TRIANGLES or any(p.targets for p in primitives):
            return False
        return not any(node.get("mesh") == mesh_index and "skin" in node for node in self.nodes)

    def _generate(self, mesh_index: int, primitives: list[PlainPrimitive]):
        per_primitive = [simplify(p.attributes["POSITION"], p.indices if p.indices is not None
                                  else np.arange(p.vertex_count, dtype=np.uint32))
                         if p.mode == TRIANGLES else [] for p in primitives]
        count = max((len(levels) for levels in per_primitive), default=0)
        if count == 0:
            return
        mesh = self.gltf["meshes"][mesh_index]
        level_meshes, errors = [mesh_index], []
        for k in range(count):
            level, error = self._level_mesh(mesh, primitives, per_primitive, k)
            self.gltf["meshes"].append(level)
            level_meshes.append(len(self.gltf["meshes"]) - 1)
            errors.append(error)
        positions = np.concatenate([p.attributes["POSITION"] for p in primitives])
        coverages = switch_coverages(bounding_radius(positions), errors)
        for node in list(self.nodes):
            if node.get("mesh") == mesh_index:
                self._draw_levels(node, level_meshes, coverages)

    def _level_mesh(self, mesh: dict, primitives, per_primitive, k: int) -> tuple[dict, float]:
        level = {"name": f"{mesh.get('name', 'mesh')}-lod{k + 1}", "primitives": []}
        error = 0.0
        for primitive, original, levels in zip(primitives, mesh["primitives"], per_primitive):
            if not levels:  # nothing coarser for this one: it is drawn as it is
                level["primitives"].append(original)
                continue
            chosen = levels[min(k, len(levels) - 1)]
            error = max(error, chosen.error)
            attributes, indices = compact(primitive.attributes, chosen.indices)
            level["primitives"].append(self.emit(PlainPrimitive(attributes, indices, TRIANGLES), original))
        return level, error

    def _draw_levels(self, node: dict, level_meshes: list[int], coverages: list[float]):
        del node["mesh"]
        children = [self._add_node({"name": f"lod{k}", "mesh": m}) for k, m in enumerate(level_meshes)]
        group = self._add_node({"name": "lod-group", "children": children, "extras": {COVERAGE_TAG: coverages}})
        node.setdefault("children", []).append(group)
