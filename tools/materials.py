"""Shared surfaces for the city builders: paving, lawn, asphalt, stone, glass, metal, wood, foliage.

Each function returns the same Surface object on every call (cached), so parts built anywhere in a
scene merge into one primitive per surface. Textures are generated here, procedurally and
deterministically (see tools.texgen); sizes are powers of two and small (256-512 px), so a scene's
decoded textures stay a few MB.
"""

from functools import lru_cache

import numpy as np

from . import texgen as tg
from .assembly import Surface
from .gltf_writer import Material, Texture
from .png import encode_png


def srgb_to_linear(rgb):
    """glTF colour factors are linear; the palettes below are written in sRGB (as picked by eye)."""
    c = np.asarray(rgb, dtype=np.float64)
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return tuple(float(round(v, 4)) for v in lin)


def hex_rgb(text):
    text = text.lstrip("#")
    return tuple(int(text[i:i + 2], 16) / 255.0 for i in (0, 2, 4))


def textured(name, albedo, height=None, size=(1.0, 1.0), roughness=0.8, metallic=0.0, normal_strength=2.0,
             glow=None, **material_args):
    """A Surface from an sRGB albedo image (H, W, 3) in 0..1, an optional height field for the normals and
    an optional glow image (H, W, 3): the light the surface gives off itself (lit windows)."""
    base = Texture(f"{name}_basecolor", encode_png(tg.to_rgb8(albedo)))
    normal = None
    if height is not None:
        normal = Texture(f"{name}_normal", encode_png(tg.normal_map(height, normal_strength)))
    if glow is not None:
        material_args = {"emissive": (1.0, 1.0, 1.0), **material_args,
                         "emissive_texture": Texture(f"{name}_emissive", encode_png(tg.to_rgb8(glow)))}
    material = Material(name, base_color_texture=base, normal_texture=normal, roughness=roughness,
                        metallic=metallic, **material_args)
    return Surface(material, size)


def plain(name, srgb, roughness=0.8, metallic=0.0, **material_args):
    """A Surface with a single colour (sRGB in, linear factor out)."""
    rgb = srgb_to_linear(srgb[:3])
    alpha = srgb[3] if len(srgb) > 3 else 1.0
    return Surface(Material(name, base_color=rgb + (alpha,), roughness=roughness, metallic=metallic,
                            **material_args))


def _stone_colour(size, block_row, block_col, seed, dark, light, spread=0.35):
    """Granite-like albedo: a tone per block, cloudy variation and crystal speckle."""
    tone = tg.cell_random(block_col, block_row, seed)
    cloud = tg.fbm(size, 8, 4, seed)
    grain = tg.speckle(size, seed, 0.35)
    value = 0.5 + (tone - 0.5) * spread + (cloud - 0.5) * 0.35 + (grain - 0.5) * 0.25
    return tg.colorize(value, dark, light)


@lru_cache(maxsize=None)
def granite_paving():
    """Grey granite slabs, 1.2 x 0.6 m in running bond (Seoul Plaza's paving is granite)."""
    size = 512
    row, col, dist = tg.blocks(size, rows=8, cols_per_row=4, stagger=0.5)
    albedo = _stone_colour(size, row, col, 11, (0.42, 0.42, 0.43), (0.74, 0.73, 0.72))
    joint = tg.joint_profile(dist, 2.5, 2.0)
    albedo *= (0.55 + 0.45 * joint)[..., None]
    height = joint * 0.9 + tg.fbm(size, 16, 3, 12) * 0.1
    return textured("granite_paving", albedo, height, size=(4.8, 4.8), roughness=0.75)


@lru_cache(maxsize=None)
def granite_ashlar():
    """Light dressed granite in 1.0 x 0.5 m courses: building bases, curbs, terraces."""
    size = 512
    row, col, dist = tg.blocks(size, rows=8, cols_per_row=4, stagger=0.5)
    albedo = _stone_colour(size, row, col, 21, (0.55, 0.54, 0.52), (0.82, 0.80, 0.76), spread=0.25)
    joint = tg.joint_profile(dist, 3.0, 5.0)
    albedo *= (0.6 + 0.4 * joint)[..., None]
    height = joint * 0.8 + tg.fbm(size, 32, 3, 22) * 0.2
    return textured("granite_ashlar", albedo, height, size=(4.0, 4.0), roughness=0.7, normal_strength=3.0)


