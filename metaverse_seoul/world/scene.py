"""A place assembled in the engine from its manifest and loaded models: geometry, ground, walls,
lighting, kiosks and portals. Decisions (where walls are, how walking works) come from core/."""

from panda3d.core import (BitMask32, CollisionHandlerQueue, CollisionNode, CollisionRay,
                          CollisionTraverser, NodePath, Point2, Texture, Vec3)

from ..core.i18n import pick
from ..core.panel_layout import Rect
from ..core.locomotion import Box, Circle, Pose, Walker, colliders_from_manifest
from .lighting_rig import tame_imported_lights
from .drawn import drawn_geometry
from .props import make_kiosk, make_portal

GROUND_MASK = BitMask32.bit(20)
RAY_TOP = 500.0  # metres above which no ground is looked for


def prepare_static(model):
    """Flatten a static model into few geoms (fewer draw calls); animated models are left alone, and
    the nodes the app moves itself (glTF extras "moves", such as a bell's striker) keep their own."""
    if not model.find("**/+Character").isEmpty():
        return
    moving = model.findAllMatches("**/=moves")
    holder = model.attachNewNode("moving")
    for node in moving:
        node.wrtReparentTo(holder)
    holder.detachNode()
    model.flattenStrong()
    holder.reparentTo(model)


def tagged_colliders(model):
    """Colliders a model declares itself: nodes whose glTF extras say collider: box | circle."""
    shapes = []
    for path in model.findAllMatches("**/=collider"):
        kind = path.getTag("collider")
        bounds = path.getTightBounds(model.getParent() if model.hasParent() else model)
        if bounds is None:
            continue
        low, high = bounds
        cx, cy = (low.x + high.x) / 2, (low.y + high.y) / 2
        hw, hd = (high.x - low.x) / 2, (high.y - low.y) / 2
        shapes.append(Circle(cx, cy, max(hw, hd)) if kind == "circle" else Box(cx, cy, hw, hd))
    return shapes


class GroundProbe:
    """Height of the walkable ground under (x, y): a mesh hit by a downward ray, else a flat height."""

    def __init__(self, ground_root, flat_height):
        self.flat_height = flat_height
        self.ground_root = ground_root
        self.traverser = CollisionTraverser("ground")
        self.queue = CollisionHandlerQueue()
        self.ray_np = None
        if ground_root is not None:
            ray_node = CollisionNode("ground-ray")
            self.ray = CollisionRay(0, 0, RAY_TOP, 0, 0, -1)
            ray_node.addSolid(self.ray)
            ray_node.setFromCollideMask(GROUND_MASK)
            ray_node.setIntoCollideMask(BitMask32.allOff())
            self.ray_np = ground_root.attachNewNode(ray_node)
            self.traverser.addCollider(self.ray_np, self.queue)

    def __call__(self, x, y):
        if self.ground_root is not None:
            self.ray.setOrigin(x, y, RAY_TOP)
            self.traverser.traverse(self.ground_root)
            if self.queue.getNumEntries():
                self.queue.sortEntries()
                return self.queue.getEntry(0).getSurfacePoint(self.ground_root).z
        return self.flat_height


