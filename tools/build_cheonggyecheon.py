"""Build assets/models/cheonggyecheon.glb (+ .colliders.json): the Cheonggyecheon stream from Cheonggye
Plaza downstream, where the Seoul Lantern Festival is held, as the festival's stage.

    python -m tools.build_cheonggyecheon [OUT_DIR]

World frame: x east (downstream), y north, z up, metres; origin = the foot of the waterfall where the
stream begins, on the water surface. A low-flow channel between dressed-stone banks, stepped down from
walkways on both sides; sloped walls covered in ivy up to the streets (Cheonggyecheon-ro) above; road
bridges, the restored stone Gwangtonggyo and two rows of stepping stones; Cheonggye Plaza at the west
end with the spiral sculpture "Spring"; the city's edge beyond the streets. The lanterns themselves
are placed by the scene manifest (scenes/lantern-festival.yaml). Sources and conjecture:
assets/models/cheonggyecheon.json. The walkable ground is the node Terrain.
"""

import sys
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import city_parts as cp
from . import materials as mat
from . import night_city as city
from . import texgen as tg
from .assembly import Assembly, builder_main
from .lantern_shapes import tube
from .meshkit import box, concat, cylinder, quad

MODEL_NAME = "cheonggyecheon"

LENGTH = 320.0            # metres of stream modelled, from the waterfall downstream
CHANNEL = 5.0             # half width of the low-flow channel (about 10 m upstream)
BED_Z = -0.4              # average depth 0.4 m
BANK = 6.0                # outer edge of the stepped stone bank
BANK_Z = 0.32
WALK = 9.4                # outer edge of the walkways
WALK_Z = 0.6
WALL_TOP = 10.6           # the walls lean back as they rise
STREET_Z = 5.6            # walls 4-6 m high
SIDEWALK = 14.6
ROAD = 24.0
PLAZA_X = -42.0
STAIRS = {"x0": 0.0, "x1": 12.0, "inner": 7.4}   # from the plaza down to each walkway, along the walls
STEPPING_STONES = (110.0, 250.0)
ROAD_BRIDGES = ((58.0, 78.0, "Mojeongyo"), (290.0, 306.0, "Gwanggyo"))
GWANGTONGGYO = (196.0, 208.0)
SPAWN = (20.0, 7.6)
PORTAL = {"to": "seoul-plaza", "position": [-32.0, -12.0], "heading": 90.0}


# --- surfaces --------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def ivy_wall():
    """Dressed stone under ivy: green leaves over most of it, stone showing in patches."""
    size = 256
    row, col, dist = tg.blocks(size, rows=6, cols_per_row=3, stagger=0.5)
    stone = tg.colorize(0.5 + (tg.cell_random(col, row, 201) - 0.5) * 0.3, (0.36, 0.35, 0.33), (0.58, 0.56, 0.52))
    stone *= (0.6 + 0.4 * tg.joint_profile(dist, 3.0, 4.0))[..., None]
    leaves = tg.colorize(0.6 * tg.speckle(size, 202, 0.7) + 0.4 * tg.fbm(size, 16, 3, 203), (0.08, 0.2, 0.07),
                         (0.25, 0.45, 0.16))
    cover = np.clip((tg.fbm(size, 4, 4, 204) - 0.3) * 4.0, 0.0, 1.0)
    return mat.textured("ivy_wall", tg.mix(stone, leaves, cover), cover * 0.6 + tg.speckle(size, 205, 0.5) * 0.3,
                        size=(5.0, 5.0), roughness=0.9)


@lru_cache(maxsize=None)
def stream_water():
    """Shallow moving water: dark, smooth, a little of the sky in it (the lanterns' light is the app's)."""
    return mat.plain("stream_water", (0.05, 0.09, 0.11), roughness=0.12)


@lru_cache(maxsize=None)
def stream_bed():
    return mat.plain("stream_bed", (0.22, 0.2, 0.17), roughness=0.95)


@lru_cache(maxsize=None)
def falling_water():
    """The waterfall at the stream's head: white streaks, lit from below at night."""
    size = 128
    ys, xs = np.mgrid[0:size, 0:size]
    streaks = 0.5 + 0.5 * np.sin(xs / size * 2 * np.pi * 12 + tg.fbm(size, 4, 3, 211) * 5)
    value = 0.6 * streaks + 0.4 * tg.fbm(size, 8, 3, 212)
    albedo = tg.colorize(value, (0.55, 0.65, 0.72), (0.92, 0.96, 1.0))
    return mat.textured("falling_water", albedo, size=(2.0, 2.0), roughness=0.2, glow=albedo * 0.35)


@lru_cache(maxsize=None)
def bridge_concrete():
    return mat.plain("bridge_concrete", (0.5, 0.5, 0.49), roughness=0.85)


@lru_cache(maxsize=None)
def spring_red():
    return mat.plain("spring_red", (0.78, 0.16, 0.14), roughness=0.4, metallic=0.2)


@lru_cache(maxsize=None)
def spring_blue():
    return mat.plain("spring_blue", (0.12, 0.2, 0.6), roughness=0.4, metallic=0.2)