@lru_cache(maxsize=None)
def rendered_stone():
    """Warm grey faux-stone render with shallow block lines (the 1926 City Hall above its granite base)."""
    size = 256
    row, col, dist = tg.blocks(size, rows=4, cols_per_row=2, stagger=0.5)
    albedo = _stone_colour(size, row, col, 31, (0.66, 0.63, 0.57), (0.80, 0.77, 0.70), spread=0.12)
    joint = tg.joint_profile(dist, 1.5, 1.5)
    albedo *= (0.8 + 0.2 * joint)[..., None]
    return textured("rendered_stone", albedo, joint * 0.6, size=(2.4, 2.4), roughness=0.85)


@lru_cache(maxsize=None)
def lawn():
    size = 256
    blades = tg.speckle(size, 41, 0.6)
    cloud = tg.fbm(size, 4, 4, 42)
    value = cloud * 0.6 + blades * 0.4
    albedo = tg.colorize(value, (0.20, 0.33, 0.12), (0.42, 0.58, 0.22))
    return textured("lawn", albedo, blades * 0.5, size=(3.0, 3.0), roughness=0.95, normal_strength=1.5)


@lru_cache(maxsize=None)
def asphalt():
    size = 256
    value = tg.fbm(size, 8, 4, 51) * 0.5 + tg.speckle(size, 52, 0.5) * 0.5
    albedo = tg.colorize(value, (0.16, 0.16, 0.17), (0.34, 0.34, 0.35))
    return textured("asphalt", albedo, value * 0.3, size=(4.0, 4.0), roughness=0.9)


@lru_cache(maxsize=None)
def curtain_glass():
    """The new City Hall's glazing: panes 1.5 x 2.1 m with thin mullions and floor bands every 4.2 m."""
    size = 256
    ys, xs = np.mgrid[0:size, 0:size]
    pane_col, pane_row = xs // 64, ys // 64
    tone = tg.cell_random(pane_col, pane_row, 61)
    sky = 1.0 - ys / size * 0.25
    albedo = tg.colorize(0.35 + 0.35 * tone * sky, (0.30, 0.40, 0.48), (0.62, 0.74, 0.82))
    mullion = ((xs % 64) < 3) | ((ys % 64) < 3)
    floor_band = (ys % 128) < 8
    albedo[mullion] = (0.78, 0.80, 0.82)
    albedo[floor_band] = (0.55, 0.58, 0.60)
    height = np.where(mullion | floor_band, 1.0, 0.0)
    return textured("curtain_glass", albedo, height, size=(6.0, 8.4), roughness=0.15, metallic=0.3)


