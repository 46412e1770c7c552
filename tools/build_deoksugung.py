"""Build assets/models/deoksugung.glb (+ .colliders.json): Deoksugung palace, from its main gate to
Seokjojeon.

    python -m tools.build_deoksugung [OUT_DIR]

World frame: x east, y north, z up, metres; the origin is the centre of Junghwajeon's column grid at
court level. The route a visitor walks: in through Daehanmun on the east wall (facing Taepyeong-ro and
Seoul Plaza), west along the approach over the twin-arch Geumcheongyo bridge, north through Junghwamun
into the paved court with its royal path and two rows of rank stones, and up the two-tier terrace to
Junghwajeon. Seokjojeon and its fountain garden stand to the west, Jeukjodang behind the throne hall.

Every building is made from the tools.hanok parts library. Walkable surfaces (grounds, terraces,
stairs, gate bases, the bridge deck) go into nodes named "Ground" (the manifest's ground mesh), so the
app's walker climbs the stairs and is stopped by terrace walls. Sources, and which dimensions are
conjecture, are in assets/models/deoksugung.json.
"""

import math
import sys
from pathlib import Path

import numpy as np

from . import city_parts as cp
from . import hanok
from . import materials as mat
from .assembly import Assembly, builder_main
from .hanok import classical
from .hanok import palette as pal
from .meshkit import box, concat, flat_polygon, lathe, quad
from .texgen import cell_random

MODEL_NAME = "deoksugung"

CHEOK = 0.303                      # the 1902 cheok [mperson.tistory], used for the Korean Empire halls

# Junghwajeon: 5 x 4 kan, centre bay 18 cheok, the others 14 [CHA via ms3504k]; side bays conjecture.
JUNGHWAJEON_BAYS = [14 * CHEOK, 14 * CHEOK, 18 * CHEOK, 14 * CHEOK, 14 * CHEOK]
JUNGHWAJEON_SIDE_BAYS = [3.9, 3.9, 3.9, 3.9]
# The two-tier terrace (woldae): (x0, y0, x1, y1, height) of each tier, lower first (est.).
WOLDAE_TIERS = [(-19.5, -29.0, 19.5, 14.0, 1.05), (-15.5, -17.5, 15.5, 11.0, 0.95)]
COURT = (-27.0, -66.0, 27.0, -29.0)            # the paved court (bakseok), Junghwamun to the terrace
RANK_SPACING, RANK_OFFSET, RANK_CENTRE_Y = 2.7, 5.0, -47.0    # 12 a side [CHA]; spacing est.
JUNGHWAMUN = {"x": 0.0, "y": -71.5, "bays": [3.6, 4.5, 3.6], "side": [3.0, 3.0], "base": (15.0, 10.0, 0.6)}
DAEHANMUN = {"x": 145.0, "y": -88.0, "bays": [3.6, 4.2, 3.6], "side": [3.0, 3.0], "base": (15.0, 11.0, 0.45)}
APPROACH_Y, APPROACH_HALF = -88.0, 4.0          # the path from Daehanmun west to Junghwamun
CHANNEL = {"x": 125.0, "half_width": 3.5, "y": (-105.0, -72.0), "depth": 2.6, "water": -2.05}
BRIDGE_WIDTH = 9.0
SEOKJOJEON = {"x": -85.0, "y": 25.0, "width": 54.2, "depth": 31.0, "bays": 17}   # front faces south
FOUNTAIN = (-85.0, -12.0)
JEUKJODANG = (22.0, 47.0)
WALL = {"east": 145.0, "west": -150.0, "south": -125.0, "north": 85.0}
SPAWN = {"position": [174.0, -88.0, 0.02], "heading": 90.0}     # outside Daehanmun, looking west into it
PORTAL = {"to": "seoul-plaza", "position": [181.0, -88.0, 0.02], "heading": -90.0}
KIOSKS = [  # outside the gate, either side of the spawn, turned towards it
    {"id": "deoksugung-information", "kind": "information", "position": [166.0, -83.0, 0.02]},
    {"id": "deoksugung-events", "kind": "events", "position": [166.0, -93.0, 0.02]},
]
BOUNDS = [[-147.0, -122.0], [184.0, 82.0]]
GROUND_Z = {"lawn": 0.0, "gravel": 0.02, "paving": 0.02, "court": 0.03}


