"""Build assets/models/bosingak.glb (+ .colliders.json): Bosingak, the bell pavilion on Jongno, with its
stone-railed precinct and the street in front, at night, for the New Year bell-ringing.

    python -m tools.build_bosingak [OUT_DIR]

World frame: x east along Jongno, y north, z up, metres; origin = the centre of the pavilion at
ground level. The pavilion is the 1979 building: two storeys, 5 x 4 kan, a hip-and-gable roof, the
bell in the upper storey; it faces Jongno (north, conjecture). Its lower storey stands on stone piers
here; the bell follows the King Seongdeok bell's size, which the 1985 bell was cast after; the log
that strikes it is the node Striker (extras "moves": the app swings it). Jongno Tower stands across
the street. Sources and conjecture: assets/models/bosingak.json. Walkable ground: the node Terrain.
"""

import sys
from pathlib import Path

import numpy as np

from . import city_parts as cp
from . import hanok
from . import materials as mat
from . import night_city as city
from .assembly import Assembly, builder_main
from .hanok import palette as pal
from .meshkit import box, concat, cylinder, lathe

MODEL_NAME = "bosingak"

BAYS_FRONT = [3.3, 3.6, 3.9, 3.6, 3.3]   # 5 kan along Jongno, the centre widest
BAYS_SIDE = [3.0, 3.3, 3.3, 3.0]         # 4 kan deep
BASE_Z = 0.9                              # stone base of the pavilion
UPPER_Z = 5.6                             # the upper floor, where the bell hangs
PRECINCT = {"x": (-27.0, 27.0), "y": (-24.0, 20.0)}
SIDEWALK_Y = (20.0, 26.0)
ROAD_Y = (26.0, 56.0)
FAR_SIDEWALK_Y = (56.0, 62.0)
BELL = {"height": 3.66, "mouth": 2.23, "hang_z": UPPER_Z + 0.7}   # bottom of the bell above the ground
STRIKER = {"length": 3.2, "radius": 0.2, "gap": 0.05}
PORTAL = {"to": "seoul-plaza", "position": [-40.0, 23.0], "heading": 90.0}


def _surface_strip(x0, x1, y0, y1, z):
    return box((x0, y0, z - 0.3), (x1, y1, z), "tnsew")


def ground(a):
    """The precinct's granite paving, the sidewalks and Jongno (closed to traffic for the ceremony)."""
    (x0, x1), (y0, y1) = PRECINCT["x"], PRECINCT["y"]
    a.add("Terrain", mat.granite_paving(), _surface_strip(x0, x1, y0, y1, 0.15))
    a.add("Terrain", mat.granite_paving(), concat([_surface_strip(-90.0, 90.0, *SIDEWALK_Y, 0.15),
                                                   _surface_strip(-90.0, 90.0, *FAR_SIDEWALK_Y, 0.15)]))
    a.add("Terrain", mat.asphalt(), _surface_strip(-90.0, 90.0, *ROAD_Y, 0.0))
    marks = [box((x, 40.8, 0.0), (x + 3.0, 41.2, 0.012), "t") for x in np.arange(-88.0, 88.0, 8.0)]
    a.add("Street", mat.road_marking(), concat(marks))
    a.add("Street", mat.granite_paving(), _surface_strip(-90.0, 90.0, -60.0, PRECINCT["y"][0], 0.1))


def precinct_railing(a):
    """The stone balustrade round the precinct, open towards Jongno in the middle."""
    (x0, x1), (y0, y1) = PRECINCT["x"], PRECINCT["y"]
    z = 0.15
    runs = [[(x0, y1, z), (x0, y0, z), (x1, y0, z), (x1, y1, z)], [(x1, y1, z), (5.0, y1, z)],
            [(-5.0, y1, z), (x0, y1, z)]]
    for run in runs:
        hanok.stone_balustrade(np.array(run), height=0.8, post_spacing=2.4).into(a, "Precinct")
        for (ax, ay, _), (bx, by, _) in zip(run[:-1], run[1:]):
            a.collider_box((ax + bx) / 2, (ay + by) / 2, abs(bx - ax) + 0.4, abs(by - ay) + 0.4)


