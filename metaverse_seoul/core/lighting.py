"""Built-in lighting presets (time of day): sun, ambient light and sky colours.

Colours are linear RGB; intensities are scaled for panda3d-simplepbr, where a sun of about 3 and an
ambient of about 0.3 give a well-exposed daylight scene without tone-mapping tricks. Without PBR
(graphics.pbr: false) fixed_function_light() turns them into what Panda3D's fixed-function lighting needs.
"""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class LightingPreset:
    name: str
    sun_heading: float     # degrees, the compass direction the sunlight comes FROM (0 = north, 90 = west)
    sun_elevation: float   # degrees above the horizon
    sun_color: tuple       # linear RGB, already multiplied by intensity
    ambient_color: tuple   # linear RGB
    sky_top: tuple         # sRGB for the sky gradient
    sky_horizon: tuple
    lamps_on: bool = False  # street lamps and lanterns glow at dusk and night


PRESETS = {
    "dawn": LightingPreset("dawn", -100, 8, (2.2, 1.3, 0.8), (0.22, 0.2, 0.26),
                           (0.33, 0.42, 0.62), (0.98, 0.7, 0.5)),
    "day": LightingPreset("day", 200, 55, (3.0, 2.9, 2.7), (0.35, 0.38, 0.45),
                          (0.3, 0.52, 0.85), (0.78, 0.87, 0.95)),
    "dusk": LightingPreset("dusk", 110, 6, (2.4, 1.2, 0.55), (0.2, 0.17, 0.24),
                           (0.2, 0.22, 0.45), (0.95, 0.55, 0.35), lamps_on=True),
    "night": LightingPreset("night", 150, 40, (0.25, 0.3, 0.5), (0.07, 0.08, 0.13),
                            (0.01, 0.02, 0.06), (0.06, 0.08, 0.16), lamps_on=True),
}


def next_preset(current, available):
    """The preset after `current` in `available` (wrapping), for the 'switch lighting' key."""
    if not available:
        return current
    if current not in available:
        return available[0]
    return available[(available.index(current) + 1) % len(available)]


def linear_to_srgb(color):
    """Encode linear RGB (a tuple, or one number) as sRGB; values above 1 follow the same curve."""
    if not isinstance(color, (int, float)):
        return tuple(linear_to_srgb(c) for c in color)
    c = max(0.0, float(color))
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def srgb_to_linear(color):
    if not isinstance(color, (int, float)):
        return tuple(srgb_to_linear(c) for c in color)
    c = max(0.0, float(color))
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def fixed_function_light(directional, ambient):
    """A directional light's colour for fixed-function lighting, given the scene's ambient light
    (both linear, as in the presets); the ambient itself becomes linear_to_srgb(ambient).

    With simplepbr a matte surface shows sRGB(albedo * (ambient + light * N.L / pi)). Fixed-function
    lighting has no 1/pi and no encoding at the end: it lights sRGB colours and clamps at 1. So the
    light is what a surface facing it adds to the ambient, in sRGB: shade and full light then look
    about as bright as with PBR, as far as sRGB(albedo * light) = sRGB(albedo) * sRGB(light) holds.
    """
    lit = linear_to_srgb(tuple(a + d / math.pi for a, d in zip(ambient, directional)))
    return tuple(max(0.0, l - a) for l, a in zip(lit, linear_to_srgb(ambient)))
