"""Build assets/models/donuimun.glb (+ .colliders.json): Donuimun, the lost west gate of Hanyang.

    python -m tools.build_donuimun [OUT_DIR]

World frame: x east, y north, z up, metres; origin = the middle of the gate passage at road level.
The city wall runs north-south over the Sinmun-ro ridge; the road runs east-west through the arch;
outside the city is west. The gate is built from the tools.hanok parts library. No measured drawings
survive: dimensions are scaled from proxies (Changuimun, Sungnyemun, Hwaseong's gates) and the
surviving plaque size; assets/models/donuimun.json lists which is which.
"""

import math
import sys
from pathlib import Path

import numpy as np

from . import city_parts as cp
from . import hanok
from . import materials as mat
from . import texgen as tg
from .assembly import Assembly, builder_main
from .glyphs import text_mask
from .hanok import palette as pal
from .meshkit import box, concat, grid_surface, quad

MODEL_NAME = "donuimun"

# The gate (est., see donuimun.json): a 3 x 2 kan pavilion on a stone platform with one arch.
PLATFORM = {"width": 18.0, "depth": 10.0, "height": 6.2, "arch_width": 4.4, "arch_spring": 3.4}
BAYS_FRONT = [3.9, 4.8, 3.9]      # along the wall (N-S); centre bay widest
BAYS_SIDE = [3.3, 3.3]            # across the wall (E-W)
WALL_HEIGHT = 5.4                 # city wall above the ground at its foot
PARAPET_HEIGHT = 1.17             # Sungnyemun's brick parapet [kyd4321.tistory]
TERRAIN = {"x": (-96.0, 96.0), "y": (-120.0, 120.0), "step": 4.0}
ROAD_HALF_WIDTH = 4.5
SPAWN = (58.0, -2.0)          # on the road inside the city, looking west at the gate
# A portal gate back to Seoul Plaza on the road behind the spawn; walking through it faces east.
PORTAL = {"to": "seoul-plaza", "position": [70.0, 0.0], "heading": -90.0}


