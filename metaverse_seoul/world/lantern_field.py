"""Thousands of lanterns in a handful of draw calls: the lantern field of an event scene.

Every lantern's place, colour and motion is in one buffer texture (core/lantern_layout.py lays them
out from the manifest); the geoms are instanced:
- one geom per lantern kind draws the lanterns near the visitor as models (at most `max_models`,
  chosen on the CPU when the visitor has moved: distance-based level of detail);
- one camera-facing quad per lantern draws every lantern's glow, and for the far ones its impostor
  (a picture from the atlas tools/build_lanterns.py renders);
- one quad per floating lantern draws its light on the water.
So the number of geoms is the number of kinds plus two, whatever the number of lanterns, and the
triangles drawn grow with `max_models`, not with the lanterns. The few nearest lanterns marked
`light` light their surroundings with real point lights.
"""

import math
import re

import numpy as np
from panda3d.core import ColorBlendAttrib, NodePath, PointLight, Texture, Vec4

from ..core.errors import InputError
from ..core.festival_manifest import check_kinds
from ..core.lantern_layout import lay_out, nearest, nearest_models
from . import lantern_shaders as shaders
from .instancing import buffer_texture, instanced, show_instances, unit_quad, write_buffer

MAX_KINDS = 8
GRID = re.compile(r"(\d+)x(\d+)")   # the atlas's "columns x rows" (extras of LanternSprites)
LOD_REFERENCE_M = 0.35   # a lantern this big switches at lod_distance; bigger ones farther away,
MAX_REACH_FACTOR = 4.0   # up to this many times as far
RESELECT_M = 0.75        # the visitor moves this far before the models are chosen again
LIGHT_POWER = 2.6
LOOK = {True: {"brightness": 1.8, "halo": 0.3, "reflection": 0.7},     # under simplepbr (tone-mapped)
        False: {"brightness": 1.0, "halo": 0.22, "reflection": 0.45}}   # fixed-function, shown as written


def _kind_nodes(model):
    """{kind name: GeomNode NodePath} from a lantern model (the children of its Lanterns node), each
    flattened: the shader places and turns the lantern, so its vertices must be in its own frame."""
    kinds = {}
    group = model.find("**/Lanterns")
    for child in (group.getChildren() if not group.isEmpty() else []):
        holder = NodePath("holder")
        child.copyTo(holder)
        holder.flattenStrong()
        kinds[child.getName()] = holder.find("**/+GeomNode")
    return kinds


def _box(geom):
    """(centre height, half width, half height, halo radius) of a kind, seen from its side."""
    low, high = geom.getTightBounds()
    half_w, half_h = (high.x - low.x) / 2, (high.z - low.z) / 2
    extent = math.hypot(half_w, half_h)
    small = min(max((0.6 - extent) / 0.4, 0.0), 1.0)  # small lanterns get a wider glow for their size
    return ((low.z + high.z) / 2, half_w, half_h, extent * (1.15 + 0.9 * small))


def _cells(model):
    """({kind: (u0, v0, u1, v1)} in the atlas, the atlas texture), cells in rows from the top as the
    builder wrote them; ({}, None) for a model without impostors (far lanterns then show their glow)."""
    sprites = model.find("**/LanternSprites")
    grid = GRID.fullmatch(sprites.getTag("sprite_grid")) if not sprites.isEmpty() else None
    if grid is None or sprites.findTexture("*") is None:
        return {}, None
    order = sprites.getTag("sprite_cells").split()
    columns, rows = max(1, int(grid[1])), max(1, int(grid[2]))
    cells = {}
    for index, name in enumerate(order):
        row, column = divmod(index, columns)
        cells[name] = (column / columns, 1 - (row + 1) / rows, (column + 1) / columns, 1 - row / rows)
    return cells, sprites.findTexture("*")


def pack(layout):
    """(N * 3, 4) float32: the three texels of each lantern the shaders read."""
    rows = np.empty((layout.count, 3, 4), dtype=np.float32)
    rows[:, 0, :3], rows[:, 0, 3] = layout.position, layout.size
    rows[:, 1, :3], rows[:, 1, 3] = layout.colour, layout.glow
    rows[:, 2, 0], rows[:, 2, 1], rows[:, 2, 2], rows[:, 2, 3] = layout.heading, layout.bob, layout.phase, layout.kind
    return rows.reshape(-1, 4)