def lower_storey(a):
    """The stone base and the lower storey's piers: square granite posts under every column."""
    width, depth = sum(BAYS_FRONT), sum(BAYS_SIDE)
    base, top, _ = hanok.woldae(width + 3.0, depth + 3.0, tiers=((BASE_Z, 0.0),))
    base.moved(0.0, 0.0, 0.0).into(a, "Bosingak/Base")
    hanok.stairs(3.6, BASE_Z - 0.15).moved(0.0, (depth + 3.0) / 2 + 1.5, 0.15, 180.0).into(a, "Bosingak/Base")
    xs = np.concatenate([[0.0], np.cumsum(BAYS_FRONT)]) - width / 2
    ys = np.concatenate([[0.0], np.cumsum(BAYS_SIDE)]) - depth / 2
    piers = [box((x - 0.35, y - 0.35, top), (x + 0.35, y + 0.35, UPPER_Z - 0.3), "nsew")
             for x in xs for y in ys if x in (xs[0], xs[-1]) or y in (ys[0], ys[-1])]
    a.add("Bosingak/Lower", pal.granite(), concat(piers))
    half_w, half_d = width / 2 + 0.6, depth / 2 + 0.6
    floor = box((-half_w, -half_d, UPPER_Z - 0.3), (half_w, half_d, UPPER_Z), "nsewb")
    a.add("Bosingak/Lower", pal.painted_wood(), floor.colored(pal.MORO.rgba("column")))
    a.add("Bosingak/Lower", pal.floor_boards(), box((-half_w, -half_d, UPPER_Z), (half_w, half_d, UPPER_Z + 0.02), "t"))
    a.collider_box(0.0, 0.0, width + 3.0, depth + 3.0)


def upper_storey(a):
    """The timber storey that houses the bell: columns, dapo brackets, a hip-and-gable roof, a railing
    round the floor and the name board over the front."""
    spec = hanok.PavilionSpec(BAYS_FRONT, BAYS_SIDE, column_height=4.4, diameter=0.5, roof_kind="hip_gable",
                              brackets="dapo", bracket_tiers=2, eave_overhang=2.6, japsang=5, angok=0.7,
                              anhyeo=0.45, interior_columns=False)
    parts, summary = hanok.pavilion(spec)
    parts.moved(0.0, 0.0, UPPER_Z, 180.0).into(a, "Bosingak/Pavilion")
    hx, hy = sum(BAYS_FRONT) / 2 + 0.5, sum(BAYS_SIDE) / 2 + 0.5
    corners = [(-hx, -hy), (hx, -hy), (hx, hy), (-hx, hy), (-hx, -hy)]
    ring = np.array([(x, y, UPPER_Z) for x, y in corners])
    hanok.railing(ring, height=0.8).into(a, "Bosingak/Pavilion")
    board_top = UPPER_Z + spec.column_height - 0.25
    hanok.plaque("bosingak", "閣信普", 2.4, 1.0).moved(0.0, -hy - 0.15, board_top).moved(heading=180.0) \
        .into(a, "Bosingak/Plaque")
    return summary


def bell(a):
    """The bell: a Korean bronze bell's profile (no flared lip), with its sound tube and dragon loop on
    top, hung from a beam across the upper storey."""
    h, r = BELL["height"], BELL["mouth"] / 2
    z0 = BELL["hang_z"]
    profile = [(r * 0.93, 0.0), (r, 0.06), (r * 0.98, 0.25), (r * 0.9, 0.6), (r * 0.82, 0.85), (r * 0.75, 0.97),
               (r * 0.7, 1.0)]
    body = lathe([(rr, z0 + t * h) for rr, t in profile], 28, cap_top=True)
    inside = lathe([(rr * 0.9, z0 + t * h * 0.96) for rr, t in profile[:3]], 28).flipped()
    bands = [cylinder(r * 0.78, z0 + h * 0.82, z0 + h * 0.86, 28, cap_top=False),
             cylinder(r * 0.99, z0 + h * 0.08, z0 + h * 0.12, 28, cap_top=False)]
    boss = lathe([(0.22, 0.0), (0.2, 0.05), (0.0, 0.07)], 12)  # the striking boss (dangjwa), both sides
    dangjwa = [boss.transformed(_facing_x(sign)).moved(sign * r * 0.96, 0.0, z0 + h * 0.3) for sign in (-1, 1)]
    tube = cylinder(0.12, z0 + h, z0 + h + 0.55, 10)
    loop = lathe([(0.28, 0.0), (0.3, 0.1), (0.22, 0.35), (0.0, 0.45)], 10).moved(0.25, 0.0, z0 + h)
    a.add("Bosingak/Bell", pal.bronze(), concat([body, inside] + bands + dangjwa + [tube, loop]))
    beam = box((-2.4, -0.25, z0 + h + 0.45), (2.4, 0.25, z0 + h + 0.85))
    a.add("Bosingak/Bell", pal.painted_wood(), beam.colored(pal.MORO.rgba("noerok")))