def rect(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


# --- grounds ---------------------------------------------------------------------------------------

def grounds(a):
    """Lawn inside and outside the walls (with a hole for the Geumcheon channel), the gravel approach
    and yards, the court's flagstones, the forecourt outside Daehanmun and the road beyond it."""
    c = CHANNEL
    cx0, cx1 = c["x"] - c["half_width"], c["x"] + c["half_width"]
    cy0, cy1 = c["y"]
    x0, y0, x1, y1 = -160.0, -135.0, WALL["east"], 95.0
    lawn = [rect(x0, y0, cx0, y1), rect(cx1, y0, x1, y1), rect(cx0, y0, cx1, cy0), rect(cx0, cy1, cx1, y1)]
    for piece in lawn:
        a.add("Ground", mat.lawn(), flat_polygon(piece, GROUND_Z["lawn"]))
    gravel = [
        rect(-4.0, APPROACH_Y - APPROACH_HALF, cx0, APPROACH_Y + APPROACH_HALF),        # approach, west part
        rect(cx1, APPROACH_Y - APPROACH_HALF, WALL["east"], APPROACH_Y + APPROACH_HALF),  # approach, east part
        rect(-24.0, APPROACH_Y - APPROACH_HALF - 4.0, 24.0, -77.0),                        # yard before Junghwamun
        rect(-34.0, -70.0, -27.0, 20.0), rect(27.0, -66.0, 34.0, 20.0),                  # walks beside the court
        rect(-34.0, 20.0, 34.0, 26.0),                                                    # behind the terrace
        rect(-73.0, -24.0, -34.0, -20.0),                                                 # to the fountain garden
        rect(-97.0, -24.0, -73.0, -20.0), rect(-97.0, -4.0, -73.0, 0.0),                  # round the fountain
        rect(-97.0, -20.0, -93.0, -4.0), rect(-77.0, -20.0, -73.0, -4.0),
        rect(-88.0, 0.0, -82.0, 1.0),                                                     # to Seokjojeon's stair
    ]
    for piece in gravel:
        a.add("Ground", pal.fine_gravel(), flat_polygon(piece, GROUND_Z["gravel"]))
    a.add("Ground", pal.bakseok(), flat_polygon(rect(*COURT), GROUND_Z["court"]))
    # Outside the east wall: the paved forecourt where the guard ceremony is held, then the road.
    a.add("Ground", mat.granite_paving(), flat_polygon(rect(WALL["east"], -135.0, 186.0, 95.0), GROUND_Z["paving"]))
    a.add("Street", mat.asphalt(), flat_polygon(rect(186.0, -135.0, 215.0, 95.0), 0.0))
    a.add("Street", mat.granite_ashlar(), box((185.7, -135.0, 0.0), (186.0, 95.0, 0.15), "et"))
    hanok.royal_path(COURT[3] - COURT[1]).moved(0.0, (COURT[1] + COURT[3]) / 2, GROUND_Z["court"]) \
        .into(a, "Court/Ground")
    hanok.rank_stones(12, RANK_SPACING, RANK_OFFSET).moved(0.0, RANK_CENTRE_Y, GROUND_Z["court"]) \
        .into(a, "Court/RankStones")
    for sign in (-1, 1):
        for k in range(12):
            a.collider_circle(sign * RANK_OFFSET, RANK_CENTRE_Y + (k - 5.5) * RANK_SPACING, 0.35)
    a.set_extras("Court", {"label": {"ko": "조정과 품계석", "en": "The court and its rank stones"}})


# --- halls and gates -------------------------------------------------------------------------------

def woldae_tier(x0, y0, x1, y1, height, z0=0.0):
    parts, _, _ = hanok.woldae(x1 - x0, y1 - y0, tiers=((height, 0.0),))
    return parts.moved((x0 + x1) / 2, (y0 + y1) / 2, z0)


def name_board(a, group, name, text, width, height, spec, summary, base_z, x, y, heading):
    """The hall's name board under the front eave of the centre bay."""
    hy = summary["column_line"][1] / 2
    top = base_z + 0.3 + spec.column_height + 0.35
    hanok.plaque(name, text, width, height).moved(0.0, -hy - 0.45, top).moved(x, y, 0.0, heading).into(a, group)


def junghwajeon(a):
    """The throne hall on its two-tier terrace, with stairs on every side and the royal path slab up the
    middle of the front stairs."""
    z = 0.0
    for k, (x0, y0, x1, y1, h) in enumerate(WOLDAE_TIERS):
        woldae_tier(x0, y0, x1, y1, h, z).into(a, "Junghwajeon/Ground")
        # Front: a three-lane stair (the centre lane a carved slab for the king); sides and back: plain.
        hanok.stairs(7.0, h, royal_path_width=1.8).moved(0.0, y0, z).into(a, "Junghwajeon/Ground")
        for x_edge, heading in ((x1, 90.0), (x0, -90.0)):
            hanok.stairs(3.2, h).moved(x_edge, (y0 + y1) / 2 - 4.0, z, heading).into(a, "Junghwajeon/Ground")
        hanok.stairs(4.0, h).moved(0.0, y1, z, 180.0).into(a, "Junghwajeon/Ground")
        z += h
    spec = hanok.PavilionSpec(JUNGHWAJEON_BAYS, JUNGHWAJEON_SIDE_BAYS, column_height=5.2, diameter=0.6,
                              roof_kind="hip_gable", brackets="dapo", bracket_tiers=3, eave_overhang=3.1,
                              roof_pitch=0.58, walls="lattice", lattice_pattern="flower", japsang=10,
                              angok=0.9, anhyeo=0.6, intercolumnar=[2, 2, 3, 2, 2], interior_columns=False)
    parts, summary = hanok.pavilion(spec)
    # A low stone plinth under the hall, then the hall.
    hx, hy = summary["column_line"][0] / 2, summary["column_line"][1] / 2
    plinth, plinth_top, _ = hanok.woldae(2 * hx + 2.0, 2 * hy + 2.0, tiers=((0.3, 0.0),))
    plinth.moved(0.0, 0.0, z).into(a, "Junghwajeon/Hall")
    parts.moved(0.0, 0.0, z + plinth_top).into(a, "Junghwajeon/Hall")
    name_board(a, "Junghwajeon/Hall", "junghwajeon", "殿和中", 3.0, 1.35, spec, summary, z + plinth_top, 0, 0, 0)
    for sx in (-1, 1):
        hanok.deumeu(1.3, 0.8).moved(sx * (hx + 2.6), -hy - 2.0, z).into(a, "Junghwajeon/Vats")
        a.collider_circle(sx * (hx + 2.6), -hy - 2.0, 0.8)
    a.collider_box(0.0, 0.0, 2 * hx + 2.0, 2 * hy + 2.0)
    a.set_extras("Junghwajeon", {"label": {"ko": "중화전", "en": "Junghwajeon, the throne hall"}})
    summary["terrace_top_z"] = round(z, 2)
    return summary


def gate_hall(a, group, gate, roof_kind, text, name, heading, plaque_width):
    """A gate hall on a stone base with stairs front and back (a ramp-like royal path in the middle):
    plank doors open in every bay, plastered end walls, a name board. The base, stairs and passage
    floor are walkable; the end walls and the columns are colliders."""
    width, depth, rise = gate["base"]
    x, y = gate["x"], gate["y"]
    base = woldae_tier(-width / 2, -depth / 2, width / 2, depth / 2, rise)
    stair_w = sum(gate["bays"])
    front = hanok.stairs(stair_w, rise, step_rise=0.15, royal_path_width=2.0).moved(0.0, -depth / 2)
    back = hanok.stairs(stair_w, rise, step_rise=0.15, royal_path_width=2.0).moved(0.0, depth / 2, 0.0, 180.0)
    hanok.Parts().extend(base).extend(front).extend(back).moved(x, y, 0.0, heading).into(a, f"{group}/Ground")
    spec = hanok.PavilionSpec(gate["bays"], gate["side"], column_height=4.1, diameter=0.5, roof_kind=roof_kind,
                              brackets="dapo", bracket_tiers=2, eave_overhang=2.4, roof_pitch=0.6, walls="gate",
                              door_angle=80.0, japsang=7 if roof_kind == "hipped" else 5, angok=0.7, anhyeo=0.45)
    parts, summary = hanok.pavilion(spec)
    parts.moved(x, y, rise, heading).into(a, f"{group}/Gate")
    name_board(a, f"{group}/Gate", name, text, plaque_width, plaque_width * 0.45, spec, summary, rise, x, y, heading)
    hx, hy = summary["column_line"][0] / 2, summary["column_line"][1] / 2
    turn = math.radians(heading)

    def world(lx, ly):
        return (x + lx * math.cos(turn) - ly * math.sin(turn), y + lx * math.sin(turn) + ly * math.cos(turn))

    for sign in (-1, 1):  # the plastered end walls
        cx, cy = world(sign * hx, 0.0)
        a.collider_box(cx, cy, 0.5, 2 * hy + 0.6, heading)
    xs = np.concatenate([[0.0], np.cumsum(gate["bays"])]) - hx
    for lx in xs[1:-1]:
        for ly in (-hy, 0.0, hy):
            a.collider_circle(*world(lx, ly), 0.3)
    return summary


def daehanmun(a):
    """The main gate, facing east onto Taepyeong-ro: 3 x 2 kan, hipped roof, dapo brackets [EKC]."""
    gate = DAEHANMUN
    summary = gate_hall(a, "Daehanmun", gate, "hipped", "門漢大", "daehanmun", 90.0, 3.4)
    a.set_extras("Daehanmun", {"label": {"ko": "대한문", "en": "Daehanmun, the main gate"}})
    return summary


def junghwamun(a):
    """The court's gate, facing south: 3 x 2 kan, hipped-and-gable roof, dapo brackets [KoWP]."""
    summary = gate_hall(a, "Junghwamun", JUNGHWAMUN, "hip_gable", "門和中", "junghwamun", 0.0, 2.6)
    a.set_extras("Junghwamun", {"label": {"ko": "중화문", "en": "Junghwamun"}})
    return summary


def corridors(a):
    """The 7 kan of the court's corridor (haenggak) that survive at its south-east corner [KoWP]: 4 kan
    west of the corner along the court's south side, 3 kan north along its east side (split est.).
    Each piece reaches the other's centre line, so the gable ends hide inside the other roof."""
    bays, depth = [3.0] * 4, (2.7, 2.7)
    corner_x, corner_y = 30.0, JUNGHWAMUN["y"]
    south, _ = hanok.corridor(bays, depth)
    south.moved(corner_x - 6.0, corner_y, 0.0, 180.0).into(a, "Corridor")      # open side faces the court (north)
    east, summary = hanok.corridor(bays[:3], depth)
    east.moved(corner_x, corner_y + 4.5, 0.0, -90.0).into(a, "Corridor")      # open side faces the court (west)
    a.collider_box(corner_x - 6.0, corner_y, 12.6, 5.9)
    a.collider_box(corner_x, corner_y + 4.5, 5.9, 9.6)
    a.set_extras("Corridor", {"label": {"ko": "행각", "en": "The surviving corridor (haenggak)"}})
    return summary


def jeukjodang(a):
    """Jeukjodang behind the throne hall: 7 x 4 kan [EKC], hipped-and-gable roof, on a high base; a
    backdrop for the court (bay widths est.)."""
    x, y = JEUKJODANG
    base_h = 1.2
    woldae_tier(x - 13.0, y - 9.0, x + 13.0, y + 9.0, base_h).into(a, "Jeukjodang")
    spec = hanok.PavilionSpec([2.7, 3.0, 3.0, 3.3, 3.0, 3.0, 2.7], [2.7, 3.0, 3.0, 2.7], column_height=3.4,
                              diameter=0.4, roof_kind="hip_gable", brackets="ikgong", eave_overhang=1.9,
                              roof_pitch=0.55, walls="lattice", lattice_pattern="bars", japsang=5,
                              interior_columns=False)
    parts, _ = hanok.pavilion(spec)
    parts.moved(x, y, base_h).into(a, "Jeukjodang")
    a.collider_box(x, y, 26.0, 18.0)
    a.set_extras("Jeukjodang", {"label": {"ko": "즉조당", "en": "Jeukjodang"}})


# --- the bridge and the channel ---------------------------------------------------------------------

def geumcheongyo(a):
    """The twin-arch stone bridge over the Geumcheon channel, just inside Daehanmun, with stone
    railings; the channel is a stone-lined trench with still water (its floor is not walkable)."""
    c = CHANNEL
    length = 2 * c["half_width"]
    bridge = hanok.arch_bridge(length, BRIDGE_WIDTH, c["depth"], arches=2, arch_width=2.4, spring=0.8)
    bridge.moved(c["x"], APPROACH_Y, GROUND_Z["gravel"]).into(a, "Geumcheongyo/Ground")
    for sign in (-1, 1):
        y = APPROACH_Y + sign * (BRIDGE_WIDTH / 2 - 0.25)
        rail = np.array([(c["x"] - length / 2 - 1.2, y, GROUND_Z["gravel"]), (c["x"] + length / 2 + 1.2, y, GROUND_Z["gravel"])])
        hanok.stone_balustrade(rail, height=0.8, post_spacing=2.4).into(a, "Geumcheongyo/Railings")
        a.collider_box(c["x"], y, length + 2.6, 0.45)
    # The channel: stone walls facing in, a coping round the rim, a stone bed and water.
    x0, x1 = c["x"] - c["half_width"], c["x"] + c["half_width"]
    y0, y1 = c["y"]
    d = c["depth"]
    stone = pal.wall_stone()
    walls = []
    for p0, p1 in (((x0, y1), (x0, y0)), ((x1, y0), (x1, y1)), ((x0, y0), (x1, y0)), ((x1, y1), (x0, y1))):
        wall = quad((*p0, -d), (*p1, -d), (*p1, 0.0), (*p0, 0.0))
        inward = np.array([c["x"] - p0[0], (y0 + y1) / 2 - p0[1], 0.0])
        walls.append(wall if np.dot(wall.normals[0], inward) > 0 else wall.flipped())
    a.add("Geumcheon", stone, concat(walls))
    coping = [box((x0 - 0.5, y0 - 0.5, -0.05), (x0, y1 + 0.5, 0.12), "nsewt"),
              box((x1, y0 - 0.5, -0.05), (x1 + 0.5, y1 + 0.5, 0.12), "nsewt"),
              box((x0, y0 - 0.5, -0.05), (x1, y0, 0.12), "nsewt"), box((x0, y1, -0.05), (x1, y1 + 0.5, 0.12), "nsewt")]
    a.add("Geumcheon", pal.granite(), concat(coping))
    a.add("Geumcheon", pal.granite(), flat_polygon(rect(x0, y0, x1, y1), -d))
    a.add("Geumcheon", pal.still_water(), flat_polygon(rect(x0, y0, x1, y1), c["water"]))
    a.set_extras("Geumcheongyo", {"label": {"ko": "금천교", "en": "Geumcheongyo bridge"}})


# --- Seokjojeon -------------------------------------------------------------------------------------

def seokjojeon(a):
    """The neoclassical stone hall (1900-10, J.R. Harding): 54.2 x 31 m, about 18 m high, 17 x 10 bays
    [culture.go.kr]. A raised ground storey in rusticated granite; above it a two-storey Ionic
    colonnade round the front and sides with verandas behind; a pedimented portico over the centre
    5 bays of the front (6 + 5 + 6) and on each side; a cornice, a parapet and a low hipped roof."""
    g = "Seokjojeon"
    s = SEOKJOJEON
    cx, cy = s["x"], s["y"]
    w2, d2 = s["width"] / 2, s["depth"] / 2
    base_h, order_h, ent_h, parapet_h = 4.5, 10.4, 1.7, 1.2
    veranda = 3.4
    ashlar, stone, glass = mat.granite_ashlar(), pal.pale_stone(), mat.window_glass()
    # Ground storey (rusticated), its cornice, and the recessed upper block behind the colonnade.
    a.add(g, ashlar, box((cx - w2, cy - d2, 0.0), (cx + w2, cy + d2, base_h), "nsew"))
    a.add(g, stone, box((cx - w2 - 0.25, cy - d2 - 0.25, base_h - 0.35), (cx + w2 + 0.25, cy + d2 + 0.25, base_h)))
    core = (cx - w2 + veranda, cy - d2 + veranda, cx + w2 - veranda, cy + d2)
    a.add(g, ashlar, box((core[0], core[1], base_h), (core[2], core[3], base_h + order_h), "nsew"))
    a.add(g, stone, box((cx - w2, cy - d2, base_h + order_h * 0.5 - 0.3), (cx + w2, cy + d2, base_h + order_h * 0.5)))
    bay = s["width"] / s["bays"]
    front_xs = cx - w2 + bay * np.arange(s["bays"] + 1)
    side_bay = (s["depth"] - veranda) / 9
    side_ys = cy - d2 + np.concatenate([[0.0], veranda + side_bay * np.arange(1, 10)])
    colonnade = hanok.Parts()
    diameter = 0.95
    colonnade.extend(classical.colonnade(front_xs - cx, order_h, diameter).moved(cx, cy - d2 + 0.6, base_h))
    for sign in (-1, 1):
        colonnade.extend(classical.colonnade(side_ys[1:] - cy, order_h, diameter)
                         .moved(cx + sign * (w2 - 0.6), cy, base_h, 90.0))
    colonnade.into(a, g)
    # Entablature round the three colonnaded sides, a parapet over it, balustrades on the upper veranda.
    top = base_h + order_h
    classical.entablature(s["width"] + 0.6, 1.6, ent_h).moved(cx, cy - d2 + 0.6, top).into(a, g)
    for sign in (-1, 1):
        classical.entablature(s["depth"] - 0.6, 1.6, ent_h).moved(cx + sign * (w2 - 0.6), cy + 0.3, top, 90.0).into(a, g)
    a.add(g, stone, box((cx - w2, cy - d2, top), (cx + w2, cy + d2, top + ent_h), "n"))
    a.add(g, ashlar, box((cx - w2 + 0.2, cy - d2 + 0.2, top + ent_h), (cx + w2 - 0.2, cy + d2 - 0.2, top + ent_h + parapet_h), "nsew"))
    upper_floor = base_h + order_h * 0.5
    for a0, a1 in zip(front_xs[:-1], front_xs[1:]):
        classical.balustrade(a1 - a0 - diameter * 1.3, 1.0).moved((a0 + a1) / 2, cy - d2 + 0.6, upper_floor).into(a, g)
    for sign in (-1, 1):
        for b0, b1 in zip(side_ys[1:-1], side_ys[2:]):
            classical.balustrade(b1 - b0 - diameter * 1.3, 1.0).moved(cx + sign * (w2 - 0.6), (b0 + b1) / 2, upper_floor,
                                                                      90.0).into(a, g)
    # Veranda floors and ceilings, front and sides (the undersides show between the columns).
    verandas = [(cx - w2, cy - d2, cx + w2, core[1]), (cx - w2, core[1], core[0], cy + d2), (core[2], core[1], cx + w2, cy + d2)]
    for vx0, vy0, vx1, vy1 in verandas:
        for z in (base_h, upper_floor):
            a.add(g, stone, box((vx0, vy0, z - 0.3), (vx1, vy1, z), "tb"))
        a.add(g, stone, box((vx0, vy0, top - 0.05), (vx1, vy1, top), "b"))
    # Windows: ground storey on all four sides; tall doors and windows behind the verandas.
    upper = ((base_h + 0.6, 3.6), (upper_floor + 0.6, 3.3))
    front_mid = (front_xs[:-1] + front_xs[1:]) / 2
    side_mid = cy - d2 + veranda + side_bay * (np.arange(9) + 0.5)
    core_mid = front_mid[(front_mid > core[0] + 1.0) & (front_mid < core[2] - 1.0)]   # behind the front veranda
    # face, plane, window centres along the face's own x (north face: x runs west; east: north; west: south)
    faces = [("s", cy - d2, front_mid, ((1.0, 2.0),)), ("n", cy + d2, -front_mid, ((1.0, 2.0),) + upper),
             ("e", cx + w2, side_mid, ((1.0, 2.0),)), ("w", cx - w2, -side_mid, ((1.0, 2.0),)),
             ("s", core[1], core_mid, upper), ("e", core[2], side_mid, upper), ("w", core[0], -side_mid, upper)]
    for face, plane, along, storeys in faces:
        frame = cp.face_frame(face, plane)
        for centre in along:
            for z0, h in storeys:
                gq, sq = cp.facade_window(float(centre), z0, 1.3 if h < 3 else 1.5, h)
                a.add(g, glass, gq.transformed(frame))
                a.add(g, stone, sq.transformed(frame))
    # The portico pediments: centre 5 bays of the front, and the middle of each side.
    centre_w = bay * 5
    ped_base = top + ent_h
    classical.pediment(centre_w + 1.2, 3.4, 1.5).moved(cx, cy - d2 - 0.2, ped_base).into(a, g)
    emblem = classical.plum_emblem(0.9)
    a.add(g, pal.bronze(), emblem.moved(cx, cy - d2 - 0.24, ped_base + 1.3))
    for sign in (-1, 1):
        classical.pediment(side_bay * 4 + 1.2, 2.8, 1.5).moved(cx + sign * (w2 + 0.2), cy + 0.3, ped_base,
                                                              90.0 * sign).into(a, g)
    roof_z = ped_base + parapet_h
    a.add(g, mat.plain("roof_slate", (0.27, 0.28, 0.30), roughness=0.7),
          low_hipped_roof(cx - w2 + 0.2, cy - d2 + 0.2, cx + w2 - 0.2, cy + d2 - 0.2, roof_z, 3.0))
    # The grand stair from the garden up to the main floor (not walkable: the hall is closed here).
    for k in range(int(base_h / 0.18)):
        a.add(g, ashlar, box((cx - 7.0 + k * 0.05, cy - d2 - 9.0 + k * 0.32, 0.0),
                             (cx + 7.0 - k * 0.05, cy - d2 - 9.0 + k * 0.32 + 0.34, (k + 1) * 0.18), "swet"))
    a.collider_box(cx, cy, s["width"] + 1.0, s["depth"] + 1.0)
    a.collider_box(cx, cy - d2 - 4.5, 14.5, 9.0)
    a.set_extras(g, {"label": {"ko": "석조전 (대한제국역사관)", "en": "Seokjojeon (Daehan Empire History Museum)"}})
    return {"height_to_parapet": round(ped_base + parapet_h, 2), "column_height": order_h, "column_diameter": diameter}


def low_hipped_roof(x0, y0, x1, y1, z, rise):
    """A plain low hipped roof over a rectangle (x along the ridge), for Western-style halls."""
    inset = (y1 - y0) / 2
    ridge_y = (y0 + y1) / 2
    r0, r1 = (x0 + inset, ridge_y, z + rise), (x1 - inset, ridge_y, z + rise)
    c00, c10, c11, c01 = (x0, y0, z), (x1, y0, z), (x1, y1, z), (x0, y1, z)
    faces = [quad(c00, c10, r1, r0), quad(c11, c01, r0, r1)]
    for a_, b_, r in ((c10, c11, r1), (c01, c00, r0)):
        tri = quad(a_, b_, r, r)
        tri.triangles = tri.triangles[:1]
        faces.append(tri)
    return concat(faces)


def fountain(a):
    """The garden fountain in front of Seokjojeon: a square basin with a tiered fountain (form est.)."""
    x, y = FOUNTAIN
    h = 8.0
    kerb = concat([box((x - h, y - h, 0.0), (x + h, y - h + 0.6, 0.5)), box((x - h, y + h - 0.6, 0.0), (x + h, y + h, 0.5)),
                   box((x - h, y - h + 0.6, 0.0), (x - h + 0.6, y + h - 0.6, 0.5)),
                   box((x + h - 0.6, y - h + 0.6, 0.0), (x + h, y + h - 0.6, 0.5))])
    a.add("Fountain", pal.granite(), kerb)
    a.add("Fountain", pal.still_water(), flat_polygon(rect(x - h + 0.6, y - h + 0.6, x + h - 0.6, y + h - 0.6), 0.3))
    tiers = lathe([(1.6, 0.0), (1.6, 0.8), (0.4, 0.9), (0.3, 1.8), (1.1, 1.9), (1.1, 2.1), (0.2, 2.2), (0.15, 3.0),
                   (0.45, 3.1), (0.0, 3.3)], 16)
    a.add("Fountain", pal.pale_stone(), tiers.moved(x, y))
    a.collider_box(x, y, 2 * h, 2 * h)


# --- walls, trees, portal ----------------------------------------------------------------------------

def palace_walls(a):
    """The palace's stone-footed, plastered walls with tiled copings, and their colliders; Daehanmun
    stands in the east wall."""
    e, w, s, n = WALL["east"], WALL["west"], WALL["south"], WALL["north"]
    gate_half = sum(DAEHANMUN["bays"]) / 2 + 0.3
    runs = [[(e, DAEHANMUN["y"] - gate_half), (e, s), (w, s), (w, n), (e, n), (e, DAEHANMUN["y"] + gate_half)]]
    for run in runs:
        pts = np.array(run)
        for p0, p1 in zip(pts[:-1], pts[1:]):
            hanok.tiled_wall(np.array([p0, p1]), height=3.4, footing=1.5).into(a, "Walls")  # the stone lower courses
            cx, cy = (p0 + p1) / 2
            length = float(np.linalg.norm(p1 - p0))
            heading = math.degrees(math.atan2(p1[1] - p0[1], p1[0] - p0[0]))
            a.collider_box(cx, cy, length + 0.8, 1.0, heading)


def _occupied(x, y):
    """Where no tree may stand: buildings, terraces, paths, the court, the channel, the fountain, the
    walls."""
    if min(abs(x - WALL["east"]), abs(x - WALL["west"]), abs(y - WALL["south"]), abs(y - WALL["north"])) < 4.5:
        return True
    boxes = [(-36.0, -97.0, 36.0, 28.0), (-118.0, -32.0, -52.0, 46.0), (6.0, 34.0, 38.0, 60.0),
             (-4.0, APPROACH_Y - 6.0, 150.0, APPROACH_Y + 6.0), (115.0, -109.0, 135.0, -68.0)]
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in boxes)