class Scene:
    """Everything one manifest puts in the world, under one node so it can be torn down at once."""

    def __init__(self, manifest, models, render, font, strings, lang, scene_titles):
        self.manifest = manifest
        self.root = render.attachNewNode(f"scene-{manifest.id}")
        self.imported_lights = 0
        ground_name = manifest.ground.mesh
        ground_root = NodePath("ground-collision") if ground_name else None
        shapes = colliders_from_manifest(manifest.colliders)
        for placement, model in zip(manifest.models, models):
            model.reparentTo(self.root)
            model.setPos(*placement.position)
            model.setH(placement.heading)
            model.setScale(placement.scale)
            self.imported_lights += tame_imported_lights(model)
            shapes += tagged_colliders(model)
            if ground_name:
                for found in model.findAllMatches(f"**/{ground_name}"):
                    copy = found.copyTo(ground_root)
                    copy.setMat(found.getMat(self.root))
            prepare_static(model)
        if ground_root is not None:
            for geom_path in ground_root.findAllMatches("**/+GeomNode"):
                geom_path.node().setIntoCollideMask(GROUND_MASK)
            if ground_root.find("**/+GeomNode").isEmpty():
                ground_root = None  # the named mesh is not in the models: walk on the flat height
        self.ground = GroundProbe(ground_root, manifest.ground.height)
        self.walker = Walker(shapes, self.ground, manifest.ground.bounds)
        self.kiosks = [make_kiosk(self.root, k, font, strings(f"kiosk_{k.kind}")) for k in manifest.kiosks]
        # Portals to scenes that do not exist (yet) are not shown: a door to nowhere helps no one.
        self.portals = [
            (portal, make_portal(self.root, portal, font,
                                 strings("portal_to", title=pick(scene_titles[portal.to], lang))))
            for portal in manifest.portals if portal.to in scene_titles
        ]

    def relabel(self, strings, lang, scene_titles):
        """Another language: the kiosks' and portals' signs are written again in it."""
        for kiosk, node in zip(self.manifest.kiosks, self.kiosks):
            node.find("label").node().setText(strings(f"kiosk_{kiosk.kind}"))
        for portal, node in self.portals:
            node.find("label").node().setText(strings("portal_to", title=pick(scene_titles[portal.to], lang)))

    def spawn_pose(self):
        x, y, z = self.manifest.spawn.position
        ground = self.ground(x, y)
        return Pose(x, y, ground if ground is not None else z, self.manifest.spawn.heading)

    def kiosk_sign_on_screen(self, kiosk, camera, aspect):
        """Where the sign above `kiosk` is on the screen, as a Rect in aspect2d units, or None when it is
        not in front of `camera` (a panel then need not avoid it)."""
        sign = self.kiosks[self.manifest.kiosks.index(kiosk)].find("label")
        left, right, bottom, top = sign.node().getFrameActual()
        # The sign is a billboard: it faces the camera whatever its node's own rotation says.
        centre = camera.getRelativePoint(sign, (0, 0, 0))
        size = sign.getSx(camera)
        corners = [centre + Vec3(x * size, 0, z * size) for x in (left, right) for z in (bottom, top)]
        lens = camera.node().getLens()
        points = []
        for corner in corners:
            film = Point2()
            if corner.y <= 0 or not lens.project(corner, film):
                return None
            points.append((film.x * aspect, film.y))
        xs, ys = [x for x, _ in points], [y for _, y in points]
        return Rect(min(xs), max(xs), min(ys), max(ys))

    def portal_at(self, x, y):
        """The portal whose circle the visitor stands in, if any."""
        for portal, _node in self.portals:
            px, py, _ = portal.position
            if (x - px) ** 2 + (y - py) ** 2 <= portal.radius ** 2:
                return portal
        return None

    def destroy(self):
        self.root.removeNode()


def count_geometry(root, camera=None):
    """Geoms and triangles under `root` as they will be drawn (by `camera`, when LODs are involved)."""
    return drawn_geometry(root, camera)


def texture_bytes(texture):
    """What a texture takes on the GPU: its blocks when kept compressed (Panda3D's estimate counts
    every texture as uncompressed), else Panda3D's estimate, mipmaps included."""
    if texture.hasRamImage() and texture.getRamImageCompression() != Texture.CM_off:
        levels = range(max(texture.getNumRamMipmapImages(), 1))
        return sum(texture.getRamMipmapImageSize(level) for level in levels)
    return texture.estimateTextureMemory()


def texture_megabytes(root):
    """Memory the textures under `root` take on the GPU, in MiB (including mipmaps)."""
    return sum(texture_bytes(tex) for tex in root.findAllTextures()) / (1 << 20)