def _facing_x(sign):
    """A lathe's axis (z) turned to point along +x (sign 1) or -x (-1)."""
    m = np.eye(4)
    m[:3, :3] = np.array([[0, 0, sign], [0, 1, 0], [-sign, 0, 0]], dtype=np.float64)
    return m


def striker(a):
    """The striking log (dangmok), hung on two ropes east of the bell at the striking boss."""
    length, radius = STRIKER["length"], STRIKER["radius"]
    x0 = BELL["mouth"] / 2 * 0.96 + 0.07 + STRIKER["gap"]
    z = BELL["hang_z"] + BELL["height"] * 0.3
    log = cylinder(radius, 0.0, length, 12, cap_top=True, cap_bottom=True).transformed(_facing_x(1)).moved(x0, 0.0, z)
    ropes = [box((x - 0.03, -0.03, z), (x + 0.03, 0.03, BELL["hang_z"] + BELL["height"] + 0.6), "nsew")
             for x in (x0 + 0.6, x0 + length - 0.6)]
    a.add("Bosingak/Striker", pal.painted_wood(), log.colored(pal.BARE_TIMBER.rgba("column")))
    a.add("Bosingak/Striker", mat.wood_slats(), concat(ropes))
    a.set_extras("Bosingak/Striker", {"moves": "swing"})


def jongno(a):
    """The street: buildings with lit windows on both sides, Jongno Tower across the road, lamps."""
    facades, roofs = [], []
    rows = ((-120.0, 120.0, FAR_SIDEWALK_Y[1], -1, 21), (-120.0, PRECINCT["x"][0] - 6.0, SIDEWALK_Y[0], 1, 22),
            (PRECINCT["x"][1] + 6.0, 120.0, SIDEWALK_Y[0], 1, 23))
    for x0, x1, y, facing, seed in rows:
        front, top = city.city_block(x0, x1, y, 24.0, facing, seed, heights=(15.0, 45.0))
        facades.append(front)
        roofs.append(top)
    a.add("City", city.lit_facade(), concat(facades))
    a.add("City", city.roof_slab(), concat(roofs))
    jongno_tower(a)
    for y in (SIDEWALK_Y[1] - 0.7, FAR_SIDEWALK_Y[0] + 0.7):
        poles, globes = city.street_lamps(np.arange(-94.5, 95.0, 21.0), y, 0.15, height=7.0)
        a.add("StreetLamps", mat.dark_metal(), poles)
        a.add("StreetLamps", mat.lamp_glow(), globes)


def jongno_tower(a):
    """Jongno Tower, across the road: a glass block on three cores, and its ring of top floors held
    above an open gap."""
    cx, cy = -30.0, 90.0
    cores = [box((cx + dx - 3.0, cy + dy - 3.0, 0.0), (cx + dx + 3.0, cy + dy + 3.0, 132.0), "nsew")
             for dx, dy in ((-14.0, -8.0), (14.0, -8.0), (0.0, 14.0))]
    body = box((cx - 16.0, cy - 14.0, 0.0), (cx + 16.0, cy + 14.0, 104.0), "nsewt")
    crown = lathe([(24.0, 0.0), (24.0, 16.0), (23.0, 16.0), (23.0, 0.0)], 24).moved(cx, cy, 114.0)
    a.add("City/JongnoTower", mat.curtain_glass(), concat([body, crown]))
    a.add("City/JongnoTower", mat.dark_metal(), concat(cores))


def portal_back(a):
    x, y = PORTAL["position"]
    stone, pad = cp.portal_gate(x, y, PORTAL["heading"])
    a.add("Portal", mat.dark_granite(), concat([stone, pad]).moved(0.0, 0.0, 0.15))
    for px, py in cp.portal_post_centres(x, y, PORTAL["heading"]):
        a.collider_box(px, py, 0.5, 0.5)


def build(out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    a = Assembly("Bosingak")
    ground(a)
    precinct_railing(a)
    lower_storey(a)
    upper_storey(a)
    bell(a)
    striker(a)
    jongno(a)
    portal_back(a)
    return a.write(out_dir / f"{MODEL_NAME}.glb", out_dir / f"{MODEL_NAME}.colliders.json",
                   extras={"title": "Bosingak, the bell pavilion on Jongno, for the New Year bell-ringing",
                           "frame": "Y up, metres; origin = the centre of the pavilion at ground level",
                           "provenance": f"{MODEL_NAME}.json"})


def main(argv=None):
    return builder_main(MODEL_NAME, build, argv)


if __name__ == "__main__":
    sys.exit(main())