def trees(a):
    """Zelkovas, ginkgos and pines through the grounds (placement illustrative), kept off the buildings,
    the paths and the court; a row of ginkgos along the street outside."""
    trunks, crowns = [], []
    seed = 0
    for gx in np.arange(WALL["west"] + 6.0, WALL["east"] - 3.0, 11.0):
        for gy in np.arange(WALL["south"] + 6.0, WALL["north"] - 3.0, 11.0):
            seed += 1
            x = gx + (float(cell_random(seed, 1, 41)) - 0.5) * 7.0
            y = gy + (float(cell_random(seed, 2, 41)) - 0.5) * 7.0
            if _occupied(x, y) or float(cell_random(seed, 3, 41)) < 0.45:
                continue
            kind = float(cell_random(seed, 4, 41))
            height = 9.0 + 5.0 * float(cell_random(seed, 5, 41))
            maker = cp.pine_tree if kind < 0.25 else cp.ginkgo_tree if kind < 0.45 else cp.broadleaf_tree
            trunk, crown = maker(x, y, height, seed)
            trunks.append(trunk)
            crowns.append(crown)
            a.collider_circle(x, y, 0.45)
    for k, y in enumerate(np.arange(-128.0, 94.0, 12.0)):
        if abs(y - APPROACH_Y) < 12.0:
            continue  # keep the view of the gate from the street open
        trunk, crown = cp.ginkgo_tree(182.5, y, 10.0, 500 + k)
        trunks.append(trunk)
        crowns.append(crown)
        a.collider_circle(182.5, y, 0.4)
    a.add("Trees", mat.bark(), concat(trunks))
    a.add("Trees", mat.foliage(), concat(crowns))