@lru_cache(maxsize=None)
def office_facade():
    """Generic office facade for background buildings: 1.8 m windows in 3.6 m floors."""
    size = 256
    ys, xs = np.mgrid[0:size, 0:size]
    window = ((xs % 64) > 8) & ((ys % 64) > 20) & ((ys % 64) < 58)
    tone = tg.cell_random(xs // 64, ys // 64, 71)
    albedo = np.empty((size, size, 3))
    albedo[:] = (0.70, 0.68, 0.64)
    albedo[window] = (np.array([0.18, 0.22, 0.27]) + 0.12 * tone[window][:, None])
    return textured("office_facade", albedo, np.where(window, 0.0, 1.0), size=(7.2, 7.2), roughness=0.6)


@lru_cache(maxsize=None)
def window_glass():
    """A dark multi-pane window with white frames, one window per texture (UV 0..1 over the opening)."""
    size = 128
    ys, xs = np.mgrid[0:size, 0:size]
    albedo = np.empty((size, size, 3))
    albedo[:] = (0.10, 0.13, 0.16)
    albedo += (1.0 - ys / size)[..., None] * 0.12
    frame = (xs < 6) | (xs > size - 7) | (ys < 6) | (ys > size - 7) | (abs(xs - size // 2) < 3) | \
            (abs(ys - size // 3) < 2) | (abs(ys - 2 * size // 3) < 2)
    albedo[frame] = (0.86, 0.86, 0.82)
    return textured("window_glass", albedo, np.where(frame, 1.0, 0.0), size=(1.0, 1.0), roughness=0.25)


@lru_cache(maxsize=None)
def clock_face():
    """A white clock dial with hour marks and hands at ten past ten (UV 0..1 over the dial)."""
    size = 128
    ys, xs = np.mgrid[0:size, 0:size]
    x, y = (xs - size / 2 + 0.5) / (size / 2), (size / 2 - ys - 0.5) / (size / 2)
    r, angle = np.hypot(x, y), np.degrees(np.arctan2(x, y)) % 360
    albedo = np.empty((size, size, 3))
    albedo[:] = (0.93, 0.92, 0.86)
    marks = (r > 0.78) & (r < 0.92) & ((angle % 30 < 2.5) | (angle % 30 > 27.5))
    rim = r > 0.94

    def hand(direction, length, width):
        d = np.radians(direction)
        along = x * np.sin(d) + y * np.cos(d)
        across = np.abs(x * np.cos(d) - y * np.sin(d))
        return (along > -0.05) & (along < length) & (across < width)

    albedo[marks | rim | hand(305, 0.5, 0.045) | hand(60, 0.75, 0.03)] = (0.08, 0.08, 0.08)
    return textured("clock_face", albedo, size=(1.0, 1.0), roughness=0.5)


@lru_cache(maxsize=None)
def bark():
    size = 128
    ys, xs = np.mgrid[0:size, 0:size]
    ridges = 0.5 + 0.5 * np.sin(xs / size * 2 * np.pi * 8 + tg.fbm(size, 4, 3, 81) * 6)
    value = ridges * 0.6 + tg.fbm(size, 8, 3, 82) * 0.4
    return textured("bark", tg.colorize(value, (0.18, 0.13, 0.10), (0.42, 0.34, 0.27)), ridges,
                    size=(0.8, 1.2), roughness=0.95)


@lru_cache(maxsize=None)
def foliage():
    """Leaves: a plain material; tree crowns carry vertex colours for variety (COLOR_0 multiplies it)."""
    return plain("foliage", (1.0, 1.0, 1.0), roughness=0.9)


@lru_cache(maxsize=None)
def wood_slats():
    size = 128
    ys, xs = np.mgrid[0:size, 0:size]
    grain = tg.fbm(size, 4, 4, 91)
    streak = 0.5 + 0.5 * np.sin(ys / size * 2 * np.pi * 12 + grain * 8)
    value = streak * 0.5 + grain * 0.5
    return textured("wood_slats", tg.colorize(value, (0.40, 0.24, 0.13), (0.62, 0.42, 0.25)), streak * 0.4,
                    size=(1.0, 1.0), roughness=0.7)


@lru_cache(maxsize=None)
def dark_metal():
    return plain("dark_metal", (0.16, 0.17, 0.18), roughness=0.45, metallic=0.8)


@lru_cache(maxsize=None)
def patina_copper():
    return plain("patina_copper", (0.36, 0.52, 0.47), roughness=0.55, metallic=0.3)


@lru_cache(maxsize=None)
def lamp_glow():
    """Lamp globes: emissive so they read as lights; the node is tagged for the app's lamps_on switch."""
    return plain("lamp_glow", (0.98, 0.95, 0.86), roughness=0.3, emissive=(1.0, 0.86, 0.62))


@lru_cache(maxsize=None)
def road_marking():
    return plain("road_marking", (0.92, 0.92, 0.88), roughness=0.6)


@lru_cache(maxsize=None)
def dark_granite():
    return plain("dark_granite", (0.22, 0.22, 0.24), roughness=0.35)


@lru_cache(maxsize=None)
def hillside():
    """Rough grass with patches of bare earth, for natural terrain."""
    size = 256
    patches = tg.fbm(size, 4, 4, 171)
    blades = tg.speckle(size, 172, 0.6)
    grass = tg.colorize(0.5 * tg.fbm(size, 16, 3, 173) + 0.5 * blades, (0.17, 0.26, 0.10), (0.38, 0.46, 0.20))
    earth = tg.colorize(tg.fbm(size, 16, 3, 174), (0.36, 0.29, 0.20), (0.52, 0.43, 0.31))
    t = np.clip((patches - 0.58) * 6.0, 0.0, 1.0)
    albedo = tg.mix(grass, earth, t)
    return textured("hillside", albedo, blades * 0.4 + patches * 0.3, size=(6.0, 6.0), roughness=0.95)


@lru_cache(maxsize=None)
def packed_earth():
    """A dirt road: packed earth with grit and wheel-worn streaks."""
    size = 256
    ys, xs = np.mgrid[0:size, 0:size]
    grit = tg.speckle(size, 181, 0.5)
    value = 0.5 * tg.fbm(size, 8, 4, 182) + 0.3 * grit + 0.2 * (0.5 + 0.5 * np.sin(ys / size * 2 * np.pi * 3))
    albedo = tg.colorize(value, (0.40, 0.33, 0.24), (0.62, 0.53, 0.40))
    return textured("packed_earth", albedo, grit * 0.5, size=(4.0, 4.0), roughness=0.95)