def ground_height(x, y):
    """The Sinmun-ro saddle: the road falls gently both ways from the gate, the ground rises to the
    north towards Inwangsan and a little to the south; a low undulation keeps it natural."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    road = -0.035 * np.maximum(np.abs(x) - 7.0, 0.0)
    rise = 0.085 * np.maximum(np.abs(y) - 6.0, 0.0) * (y > 0) + 0.03 * np.maximum(np.abs(y) - 6.0, 0.0) * (y < 0)
    # Undulation fades out near the road so the road stays smooth.
    fade = np.clip((np.abs(y) - ROAD_HALF_WIDTH - 2.0) / 8.0, 0.0, 1.0)
    wobble = np.sin(x * 0.07 + 1.3) * np.cos(y * 0.05) * 0.8 + np.sin(x * 0.13 + y * 0.09) * 0.4
    return road + rise + wobble * fade


def terrain(a):
    """The hillside and the road, both in the walkable 'Terrain' node."""
    (x0, x1), (y0, y1), step = TERRAIN["x"], TERRAIN["y"], TERRAIN["step"]
    xs = np.arange(x0, x1 + 1e-9, step)
    ys = np.arange(y0, y1 + 1e-9, step)
    # Extra rows at the road edges so the road's outline is straight.
    ys = np.unique(np.concatenate([ys, [-ROAD_HALF_WIDTH, ROAD_HALF_WIDTH]]))
    gx, gy = np.meshgrid(xs, ys)
    pts = np.stack([gx, gy, ground_height(gx, gy)], axis=-1)
    road_rows = (ys >= -ROAD_HALF_WIDTH - 1e-9) & (ys <= ROAD_HALF_WIDTH + 1e-9)
    first, last = np.argmax(road_rows), len(ys) - 1 - np.argmax(road_rows[::-1])
    south, road, north = pts[:first + 1], pts[first:last + 1], pts[last:]
    for part, surface in ((south, mat.hillside()), (north, mat.hillside()), (road, mat.packed_earth())):
        a.add("Terrain", surface, grid_surface(part, uvs=part[..., :2].copy()))


def plaque_surface():
    """The name board, read right to left as on the real gate (敦義門). Dark ground, pale letters,
    a painted frame; 233 x 108 cm [Newsis 2010]."""
    w, h = 256, 128
    ink = text_mask("門義敦", w - 40, h - 36, margin=0.06)
    # Thicken the strokes: calligraphy on plaques is far bolder than a text face.
    bold = ink.copy()
    for dy, dx in ((0, 1), (1, 0), (1, 1), (0, -1), (-1, 0)):
        bold = np.maximum(bold, np.roll(np.roll(ink, dy, 0), dx, 1))
    img = np.empty((h, w, 3))
    img[:] = pal.hex_rgb(pal.MORO.black)
    img[18:h - 18, 20:w - 20] = img[18:h - 18, 20:w - 20] * (1 - bold[..., None]) + np.array([0.93, 0.9, 0.8]) * bold[..., None]
    ys, xs = np.mgrid[0:h, 0:w]
    edge = np.minimum(np.minimum(xs, w - 1 - xs), np.minimum(ys, h - 1 - ys))
    for lo, hi, key in ((0, 5, "red"), (5, 9, "yellow"), (9, 13, "noerok")):
        img[(edge >= lo) & (edge < hi)] = pal.hex_rgb(getattr(pal.MORO, key))
    return mat.textured("donuimun_plaque", img, size=(1.0, 1.0), roughness=0.6)


def gate(a):
    """Platform with its arch, the pavilion, the plaque, parapets and the gate doors."""
    p = PLATFORM
    # Built with the passage along y (hanok convention: front = -y), then turned so the passage runs
    # east-west and the front faces west: a heading of -90 degrees.
    turn = -90.0
    hanok.hongye_platform(p["width"], p["depth"], p["height"], p["arch_width"], p["arch_spring"]) \
        .moved(heading=turn).into(a, "Donuimun/Platform")
    spec = hanok.PavilionSpec(BAYS_FRONT, BAYS_SIDE, column_height=3.9, diameter=0.5, roof_kind="hipped",
                              brackets="dapo", bracket_tiers=2, eave_overhang=2.5, floor_height=0.45,
                              japsang=5, angok=0.65, anhyeo=0.4)
    parts, summary = hanok.pavilion(spec)
    parts.moved(0, 0, p["height"], turn).into(a, "Donuimun/Pavilion")
    # Plaque under the front eave of the centre bay, on the outer (west) side, tilted forward a little.
    pw, ph = 2.33, 1.08
    hy = summary["column_line"][1] / 2
    z = p["height"] + spec.floor_height + 0.3 + spec.column_height - 0.2
    board = quad((-pw / 2, -0.08, z - ph), (pw / 2, -0.08, z - ph), (pw / 2, -0.08, z), (-pw / 2, -0.08, z),
                 uv=np.array([(0, 0), (1, 0), (1, 1), (0, 1)], dtype=np.float64))
    back = box((-pw / 2, -0.07, z - ph), (pw / 2, 0.0, z), "ewtb")
    place = dict(x=0.0, y=-hy - 0.35, z=0.0)
    a.add("Donuimun/Plaque", plaque_surface(), board.moved(**place).moved(heading=turn))
    a.add("Donuimun/Plaque", pal.painted_wood(), back.moved(**place).moved(heading=turn).colored(pal.MORO.rgba("black")))
    # Parapets on the outer (west) edge of the platform and short returns along its north and south ends.
    top = p["height"]
    w2, d2 = p["width"] / 2, p["depth"] / 2
    west_edge = np.array([(-d2, w2, top), (-d2, -w2, top)])           # runs south: outer face on the right = west
    hanok.parapet(west_edge, height=PARAPET_HEIGHT, merlon=3.2, inset=0.05).into(a, "Donuimun/Parapets")
    for sign in (1, -1):
        ret = np.array([(-d2 + 0.7, sign * (w2 - 0.05), top), (-d2 + 3.2, sign * (w2 - 0.05), top)])
        if sign > 0:
            ret = ret[::-1]  # walk so the platform is on the left (parapets stand left of their path)
        hanok.parapet(ret, height=PARAPET_HEIGHT, merlon=3.0, holes=1, inset=0.0).into(a, "Donuimun/Parapets")
    # The gate doors, open against the passage walls at the outer end.
    doors = hanok.plank_doors(p["arch_width"] - 0.2, p["arch_spring"] + 0.6, open_angle=88.0)
    doors.moved(0.0, -d2 + 1.2, 0.02, turn).into(a, "Donuimun/Doors")
    # Colliders: the platform either side of the passage (the arch is walkable), the parapet-free foot.
    aw = p["arch_width"] / 2 + 0.15
    half = (w2 - aw) / 2
    for sign in (1, -1):
        a.collider_box(0.0, sign * (aw + half), p["depth"] + 0.3, 2 * half + 0.3)
    return summary


def city_walls(a):
    """The wall north (up towards Inwangsan) and south (down towards Jeongdong) of the gate, with its
    brick parapet. Paths run north to south so the outer face is on the west."""
    w2 = PLATFORM["width"] / 2
    north_y = np.arange(110.0, w2 - 1e-9, -6.0)
    north_y[-1] = w2 - 0.4
    south_y = np.arange(-w2 + 0.4, -110.0 - 1e-9, -6.0)
    for name, ys in (("North", north_y), ("South", south_y)):
        xs = 1.6 * np.sin(ys * 0.025) - 0.5          # a slight wander, as walls follow the ground
        path = np.column_stack([xs, ys, ground_height(xs, ys) - 0.05])
        wall, top_edge, _ = hanok.city_wall(path, WALL_HEIGHT, base_thickness=5.0, top_thickness=3.6, batter=0.5)
        wall.into(a, f"CityWall/{name}")
        hanok.parapet(top_edge, height=PARAPET_HEIGHT, merlon=3.6, inset=0.05).into(a, f"CityWall/{name}")
        for (x0, y0), (x1, y1) in zip(path[:-1, :2], path[1:, :2]):
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            heading = math.degrees(math.atan2(y1 - y0, x1 - x0))
            a.collider_box(cx, cy, math.hypot(x1 - x0, y1 - y0) + 0.5, 5.0, heading)


def village(a):
    """A few tiled houses inside the wall and the hill's pines, for the setting (illustrative)."""
    houses = [(30.0, 18.0, 0.0), (44.0, 20.0, 8.0), (58.0, 16.0, -5.0), (30.0, -20.0, 180.0), (46.0, -22.0, 176.0),
              (62.0, -19.0, 185.0), (75.0, 24.0, 3.0), (78.0, -24.0, 178.0)]
    for k, (x, y, heading) in enumerate(houses):
        spec = hanok.PavilionSpec([2.4, 2.7, 2.4], [2.4, 2.4], column_height=2.4, diameter=0.24, roof_kind="hip_gable",
                                  brackets="ikgong", eave_overhang=1.1, walls="lattice", lattice_pattern="bars",
                                  japsang=0, angok=0.25, anhyeo=0.15, roof_pitch=0.55, scheme=hanok.BARE_TIMBER)
        parts, summary = hanok.pavilion(spec)
        base_z = float(ground_height(x, y))
        plinth, _, _ = hanok.woldae(8.6, 5.8, tiers=((0.55, 0.0),))
        plinth.moved(x, y, base_z - 0.15, heading).into(a, "Village")
        parts.moved(x, y, base_z + 0.4, heading).into(a, "Village")
        a.collider_box(x, y, 8.6, 5.8, heading)
    trunks, crowns = [], []
    rng_spots = [(x, y) for x in np.arange(-80.0, 81.0, 13.0) for y in np.arange(30.0, 115.0, 12.0)]
    for k, (x, y) in enumerate(rng_spots):
        jx = (float(tg.cell_random(k, 1, 23)) - 0.5) * 9
        jy = (float(tg.cell_random(k, 2, 23)) - 0.5) * 9
        x, y = x + jx, y + jy
        if abs(x) < 9 or (20 < x < 90 and y < 32) or float(tg.cell_random(k, 3, 23)) < 0.35:
            continue  # keep the wall, the houses and some clearings free
        trunk, crown = cp.pine_tree(x, y, 7.0 + 4.0 * float(tg.cell_random(k, 4, 23)), seed=k)
        z = float(ground_height(x, y)) - 0.1
        trunks.append(trunk.moved(0, 0, z))
        crowns.append(crown.moved(0, 0, z))
        a.collider_circle(x, y, 0.45)
    a.add("Trees", mat.bark(), concat(trunks))
    a.add("Trees", mat.foliage(), concat(crowns))


def portal_back(a):
    x, y = PORTAL["position"]
    z = float(ground_height(x, y))
    stone, pad = cp.portal_gate(x, y, PORTAL["heading"])
    a.add("Portal", mat.dark_granite(), concat([stone, pad]).moved(0, 0, z))
    for px, py in cp.portal_post_centres(x, y, PORTAL["heading"]):
        a.collider_box(px, py, 0.5, 0.5)


def build(out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    a = Assembly("Donuimun")
    terrain(a)
    gate(a)
    city_walls(a)
    village(a)
    portal_back(a)
    return a.write(out_dir / f"{MODEL_NAME}.glb", out_dir / f"{MODEL_NAME}.colliders.json",
                   extras={"title": "Donuimun (West Gate), reconstructed",
                           "frame": "Y up, metres; origin = middle of the gate passage at road level",
                           "provenance": f"{MODEL_NAME}.json"})


def main(argv=None):
    return builder_main(MODEL_NAME, build, argv)


if __name__ == "__main__":
    sys.exit(main())