# --- the stream and its banks --------------------------------------------------------------------
def _both_sides(make):
    """make(sign) for the south (-1) and north (+1) side."""
    return concat([make(-1.0), make(1.0)])


def _band(x0, x1, inner, outer, z, sign, faces="t"):
    """A horizontal band from |y| = inner to outer on one side, its top at z, down to the bed."""
    y0, y1 = sorted((sign * inner, sign * outer))
    return box((x0, y0, BED_Z), (x1, y1, z), faces)


def channel(a):
    a.add("Water", stream_water(), quad((0.0, -CHANNEL, 0.0), (LENGTH, -CHANNEL, 0.0), (LENGTH, CHANNEL, 0.0),
                                        (0.0, CHANNEL, 0.0)))
    a.add("Stream", stream_bed(), box((0.0, -CHANNEL, BED_Z - 0.1), (LENGTH, CHANNEL, BED_Z), "t"))
    # A course of dressed stone steps down from each walkway to the water.
    inner_face = {-1.0: "tn", 1.0: "ts"}
    a.add("Terrain", mat.granite_ashlar(), _both_sides(lambda s: _band(0.0, LENGTH, CHANNEL, BANK, BANK_Z, s,
                                                                       inner_face[s])))
    a.add("Terrain", mat.granite_paving(), _both_sides(lambda s: _band(0.0, LENGTH, BANK, WALK, WALK_Z, s,
                                                                       inner_face[s])))
    for x in STEPPING_STONES:
        stones = [box((x - 0.35, y - 0.4, BED_Z), (x + 0.35, y + 0.4, 0.3)) for y in np.arange(-4.4, 4.41, 1.1)]
        a.add("Terrain", mat.granite_ashlar(), concat(stones))


def walls(a):
    """The sloped walls from the walkways up to the streets, under ivy."""
    def wall(sign):
        inner, outer = sign * WALK, sign * WALL_TOP
        p0, p1 = (0.0, inner, WALK_Z), (LENGTH, inner, WALK_Z)
        p2, p3 = (LENGTH, outer, STREET_Z), (0.0, outer, STREET_Z)
        face = quad(p0, p1, p2, p3) if sign < 0 else quad(p1, p0, p3, p2)
        return face
    a.add("Walls", ivy_wall(), _both_sides(wall))


def streets(a):
    """Sidewalks, roads and the plaza at street level; railings along the top of the walls."""
    def strip(sign, inner, outer, x0, top, faces):
        y0, y1 = sorted((sign * inner, sign * outer))
        return box((x0, y0, top - 0.3), (LENGTH + 20.0, y1, top), faces)

    sides = (-1.0, 1.0)
    walks = [strip(s, WALL_TOP, SIDEWALK, 0.0, STREET_Z, "tns") for s in sides]
    far = [strip(s, ROAD, ROAD + 3.0, PLAZA_X - 20.0, STREET_Z, "tns") for s in sides]
    a.add("Streets", mat.granite_paving(), concat(walks + far))
    a.add("Streets", mat.asphalt(), concat([strip(s, SIDEWALK, ROAD, 0.0, STREET_Z - 0.15, "t") for s in sides]))
    rails = [city.railing(0.0, LENGTH, s * (WALL_TOP - 0.15), STREET_Z) for s in sides]
    a.add("Railings", mat.dark_metal(), concat(rails))
    poles, globes = zip(*[city.street_lamps(np.arange(8.0, LENGTH, 24.0), sign * (SIDEWALK - 0.6), STREET_Z)
                          for sign in (-1, 1)])
    a.add("StreetLamps", mat.dark_metal(), concat(poles))
    a.add("StreetLamps", mat.lamp_glow(), concat(globes))


def plaza(a):
    """Cheonggye Plaza at the stream's head: paving, the edge over the waterfall, stairs down to the
    walkways, the waterfall and the sculpture Spring."""
    a.add("Terrain", mat.granite_paving(), box((PLAZA_X, -ROAD, STREET_Z - 0.3), (0.0, ROAD, STREET_Z), "te"))
    edge = city.railing(-STAIRS["inner"], STAIRS["inner"], 0.0, STREET_Z).moved(heading=90.0).moved(-0.3)
    a.add("Railings", mat.dark_metal(), edge)
    a.collider_box(-0.3, 0.0, 0.6, 2 * STAIRS["inner"])
    top = STREET_Z - 0.3
    a.add("Waterfall", falling_water(), quad((0.0, CHANNEL, 0.05), (0.0, -CHANNEL, 0.05), (0.0, -CHANNEL, top),
                                             (0.0, CHANNEL, top)))
    a.add("Waterfall", mat.granite_ashlar(), box((0.0, -WALK, BED_Z), (0.05, WALK, STREET_Z - 0.3), "e"))
    stairs(a)
    spring(a)