class LanternField:
    def __init__(self, parent, lanterns, model, camera, task_mgr, linear_output, source, still=False):
        """`lanterns`: the manifest's Lanterns; `model`: the loaded lantern model; `source`: the
        manifest file (named by errors); `linear_output`: simplepbr is on; `still`: reduced motion."""
        kinds = _kind_nodes(model)
        if not kinds or len(kinds) > MAX_KINDS:
            raise InputError(source, f"lanterns.model: {lanterns.model} must have 1 to {MAX_KINDS} lantern kinds "
                                     f"under a node 'Lanterns', it has {len(kinds)}")
        check_kinds(lanterns, list(kinds), source)
        self.settings = lanterns
        self.layout = lay_out(lanterns, list(kinds))
        self.camera, self.task_mgr = camera, task_mgr
        self.root = parent.attachNewNode("lanterns")
        self.rows = pack(self.layout)
        self.data = buffer_texture("lantern-data", self.rows)
        geoms = list(kinds.values())
        self.boxes = [_box(geom) for geom in geoms]
        self.triangles = [_triangle_count(geom) for geom in geoms]
        radius = np.array([math.hypot(box[1], box[2]) for box in self.boxes])
        bigness = np.clip(self.layout.size * radius[self.layout.kind] / LOD_REFERENCE_M, 1.0, MAX_REACH_FACTOR)
        self.reach = lanterns.lod_distance * bigness
        cells, atlas = _cells(model)
        uniforms = self._uniforms(list(kinds), cells, LOOK[linear_output], linear_output)
        self.batches = [self._batch(kind, index, geom, uniforms) for index, (kind, geom) in enumerate(kinds.items())]
        self.near_flags = np.zeros(self.layout.count, dtype=np.float32)
        self.near_texture = buffer_texture("lantern-near", self.near_flags, dynamic=True)
        self.sprites = self._sprites(uniforms, atlas)
        self.streaks = self._streaks(uniforms)
        self.lights = [self._light(i) for i in range(lanterns.lights if self.layout.light.any() else 0)]
        self.set_still(still)
        self.chosen = None
        self._chosen_at = None
        task_mgr.add(self._update, "lantern-field", sort=45)

    # --- building ---------------------------------------------------------------------------
    def _uniforms(self, kinds, cells, look, linear_output):
        boxes = [Vec4(*box) for box in self.boxes] + [Vec4(0)] * (MAX_KINDS - len(self.boxes))
        atlas = [Vec4(*cells.get(kind, (0, 0, 0, 0))) for kind in kinds] + [Vec4(0)] * (MAX_KINDS - len(kinds))
        return {"boxes": boxes, "cells": atlas, "linear_output": float(linear_output), **look}

    def _batch(self, kind, index, geom, uniforms):
        """The models of one kind: a buffer of the chosen lanterns' rows, refilled as the visitor moves."""
        members = np.flatnonzero(self.layout.kind == index)
        capacity = max(1, min(len(members), self.settings.max_models))
        node = instanced(self.root, geom, f"lanterns-{kind}")
        node.setShader(shaders.body_shader(), 100)
        node.setTwoSided(True)
        node.setLightOff(100)
        texture = buffer_texture(f"lantern-models-{kind}", np.zeros((capacity * 3, 4)), dynamic=True)
        node.setShaderInput("lanterns", texture)
        for name in ("linear_output", "brightness"):
            node.setShaderInput(name, uniforms[name])
        show_instances(node, 0)
        return {"kind": kind, "index": index, "node": node, "texture": texture, "capacity": capacity}

    def _additive(self, node, shader, uniforms, names):
        node.reparentTo(self.root)
        node.setShader(shader, 100)
        node.setAttrib(ColorBlendAttrib.make(ColorBlendAttrib.M_add, ColorBlendAttrib.O_one, ColorBlendAttrib.O_one))
        node.setDepthWrite(False)
        node.setTwoSided(True)
        node.setLightOff(100)
        node.setBin("fixed", 10)
        node.setShaderInput("lanterns", self.data)
        for name in names:
            node.setShaderInput(name, uniforms[name])
        return node

    def _sprites(self, uniforms, atlas):
        node = self._additive(unit_quad("lantern-glow"), shaders.sprite_shader(), uniforms,
                              ("boxes", "cells", "linear_output", "brightness", "halo"))
        node.setShaderInput("near", self.near_texture)
        node.setShaderInput("atlas", atlas if atlas is not None else Texture("no-atlas"))
        node.setShaderInput("camera_right", (1, 0, 0))
        node.setShaderInput("camera_up", (0, 0, 1))
        node.setShaderInput("camera_pos", (0, 0, 0))
        show_instances(node, self.layout.count)
        return node

    def _streaks(self, uniforms):
        floating = np.flatnonzero(self.layout.on_water)
        if len(floating) == 0:
            return None
        node = self._additive(unit_quad("lantern-reflections"), shaders.streak_shader(), uniforms,
                              ("boxes", "linear_output", "reflection"))
        node.setShaderInput("floating", buffer_texture("lantern-floating", floating.astype(np.float32)))
        node.setShaderInput("camera_pos", (0, 0, 0))
        node.setShaderInput("water_level", self.settings.water_level)
        show_instances(node, len(floating))
        return node

    def _light(self, number):
        light = PointLight(f"lantern-light-{number}")
        light.setAttenuation((1.0, 0.0, 0.06))
        path = self.root.attachNewNode(light)
        self.root.getTop().setLight(path)
        return path

    def set_still(self, still):
        """Reduced motion: the lanterns stop bobbing and rocking (the shaders' `motion`)."""
        self.still = still
        self.root.setShaderInput("motion", 0.0 if still else 1.0)

    # --- every frame ----------------------------------------------------------------------------
    def _update(self, task):
        camera = self.camera.getPos(self.root)
        self.sprites.setShaderInput("camera_right", self.root.getRelativeVector(self.camera, (1, 0, 0)))
        self.sprites.setShaderInput("camera_up", self.root.getRelativeVector(self.camera, (0, 0, 1)))
        for node in (self.sprites, self.streaks):
            if node is not None:
                node.setShaderInput("camera_pos", camera)
        here = np.array([camera.x, camera.y, camera.z])
        if self._chosen_at is None or np.linalg.norm(here - self._chosen_at) > RESELECT_M:
            self._chosen_at = here
            self.choose(here)
        return task.cont

    def choose(self, camera):
        """Which lanterns are models from `camera` (model-space point): refill the kinds' buffers."""
        chosen = nearest_models(self.layout.position, self.reach, camera, self.settings.max_models)
        if self.chosen is None or not np.array_equal(chosen, self.chosen):
            self.chosen = chosen
            for batch in self.batches:
                members = chosen[self.layout.kind[chosen] == batch["index"]][:batch["capacity"]]
                rows = self.rows.reshape(-1, 3, 4)[members].reshape(-1, 4)
                write_buffer(batch["texture"], rows)
                show_instances(batch["node"], len(members))
            self.near_flags[:] = 0.0
            self.near_flags[chosen] = 1.0
            write_buffer(self.near_texture, self.near_flags)
        self._place_lights(camera)

    def _place_lights(self, camera):
        lit = nearest(self.layout.position, np.flatnonzero(self.layout.light), camera, len(self.lights))
        for light, index in zip(self.lights, lit):
            centre = self.boxes[self.layout.kind[index]][0] * self.layout.size[index]
            light.setPos(*(self.layout.position[index] + (0.0, 0.0, centre)))
            colour = self.layout.colour[index] * self.layout.glow[index] * LIGHT_POWER
            light.node().setColor((*colour, 1.0))
        for light in self.lights[len(lit):]:
            light.node().setColor((0, 0, 0, 1))

    # --- figures ---------------------------------------------------------------------------------
    def stats(self):
        """What the field draws now: lanterns, geoms, models drawn and the triangles they cost."""
        drawn = [0 if batch["node"].isHidden() else batch["node"].getInstanceCount() for batch in self.batches]
        triangles = sum(n * t for n, t in zip(drawn, self.triangles)) + 2 * self.layout.count
        if self.streaks is not None:
            triangles += 2 * int(self.layout.on_water.sum())
        geoms = sum(1 for n in drawn if n) + 1 + (self.streaks is not None)
        return {"lanterns": int(self.layout.count), "geoms": geoms, "models_drawn": int(sum(drawn)),
                "triangles_drawn": int(triangles)}

    def destroy(self):
        self.task_mgr.remove("lantern-field")
        top = self.root.getTop()
        for light in self.lights:
            top.clearLight(light)
        self.root.removeNode()


def _triangle_count(geom):
    count = 0
    node = geom.node()
    for i in range(node.getNumGeoms()):
        for p in range(node.getGeom(i).getNumPrimitives()):
            count += node.getGeom(i).getPrimitive(p).decompose().getNumPrimitives()
    return count