def portal_back(a):
    x, y, _ = PORTAL["position"]
    stone, pad = cp.portal_gate(x, y, PORTAL["heading"])
    a.add("Portal", mat.dark_granite(), concat([stone, pad]).moved(0.0, 0.0, GROUND_Z["paving"]))
    for px, py in cp.portal_post_centres(x, y, PORTAL["heading"]):
        a.collider_box(px, py, 0.5, 0.5)


def build(out_dir):
    """Build the palace into out_dir; returns the assembly statistics."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    a = Assembly("Deoksugung")
    grounds(a)
    daehanmun(a)
    geumcheongyo(a)
    junghwamun(a)
    junghwajeon(a)
    corridors(a)
    jeukjodang(a)
    seokjojeon(a)
    fountain(a)
    palace_walls(a)
    trees(a)
    portal_back(a)
    return a.write(out_dir / f"{MODEL_NAME}.glb", out_dir / f"{MODEL_NAME}.colliders.json",
                   extras={"title": "Deoksugung palace, reconstructed",
                           "frame": "Y up, metres; origin = centre of Junghwajeon's column grid at court level",
                           "provenance": f"{MODEL_NAME}.json"})


def main(argv=None):
    return builder_main(MODEL_NAME, build, argv)


if __name__ == "__main__":
    sys.exit(main())