def stairs(a):
    """Stairs from the plaza down to each walkway, along the walls (rises of 0.17 m)."""
    x0, x1, inner = STAIRS["x0"], STAIRS["x1"], STAIRS["inner"]
    count = int(np.ceil((STREET_Z - WALK_Z) / 0.17))
    run = (x1 - x0) / count
    steps = []
    for sign in (-1, 1):
        y0, y1 = sorted((sign * inner, sign * WALK))
        for k in range(count):
            top = STREET_Z - (k + 1) * (STREET_Z - WALK_Z) / count
            steps.append(box((x0 + k * run, y0, WALK_Z - 0.1), (x0 + (k + 1) * run, y1, top + 0.001),
                             "tw" + "ns"[sign > 0]))
    a.add("Terrain", mat.granite_ashlar(), concat(steps))


def spring(a):
    """'Spring' (Claes Oldenburg and Coosje van Bruggen, 2006): a spiralling shell 20 m tall, red and
    blue ribbons, in a shallow pool on the plaza."""
    turns = np.linspace(0.0, 1.0, 140)
    angle = turns * 2 * np.pi * 4.2
    radius = 4.5 * (1.0 - turns) ** 0.8 + 0.25
    z = STREET_Z + 0.4 + turns * 19.0
    cx, cy = -24.0, 8.0
    for phase, surface in ((0.0, spring_red()), (np.pi, spring_blue())):
        path = np.column_stack([cx + radius * np.cos(angle + phase), cy + radius * np.sin(angle + phase), z])
        a.add("Spring", surface, tube(path, 0.28 * (1.0 - turns * 0.5), sides=6))
    a.add("Spring", mat.dark_granite(), cylinder(6.0, STREET_Z, STREET_Z + 0.4, segments=24))
    a.collider_circle(cx, cy, 6.2)


# --- bridges ---------------------------------------------------------------------------------------
def road_bridges(a):
    for x0, x1, name in ROAD_BRIDGES:
        deck = box((x0, -ROAD, STREET_Z - 1.2), (x1, ROAD, STREET_Z), "ewb")
        a.add(f"Bridges/{name}", bridge_concrete(), deck)
        a.add(f"Bridges/{name}", mat.asphalt(), box((x0, -ROAD, STREET_Z - 0.1), (x1, ROAD, STREET_Z + 0.02), "t"))
        a.add(f"Bridges/{name}", mat.dark_metal(), concat([city.railing(x0, x1, s * ROAD, STREET_Z) for s in (-1, 1)]))


def gwangtonggyo(a):
    """The restored Gwangtonggyo: granite slabs on square stone piers, low over the water, with a stone
    parapet; carries the walkers from one walkway to the other."""
    x0, x1 = GWANGTONGGYO
    deck_z = 2.6
    piers = [box((x - 0.4, y - 0.4, BED_Z), (x + 0.4, y + 0.4, deck_z - 0.35))
             for x in np.linspace(x0 + 1.0, x1 - 1.0, 4) for y in (-3.3, 0.0, 3.3)]
    beams = [box((x0, y - 0.35, deck_z - 0.35), (x1, y + 0.35, deck_z - 0.05), "nsb") for y in (-3.3, 0.0, 3.3)]
    slabs = box((x0, -WALK, deck_z - 0.05), (x1, WALK, deck_z + 0.25), "tew")
    parapets = [box((x, -WALK, deck_z + 0.25), (x + 0.3, WALK, deck_z + 1.0), "nsewt") for x in (x0, x1 - 0.3)]
    a.add("Bridges/Gwangtonggyo", mat.granite_ashlar(), concat(piers + beams + [slabs] + parapets))


def city_edge(a):
    """Buildings along both streets (the backdrop, with lit windows)."""
    facades, roofs = [], []
    for sign, seed in ((-1, 5), (1, 6)):
        front, top = city.city_block(PLAZA_X - 20.0, LENGTH + 40.0, sign * (ROAD + 3.0), 22.0, -sign, seed)
        facades.append(front.moved(0, 0, STREET_Z - 0.3))
        roofs.append(top.moved(0, 0, STREET_Z - 0.3))
    a.add("City", city.lit_facade(), concat(facades))
    a.add("City", city.roof_slab(), concat(roofs))


def portal_back(a):
    x, y = PORTAL["position"]
    stone, pad = cp.portal_gate(x, y, PORTAL["heading"])
    a.add("Portal", mat.dark_granite(), concat([stone, pad]).moved(0, 0, STREET_Z))
    for px, py in cp.portal_post_centres(x, y, PORTAL["heading"]):
        a.collider_box(px, py, 0.5, 0.5)


def build(out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    a = Assembly("Cheonggyecheon")
    channel(a)
    walls(a)
    streets(a)
    plaza(a)
    road_bridges(a)
    gwangtonggyo(a)
    city_edge(a)
    portal_back(a)
    return a.write(out_dir / f"{MODEL_NAME}.glb", out_dir / f"{MODEL_NAME}.colliders.json",
                   extras={"title": "Cheonggyecheon from Cheonggye Plaza downstream, for the Seoul Lantern Festival",
                           "frame": "Y up, metres; origin = the foot of the waterfall, on the water surface",
                           "provenance": f"{MODEL_NAME}.json"})


def main(argv=None):
    return builder_main(MODEL_NAME, build, argv)


if __name__ == "__main__":
    sys.exit(main())
