"""The JSON side of the check: shapes, types, references and ranges, without reading any data.

`Structure` holds the glTF dict and a `fail(message)` that raises; the checker (check.py) adds what
reads bytes. Each method refuses the first thing wrong with one message that names the place.
"""

from __future__ import annotations

import math
import re
from typing import Callable

from .accessors import accessor_end, element_extent, element_size
from .container import describe
from .tables import (ANIMATION_PATH_TYPES, COMPONENT_SIZES, DRACO, INDEX_DTYPES, LIGHTS, MESHOPT_EXTENSIONS,
                     TEXTURE_SOURCE_EXTENSIONS, TYPE_SHAPES, VALID_MODES)

MAX_NODE_DEPTH = 256  # the converter builds the scene graph recursively
ARRAY_PROPERTIES = ("accessors", "animations", "buffers", "bufferViews", "cameras", "images",
                    "materials", "meshes", "nodes", "samplers", "scenes", "skins", "textures")


def is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value) -> bool:
    return (is_int(value) or isinstance(value, float)) and math.isfinite(value)


def one_of(value, allowed) -> bool:
    """`value in allowed`, safe for unhashable JSON values and strict about booleans."""
    return isinstance(value, (int, str)) and not isinstance(value, bool) and value in allowed


class Structure:
    def __init__(self, gltf: dict, fail: Callable[[str], None]):
        self.gltf = gltf
        self.fail = fail
        self.show = describe

    # --- typed reads ----------------------------------------------------------------------------

    def array(self, name: str) -> list:
        return self.gltf.get(name, [])

    def ref(self, value, array: str, where: str) -> int:
        """Check that `value` indexes into the top-level `array`; return it."""
        items = self.array(array)
        if not is_int(value):
            self.fail(f"{where} is {describe(value)}, expected an index into {array}")
        if not 0 <= value < len(items):
            self.fail(f"{where} is {value} but the model has no {array}" if not items else
                      f"{where} is {value}, not an index into {array} (0 to {len(items) - 1})")
        return value

    def opt_ref(self, obj: dict, key: str, array: str, where: str):
        return self.ref(obj[key], array, f"{where}.{key}") if key in obj else None

    def int(self, obj: dict, key: str, where: str, default=None, minimum=0) -> int:
        value = obj.get(key, default)
        if not is_int(value) or value < minimum:
            shown = "missing" if key not in obj else describe(value)
            self.fail(f"{where}.{key} is {shown}, expected an integer >= {minimum}")
        return value

    def numbers(self, obj: dict, key: str, where: str, length: int | None = None, limit: float = math.inf):
        if key not in obj:
            return
        value = obj[key]
        if (not isinstance(value, list) or not all(is_number(v) and abs(v) <= limit for v in value)
                or (length is not None and len(value) != length)):
            expected = f"{length} finite numbers" if length else "a list of finite numbers"
            if limit != math.inf:
                expected += f" within ±{limit:g}"
            self.fail(f"{where}.{key} is {describe(value)}, expected {expected}")

    def number(self, obj: dict, key: str, where: str, required=False, positive=False):
        if key not in obj:
            if required:
                self.fail(f"{where}.{key} is missing")
            return
        value = obj[key]
        if not is_number(value) or (positive and value <= 0):
            kind = "a positive number" if positive else "a finite number"
            self.fail(f"{where}.{key} is {describe(value)}, expected {kind}")

    def dict(self, obj: dict, key: str, where: str, required=False) -> dict:
        if key not in obj:
            if required:
                self.fail(f"{where}.{key} is missing")
            return {}
        value = obj[key]
        if not isinstance(value, dict):
            self.fail(f"{where}.{key} is {describe(value)}, expected an object")
        return value

    # --- the top level ---------------------------------------------------------------------------

    def check_shape(self):
        gltf = self.gltf
        asset = gltf.get("asset")
        if not isinstance(asset, dict):
            self.fail("JSON is not glTF: no 'asset' object")
        version = asset.get("version")
        if not isinstance(version, str):
            self.fail("JSON is not glTF: asset.version is missing or not a string")
        if not re.fullmatch(r"2\.\d+", version):
            self.fail(f"asset.version is {describe(version)}; only glTF 2.x is supported")
        min_version = asset.get("minVersion")
        if min_version is not None and (not isinstance(min_version, str) or min_version != "2.0"):
            self.fail(f"asset.minVersion is {describe(min_version)}; only glTF 2.0 is supported")
        for name in ARRAY_PROPERTIES:
            items = gltf.get(name, [])
            if not isinstance(items, list):
                self.fail(f"{name} is {type(items).__name__}, expected a list")
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    self.fail(f"{name}[{i}] is {type(item).__name__}, expected an object")
                if not isinstance(item.get("name", ""), str):  # Panda3D node names must be strings
                    self.fail(f"{name}[{i}].name is {describe(item['name'])}, expected a string")
        for name in ("extensionsUsed", "extensionsRequired"):
            items = gltf.get(name, [])
            if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
                self.fail(f"{name} is not a list of names")
        if not isinstance(gltf.get("extensions", {}), dict):
            self.fail("extensions is not an object")

    # --- buffer views and accessors --------------------------------------------------------------

    def check_buffer_views(self, buffer_size: Callable[[int], int | None]):
        """`buffer_size(i)`: bytes of buffers[i], None when it has no data of its own."""
        for i, view in enumerate(self.array("bufferViews")):
            where = f"bufferViews[{i}]"
            buffer = self.ref(view.get("buffer"), "buffers", f"{where}.buffer")
            offset = self.int(view, "byteOffset", where, default=0)
            length = self.int(view, "byteLength", where, minimum=1)
            if "byteStride" in view:
                stride = view["byteStride"]
                if not is_int(stride) or not 4 <= stride <= 252 or stride % 4:
                    self.fail(f"{where}.byteStride is {describe(stride)}, expected a multiple of 4 from 4 to 252")
            size = buffer_size(buffer)
            if size is not None and offset + length > size:
                self.fail(f"{where}: reaches byte {offset + length} of buffers[{buffer}] which has {size} bytes")
            self._check_meshopt_view(view, where, buffer_size)

    def _check_meshopt_view(self, view: dict, where: str, buffer_size):
        extensions = self.dict(view, "extensions", where)
        for name in MESHOPT_EXTENSIONS:
            if name not in extensions:
                continue
            ext = self.dict(extensions, name, f"{where}.extensions")
            ext_where = f"{where}.extensions.{name}"
            buffer = self.ref(ext.get("buffer"), "buffers", f"{ext_where}.buffer")
            offset = self.int(ext, "byteOffset", ext_where, default=0)
            length = self.int(ext, "byteLength", ext_where, minimum=1)
            self.int(ext, "byteStride", ext_where, minimum=1)
            self.int(ext, "count", ext_where, minimum=1)
            if ext.get("mode") not in ("ATTRIBUTES", "TRIANGLES", "INDICES"):
                self.fail(f"{ext_where}.mode is {describe(ext.get('mode'))}, expected ATTRIBUTES, TRIANGLES or INDICES")
            size = buffer_size(buffer)
            if size is None:
                self.fail(f"{ext_where}.buffer is buffers[{buffer}], which has no data")
            if offset + length > size:
                self.fail(f"{ext_where}: reaches byte {offset + length} of buffers[{buffer}] which has {size} bytes")

    def check_accessors(self):
        for i, accessor in enumerate(self.array("accessors")):
            where = f"accessors[{i}]"
            component = accessor.get("componentType")
            if not one_of(component, COMPONENT_SIZES):
                self.fail(f"{where}.componentType is {describe(component)}, not a glTF component type")
            kind = accessor.get("type")
            if not one_of(kind, TYPE_SHAPES):
                self.fail(f"{where}.type is {describe(kind)}, not a glTF accessor type")
            count = self.int(accessor, "count", where, minimum=1)
            if "bufferView" in accessor:  # without one, the values are zeros (and maybe sparse)
                self._check_range(where, accessor["bufferView"], accessor.get("byteOffset", 0), count, component, kind)
            if "sparse" in accessor:
                self._check_sparse(where, accessor, count)

    def _check_range(self, where, view_ref, offset, count, component, kind, strided=True):
        view_index = self.ref(view_ref, "bufferViews", f"{where}.bufferView")
        if not is_int(offset) or offset < 0:
            self.fail(f"{where}.byteOffset is {describe(offset)}, expected an integer >= 0")
        view = self.array("bufferViews")[view_index]
        element = element_size(component, kind)
        stride = view.get("byteStride", element) if strided else element
        if stride < element_extent(component, kind):
            self.fail(f"{where}: elements of {element} bytes do not fit bufferViews[{view_index}].byteStride {stride}")
        end = accessor_end(offset, stride, count, component, kind)
        if end > view["byteLength"]:
            self.fail(f"{where}: reaches byte {end} of bufferViews[{view_index}] which has {view['byteLength']} bytes")

    def _check_sparse(self, where: str, accessor: dict, count: int):
        sparse = self.dict(accessor, "sparse", where)
        where = f"{where}.sparse"
        sparse_count = self.int(sparse, "count", where, minimum=1)
        if sparse_count > count:
            self.fail(f"{where}.count is {sparse_count}, more than the accessor's {count} elements")
        indices = self.dict(sparse, "indices", where, required=True)
        values = self.dict(sparse, "values", where, required=True)
        component = indices.get("componentType")
        if not one_of(component, INDEX_DTYPES):
            self.fail(f"{where}.indices.componentType is {describe(component)}, expected 5121, 5123 or 5125")
        self._check_range(f"{where}.indices", indices.get("bufferView"), indices.get("byteOffset", 0),
                          sparse_count, component, "SCALAR", strided=False)
        self._check_range(f"{where}.values", values.get("bufferView"), values.get("byteOffset", 0),
                          sparse_count, accessor["componentType"], accessor["type"], strided=False)

    # --- scene graph -----------------------------------------------------------------------------

    def check_scenes_and_nodes(self, max_coordinate: float):
        nodes = self.array("nodes")
        if "scene" in self.gltf:
            self.ref(self.gltf["scene"], "scenes", "scene")
        for i, scene in enumerate(self.array("scenes")):
            roots = scene.get("nodes", [])  # a scene may have no nodes: it is empty
            if not isinstance(roots, list):
                self.fail(f"scenes[{i}].nodes is {describe(roots)}, expected a list")
            for j, root in enumerate(roots):
                self.ref(root, "nodes", f"scenes[{i}].nodes[{j}]")
        parents: dict[int, int] = {}
        for i, node in enumerate(nodes):
            self._check_node(i, node, parents, max_coordinate)
        self._check_node_depths(nodes, parents)

    def _check_node(self, i: int, node: dict, parents: dict[int, int], max_coordinate: float):
        where = f"nodes[{i}]"
        for key, array in (("mesh", "meshes"), ("camera", "cameras"), ("skin", "skins")):
            self.opt_ref(node, key, array, where)
        children = node.get("children", [])
        if not isinstance(children, list):
            self.fail(f"{where}.children is {describe(children)}, expected a list")
        for j, child in enumerate(children):
            self.ref(child, "nodes", f"{where}.children[{j}]")
            if child == i:
                self.fail(f"{where} is its own child")
            if child in parents:
                self.fail(f"nodes[{child}] has two parents, nodes[{parents[child]}] and nodes[{i}]")
            parents[child] = i
        for key, length in (("matrix", 16), ("translation", 3), ("rotation", 4), ("scale", 3)):
            self.numbers(node, key, where, length, limit=max_coordinate)
        self.numbers(node, "weights", where)
        extensions = self.dict(node, "extensions", where)
        lod = self.dict(extensions, "MSFT_lod", f"{where}.extensions")
        for j, other in enumerate(lod.get("ids", []) if isinstance(lod.get("ids", []), list) else [None]):
            self.ref(other, "nodes", f"{where}.extensions.MSFT_lod.ids[{j}]")

    def _check_node_depths(self, nodes: list, parents: dict[int, int]):
        """Refuse cycles and hierarchies deeper than the converter's recursion can follow."""
        depth: dict[int, int] = {}
        for start in range(len(nodes)):
            chain, seen, node = [], set(), start
            while node not in depth:
                if node in seen:
                    self.fail(f"nodes[{node}] is its own ancestor (the node hierarchy has a cycle)")
                chain.append(node)
                seen.add(node)
                if node not in parents:
                    depth[node] = 1
                    chain.pop()
                    break
                node = parents[node]
            for node in reversed(chain):
                depth[node] = depth[parents[node]] + 1
                if depth[node] > MAX_NODE_DEPTH:
                    self.fail(f"nodes[{node}] is nested {depth[node]} levels deep; more than {MAX_NODE_DEPTH} is refused")

    def check_cameras_and_lights(self):
        for i, camera in enumerate(self.array("cameras")):
            where = f"cameras[{i}]"
            kind = camera.get("type")
            if kind not in ("perspective", "orthographic"):
                self.fail(f"{where}.type is {describe(kind)}, expected perspective or orthographic")
            if kind == "perspective":
                lens = self.dict(camera, "perspective", where, required=True)
                for key in ("yfov", "znear"):
                    self.number(lens, key, f"{where}.perspective", required=True, positive=True)
                self.number(lens, "zfar", f"{where}.perspective", positive=True)  # none: infinite
                self.number(lens, "aspectRatio", f"{where}.perspective", positive=True)
        lights = self.lights()
        for i, light in enumerate(lights):
            where = f"{LIGHTS}.lights[{i}]"
            if not isinstance(light.get("type"), str):
                self.fail(f"{where}.type is {describe(light.get('type'))}, expected a name such as point")
            self.numbers(light, "color", where, 3)
            self.number(light, "intensity", where)
            self.number(light, "range", where, positive=True)
            spot = self.dict(light, "spot", where)
            self.number(spot, "innerConeAngle", f"{where}.spot")
            self.number(spot, "outerConeAngle", f"{where}.spot", positive=True)
        for i, node in enumerate(self.array("nodes")):
            if LIGHTS in node.get("extensions", {}):
                light_ref = node["extensions"][LIGHTS]
                light = light_ref.get("light") if isinstance(light_ref, dict) else None
                if not is_int(light) or not 0 <= light < len(lights):
                    self.fail(f"nodes[{i}].extensions.{LIGHTS}.light is {describe(light)} but there are {len(lights)} lights")

    def lights(self) -> list:
        extensions = self.gltf.get("extensions", {})
        lights = extensions.get(LIGHTS, {})
        lights = lights.get("lights", []) if isinstance(lights, dict) else None
        if not isinstance(lights, list) or not all(isinstance(x, dict) for x in lights):
            self.fail(f"extensions.{LIGHTS}.lights is not a list of objects")
        return lights

    def check_skins_and_animations(self, check_key_times: Callable[[int, str], None]):
        for i, skin in enumerate(self.array("skins")):
            where = f"skins[{i}]"
            joints = skin.get("joints")
            if not isinstance(joints, list) or not joints:
                self.fail(f"{where}.joints is {describe(joints)}, expected a non-empty list of nodes")
            for j, joint in enumerate(joints):
                self.ref(joint, "nodes", f"{where}.joints[{j}]")
            self.opt_ref(skin, "skeleton", "nodes", where)
            self.opt_ref(skin, "inverseBindMatrices", "accessors", where)
        for i, animation in enumerate(self.array("animations")):
            where = f"animations[{i}]"
            samplers, channels = animation.get("samplers"), animation.get("channels")
            for name, items in (("samplers", samplers), ("channels", channels)):
                if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
                    self.fail(f"{where}.{name} is not a list of objects")
            for j, sampler in enumerate(samplers):
                check_key_times(self.ref(sampler.get("input"), "accessors", f"{where}.samplers[{j}].input"),
                                f"{where}.samplers[{j}].input")
                self.ref(sampler.get("output"), "accessors", f"{where}.samplers[{j}].output")
            for j, channel in enumerate(channels):
                self._check_channel(channel, samplers, f"{where}.channels[{j}]")

    def _check_channel(self, channel: dict, samplers: list, where: str):
        """A channel's output must hold one value (three for cubic splines) per key, of its path's type."""
        sampler = channel.get("sampler")
        if not is_int(sampler) or not 0 <= sampler < len(samplers):
            self.fail(f"{where}.sampler is {describe(sampler)} but the animation has {len(samplers)} samplers")
        target = self.dict(channel, "target", where, required=True)
        node = self.array("nodes")[self.ref(target.get("node"), "nodes", f"{where}.target.node")]
        path = target.get("path")
        if not one_of(path, ANIMATION_PATH_TYPES):
            self.fail(f"{where}.target.path is {describe(path)}, expected one of {', '.join(ANIMATION_PATH_TYPES)}")
        sampler = samplers[sampler]
        accessors = self.array("accessors")
        keys, output = accessors[sampler["input"]]["count"], accessors[sampler["output"]]
        per_key = 3 if sampler.get("interpolation") == "CUBICSPLINE" else 1
        if path == "weights":
            mesh = self.array("meshes")[node["mesh"]] if "mesh" in node else {}
            targets = mesh.get("primitives", [{}])[0].get("targets", [])
            per_key *= len(targets) if isinstance(targets, list) else 0
        if output["type"] != ANIMATION_PATH_TYPES[path] or output["count"] != keys * per_key:
            self.fail(f"{where}: output accessors[{sampler['output']}] has {output['count']} {output['type']} values; "
                      f"{path} with {keys} keys needs {keys * per_key} {ANIMATION_PATH_TYPES[path]}")

    # --- materials and textures ------------------------------------------------------------------

    def check_materials_and_textures(self):
        for i, material in enumerate(self.array("materials")):
            self._check_material(material, f"materials[{i}]")
        for i, sampler in enumerate(self.array("samplers")):
            for key in ("magFilter", "minFilter", "wrapS", "wrapT"):
                if key in sampler:  # the converter looks these up in tables: an unhashable value crashes it
                    self.int(sampler, key, f"samplers[{i}]")
        for i, texture in enumerate(self.array("textures")):
            where = f"textures[{i}]"
            self.opt_ref(texture, "source", "images", where)
            self.opt_ref(texture, "sampler", "samplers", where)
            extensions = self.dict(texture, "extensions", where)
            for name in TEXTURE_SOURCE_EXTENSIONS:
                if name in extensions:
                    self.opt_ref(self.dict(extensions, name, f"{where}.extensions"), "source", "images",
                                 f"{where}.extensions.{name}")

    def _check_material(self, material: dict, where: str):
        pbr = self.dict(material, "pbrMetallicRoughness", where)
        self.numbers(pbr, "baseColorFactor", f"{where}.pbrMetallicRoughness", 4)
        self.number(pbr, "metallicFactor", f"{where}.pbrMetallicRoughness")
        self.number(pbr, "roughnessFactor", f"{where}.pbrMetallicRoughness")
        self.numbers(material, "emissiveFactor", where, 3)
        self.number(material, "alphaCutoff", where)
        slots = [(pbr, "baseColorTexture", f"{where}.pbrMetallicRoughness"),
                 (pbr, "metallicRoughnessTexture", f"{where}.pbrMetallicRoughness"),
                 (material, "normalTexture", where), (material, "occlusionTexture", where),
                 (material, "emissiveTexture", where)]
        for owner, key, owner_where in slots:
            info = self.dict(owner, key, owner_where)
            if key in owner:
                self._check_texture_info(info, f"{owner_where}.{key}")
        ior = self.dict(material, "extensions", where).get("KHR_materials_ior")
        if isinstance(ior, dict):
            self.number(ior, "ior", f"{where}.extensions.KHR_materials_ior")

    def _check_texture_info(self, info: dict, where: str):
        self.ref(info.get("index"), "textures", f"{where}.index")
        self.int(info, "texCoord", where, default=0)
        transform = self.dict(self.dict(info, "extensions", where), "KHR_texture_transform", f"{where}.extensions")
        where = f"{where}.extensions.KHR_texture_transform"
        self.numbers(transform, "offset", where, 2)
        self.numbers(transform, "scale", where, 2)
        self.number(transform, "rotation", where)
        if "texCoord" in transform:
            self.int(transform, "texCoord", where)

    # --- primitives ------------------------------------------------------------------------------

    def check_primitive_shape(self, primitive: dict, where: str) -> tuple[dict, int, bool]:
        """References and counts of a primitive; returns (attributes, mode, whether Draco holds its data)."""
        accessors = self.array("accessors")
        attributes = self.dict(primitive, "attributes", where, required=True)
        mode = primitive.get("mode", 4)
        if not one_of(mode, VALID_MODES):
            self.fail(f"{where}.mode is {describe(mode)}, expected 0 to 6")
        self.opt_ref(primitive, "material", "materials", where)
        if "indices" in primitive:
            self.ref(primitive["indices"], "accessors", f"{where}.indices")
        targets = primitive.get("targets", [])
        if not isinstance(targets, list) or not all(isinstance(t, dict) for t in targets):
            self.fail(f"{where}.targets is not a list of objects")
        sources = [(f"{where}.attributes.{name}", ref) for name, ref in attributes.items()]
        for t, target in enumerate(targets):
            sources += [(f"{where}.targets[{t}].{name}", ref) for name, ref in target.items()]
        counts = set()
        for name, ref in sources:
            accessor = accessors[self.ref(ref, "accessors", name)]
            if TYPE_SHAPES[accessor["type"]][0] > 1:
                self.fail(f"{name} is a {accessor['type']} accessor, which cannot be a vertex attribute")
            counts.add((accessor["count"], name))
        if len({count for count, _ in counts}) > 1:
            (low, low_name), (high, high_name) = min(counts), max(counts)
            self.fail(f"{low_name} has {low} elements but {high_name.rsplit('.', 1)[-1]} has {high}")
        draco = self.dict(self.dict(primitive, "extensions", where), DRACO, f"{where}.extensions")
        if draco:
            self.ref(draco.get("bufferView"), "bufferViews", f"{where}.extensions.{DRACO}.bufferView")
            self.dict(draco, "attributes", f"{where}.extensions.{DRACO}", required=True)
        return attributes, mode, bool(draco)
