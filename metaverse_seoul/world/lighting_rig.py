"""Lights and sky for a scene: a preset from core.lighting, or the viewer's neutral studio rig."""

from panda3d.core import AmbientLight, DirectionalLight, Light

from ..core.lighting import PRESETS, fixed_function_light, linear_to_srgb, srgb_to_linear
from .shapes import SKY_RADIUS, sky_dome

# Imported glTF lights come in physical units that vary wildly between exporters; anything brighter
# than this (after panda3d-gltf's conversion) washes the scene out, so it is scaled down to it.
MAX_IMPORTED_LIGHT = {"DirectionalLight": 4.0, "PointLight": 40.0, "Spotlight": 40.0}


SHADOW_MAP_SIZE = 4096
SHADOW_AREA_M = 260.0  # metres across: Seoul Plaza's walkable bounds fit


class LightingRig:
    """Owns the sun, the ambient light and the sky dome under `render`."""

    def __init__(self, render, camera, lens, linear_output, shadows=False):
        self.render = render
        self.root = render.attachNewNode("lighting")
        self.linear_output = linear_output
        self.sun = self.root.attachNewNode(DirectionalLight("sun"))
        self.ambient = self.root.attachNewNode(AmbientLight("ambient"))
        render.setLight(self.sun)
        render.setLight(self.ambient)
        if shadows:
            # One shadow map over the scene's walkable area; simplepbr renders it (real GPUs only:
            # Mesa's software renderer crashes, which is why the setting is off by default).
            self.sun.node().setShadowCaster(True, SHADOW_MAP_SIZE, SHADOW_MAP_SIZE)
            self.sun.node().getLens().setFilmSize(SHADOW_AREA_M, SHADOW_AREA_M)
            self.sun.node().getLens().setNearFar(-SHADOW_AREA_M, SHADOW_AREA_M)
        self.camera = camera
        self.lens = lens
        self.sky = None
        self.preset = None

    def apply_preset(self, name):
        preset = PRESETS[name]
        self.preset = name
        # A DirectionalLight shines along its +Y: point it away from where the sun is.
        self.sun.setHpr(preset.sun_heading + 180.0, -preset.sun_elevation, 0)
        self._set_colours(preset.ambient_color, [(self.sun, preset.sun_color)])
        self._set_sky(preset.sky_top, preset.sky_horizon)

    def apply_studio(self):
        """Neutral light for the model viewer: key from front-left above, fill and ambient."""
        self.preset = None
        self.sun.setHpr(-35, -40, 0)
        fill = self.root.attachNewNode(DirectionalLight("fill"))
        fill.setHpr(150, -20, 0)
        self.render.setLight(fill)
        self._set_colours((0.45, 0.45, 0.5), [(self.sun, (2.6, 2.55, 2.45)), (fill, (0.8, 0.85, 0.95))])
        # Darker than most materials, so a light grey model still stands out against it.
        self._set_sky((0.13, 0.15, 0.19), (0.33, 0.36, 0.41))

    def _set_colours(self, ambient, directional):
        """Linear light colours, as simplepbr takes them; `directional`: [(light node, colour)]."""
        if not self.linear_output:
            directional = [(light, fixed_function_light(colour, ambient)) for light, colour in directional]
            ambient = linear_to_srgb(ambient)
        self.ambient.node().setColor((*ambient, 1))
        for light, colour in directional:
            light.node().setColor((*colour, 1))

    def _set_sky(self, top, horizon):
        if self.sky is not None:
            self.sky.removeNode()
        if self.linear_output:  # the PBR pipeline encodes to sRGB at the end: feed it linear colours
            top, horizon = srgb_to_linear(top), srgb_to_linear(horizon)
        self.sky = sky_dome(top, horizon)
        self.sky.reparentTo(self.camera)
        self.sky.setCompass()  # follows the camera's position, not its rotation
        self.fit_sky()
        self.sky.setBin("background", 0)
        self.sky.setDepthWrite(False)
        self.sky.setDepthTest(False)
        self.sky.setLightOff(1)
        self.sky.setShaderOff(1)
        self.sky.setTwoSided(True)

    def fit_sky(self):
        """Keep the dome inside the far clipping plane (the viewer shrinks it for small models)."""
        if self.sky is not None:
            self.sky.setScale(self.lens.getFar() * 0.5 / SKY_RADIUS)

    def destroy(self):
        self.render.clearLight()
        self.root.removeNode()
        if self.sky is not None:
            self.sky.removeNode()


def tame_imported_lights(model):
    """Keep a model's own glTF lights (panda3d-gltf already lights the model with them) but scale
    any blinding one down; returns how many the model has."""
    count = 0
    for path in model.findAllMatches("**/+Light"):
        light = path.node()
        if not isinstance(light, Light):
            continue
        count += 1
        color = light.getColor()
        brightest = max(color[0], color[1], color[2])
        limit = MAX_IMPORTED_LIGHT.get(type(light).__name__, 4.0)
        if brightest > limit:
            light.setColor(color * (limit / brightest))
    return count


