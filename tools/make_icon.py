"""The app icon: Donuimun, the lost west gate, as our model builds it, on a dusk-blue badge.

    python -m tools.make_icon            # write assets/icons/metaverse-seoul-<size>.png
    python -m tools.make_icon --check    # exit 1 if the committed icons differ from what this draws

The silhouette is the gate's front elevation drawn from the dimensions tools/build_donuimun.py builds
the model from (stone platform, arched passage, the pavilion and its hipped roof with upturned eaves),
so the icon and the place agree. Each size is drawn from the shapes, not scaled down, with 8x8
samples per pixel for smooth edges; the same shapes always give the same bytes.
"""

import argparse
import sys
from pathlib import Path

import numpy as np

from .build_donuimun import BAYS_FRONT, PLATFORM
from .png import encode_png

ROOT = Path(__file__).resolve().parent.parent
ICONS_DIR = ROOT / "assets" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)
SAMPLES = 8
SKY_TOP, SKY_BOTTOM = np.array([0.09, 0.16, 0.35]), np.array([0.85, 0.45, 0.30])  # dusk
STONE = np.array([0.97, 0.93, 0.85])
CORNER = 0.22          # badge corner radius, as a fraction of the size

# The elevation in metres, from the model's dimensions; x across the gate, y up from the ground.
HALF_WIDTH = PLATFORM["width"] / 2
ARCH_HALF = PLATFORM["arch_width"] / 2
PAVILION_HALF = sum(BAYS_FRONT) / 2
PILLARS = (BAYS_FRONT[1] / 2, PAVILION_HALF)    # distance of each pillar from the centre line
EAVE_Y = PLATFORM["height"] + 3.6        # where the eaves meet the pillars' tops
EAVE_HALF = PAVILION_HALF + 3.0          # how far the eaves overhang
RIDGE_Y, RIDGE_HALF = EAVE_Y + 3.0, PAVILION_HALF * 0.6
SPAN = (-11.0, 11.0, -3.5, 18.5)         # the part of the elevation the badge shows: x0, x1, y0, y1


def _gate(x, y):
    """True where the gate's silhouette covers (x, y), in metres."""
    taper = 0.04 * (PLATFORM["height"] - y)  # the stone platform leans in slightly
    platform = (y >= 0) & (y <= PLATFORM["height"]) & (np.abs(x) <= HALF_WIDTH - 0.6 + taper)
    arch = (np.abs(x) <= ARCH_HALF) & ((y <= PLATFORM["arch_spring"]) |
                                       (x ** 2 + (y - PLATFORM["arch_spring"]) ** 2 <= ARCH_HALF ** 2))
    storey = (y > PLATFORM["height"]) & (y <= EAVE_Y) & (np.abs(x) <= PAVILION_HALF + 0.3)
    posts = np.min([np.abs(np.abs(x) - post) for post in PILLARS], axis=0) <= 0.3
    rail_or_beam = (y <= PLATFORM["height"] + 0.7) | (y >= EAVE_Y - 0.8)
    pavilion = storey & (posts | rail_or_beam)    # open bays between the pillars
    lift = 1.6 * (np.abs(x) / EAVE_HALF) ** 4     # the upturned corners of the eaves
    slope = (np.abs(x) - RIDGE_HALF) / (EAVE_HALF - RIDGE_HALF)
    roof_top = np.where(np.abs(x) <= RIDGE_HALF, RIDGE_Y, RIDGE_Y - slope * (RIDGE_Y - EAVE_Y - 0.9))
    roof = (np.abs(x) <= EAVE_HALF) & (y >= EAVE_Y - 0.4 + lift) & (y <= roof_top + lift * 0.5)
    return (platform & ~arch) | pavilion | roof


def _badge(u, v):
    """True inside the rounded square, in badge units (0..1, v down)."""
    cu, cv = np.clip(u, CORNER, 1 - CORNER), np.clip(v, CORNER, 1 - CORNER)
    return (u - cu) ** 2 + (v - cv) ** 2 <= CORNER ** 2


def draw(size):
    """(size, size, 4) uint8 RGBA pixels of the icon."""
    steps = (np.arange(size * SAMPLES) + 0.5) / (size * SAMPLES)
    u, v = np.meshgrid(steps, steps)
    x0, x1, y0, y1 = SPAN
    gate = _gate(x0 + u * (x1 - x0), y1 - v * (y1 - y0))
    inside = _badge(u, v)
    sky = SKY_TOP + (SKY_BOTTOM - SKY_TOP) * v[..., None] ** 1.5
    colour = np.where(gate[..., None], STONE, sky) * inside[..., None]

    def pool(values):  # average the SAMPLES x SAMPLES samples of each pixel
        return values.reshape(size, SAMPLES, size, SAMPLES, -1).mean(axis=(1, 3))

    alpha = pool(inside[..., None].astype(float))
    rgb = pool(colour) / np.maximum(alpha, 1e-9)  # straight (not premultiplied) colour at the edges
    return np.round(np.concatenate([rgb, alpha], axis=2) * 255).clip(0, 255).astype(np.uint8)


def icon_files(out_dir=ICONS_DIR):
    return {Path(out_dir) / f"metaverse-seoul-{size}.png": size for size in SIZES}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if assets/icons is not current")
    args = parser.parse_args(argv)
    stale = []
    for path, size in icon_files().items():
        data = encode_png(draw(size))
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(path.name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if stale:
        print(f"icons not current (run python -m tools.make_icon): {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
