"""Build assets/models/seoul_plaza.glb (+ .colliders.json): Seoul Plaza in front of City Hall.

    python -m tools.build_plaza [OUT_DIR]

World frame: x east, y north, z up, metres; the origin is the centre of the plaza's ellipse. The old
City Hall (1926, now Seoul Metropolitan Library) stands on the north side facing south over the lawn,
the new City Hall's glass wave rises behind it, roads run round the west, south and east sides, and
the portal gates stand on the plaza's west edge, towards Deoksugung, whose wall and Daehanmun gate
close the view across the west road. Dimensions, and which of them are
conjecture, are listed in assets/models/seoul_plaza.json.
"""

import math
import sys
from pathlib import Path

import numpy as np

from . import city_parts as cp
from . import hanok
from . import materials as mat
from .assembly import Assembly, builder_main
from .meshkit import box, concat, flat_polygon, grid_surface, lathe, translate

MODEL_NAME = "seoul_plaza"

# The plaza ellipse: 13,207 m2 [KoWP]; the axes are not published, so a 1.52 : 1 ellipse was chosen to
# match the area (pi * 80 * 52.5 = 13,195 m2). The lawn: 6,294-6,449 m2 [EnWP, KoWP] -> 54 x 37.5 m
# semi-axes (6,362 m2).
PLAZA_A, PLAZA_B = 80.0, 52.5
LAWN_A, LAWN_B = 54.0, 37.5
ROAD_RECT = ((-106.0, -86.0), (106.0, 62.0))   # outer edge of the roads round the plaza (est.)
GROUND_RECT = ((-132.0, -112.0), (132.0, 170.0))
CITY_HALL_FRONT = 64.0                          # y of the old City Hall's main facade (est.)

SPAWN = {"position": [0.0, -46.0, 0.0], "heading": 0.0}
# Portals on the west edge, towards Deoksugung across the road; walking through faces west.
PORTALS = [
    {"to": "deoksugung", "position": [-70.0, 21.0, 0.0]},
    {"to": "donuimun", "position": [-70.0, 7.0, 0.0]},
    {"to": "mayors-office", "position": [-70.0, -7.0, 0.0]},
    {"to": "120-center", "position": [-70.0, -21.0, 0.0]},
]
PORTAL_HEADING = 90.0


def ground(a):
    """Paving, lawn, roads with markings, sidewalks and curbs."""
    paving, lawn, asphalt, curb = mat.granite_paving(), mat.lawn(), mat.asphalt(), mat.granite_ashlar()
    angles = np.linspace(0.0, 2 * np.pi, 193)
    a.add("Ground", lawn, flat_polygon(cp.ellipse_points(LAWN_A, LAWN_B, angles[:-1]), z=0.02))
    a.add("Ground", curb, cp.ring(cp.ellipse_points(LAWN_A + 0.35, LAWN_B + 0.35, angles),
                                  cp.ellipse_points(LAWN_A, LAWN_B, angles), z=0.03))
    a.add("Ground", paving, cp.ring(cp.ellipse_points(PLAZA_A, PLAZA_B, angles),
                                    cp.ellipse_points(LAWN_A + 0.35, LAWN_B + 0.35, angles)))
    # Between the ellipse and the road rectangle: paving to the north (the City Hall forecourt),
    # asphalt elsewhere. Both pieces are sampled on rays from the centre, split at the corners.
    (x0, y0), (x1, y1) = ROAD_RECT
    ne, nw = math.atan2(y1, x1), math.atan2(y1, x0)
    north = np.linspace(ne, nw, 49)
    roads = np.linspace(nw, ne + 2 * np.pi, 161)
    for surface, sector in ((paving, north), (asphalt, roads)):
        a.add("Ground", surface, cp.ring(cp.rectangle_points(ROAD_RECT, sector),
                                         cp.ellipse_points(PLAZA_A + 0.4, PLAZA_B + 0.4, sector)))
    a.add("Ground", curb, cp.ring(cp.ellipse_points(PLAZA_A + 0.4, PLAZA_B + 0.4, roads),
                                  cp.ellipse_points(PLAZA_A, PLAZA_B, roads), z=0.04))
    gx0, gy0 = GROUND_RECT[0]
    gx1, gy1 = GROUND_RECT[1]
    sidewalks = [((gx0, gy0), (x0, y1)), ((x1, gy0), (gx1, y1)), ((x0, gy0), (x1, y0)), ((gx0, y1), (gx1, gy1))]
    for (sx0, sy0), (sx1, sy1) in sidewalks:
        a.add("Ground", paving, flat_polygon([(sx0, sy0), (sx1, sy0), (sx1, sy1), (sx0, sy1)]))
    curbs = [box((x0 - 0.3, y0 - 0.3, 0), (x0, y1, 0.12), "et"), box((x1, y0 - 0.3, 0), (x1 + 0.3, y1, 0.12), "wt"),
             box((x0, y0 - 0.3, 0), (x1, y0, 0.12), "nt")]
    a.add("Ground", curb, concat(curbs))
    markings = [cp.dashed_ellipse(PLAZA_A + d, PLAZA_B + d, nw + 0.12, ne + 2 * np.pi - 0.12, 3.0, 5.0, 0.15)
                for d in (6.5, 19.5)]
    # The yellow centre line, then zebra crossings to the south sidewalk and across the west road.
    centre = [cp.dashed_ellipse(PLAZA_A + 13 + off, PLAZA_B + 13 + off, nw + 0.12, ne + 2 * np.pi - 0.12,
                                0.0, 0.0, 0.15) for off in (-0.2, 0.2)]
    zebra_south = [box((-3.0, y, 0.0), (3.0, y + 0.5, 0.012), "t") for y in np.arange(y0 + 1.5, -PLAZA_B - 1.5, 1.0)]
    zebra_west = [box((x, -3.0, 0.0), (x + 0.5, 3.0, 0.012), "t") for x in np.arange(x0 + 1.5, -PLAZA_A - 1.5, 1.0)]
    a.add("Ground/Markings", mat.road_marking(), concat(markings + zebra_south + zebra_west))
    a.add("Ground/Markings", mat.plain("road_yellow", (0.93, 0.72, 0.12), roughness=0.6), concat(centre))


def old_city_hall(a):
    """The 1926 City Hall (Seoul Metropolitan Library since 2012): granite base storey, rendered upper
    floors with pilasters, a cornice, and the central tower with a clock and a low dome."""
    g = "OldCityHall"
    stone, render, glass = mat.granite_ashlar(), mat.rendered_stone(), mat.window_glass()
    y0 = CITY_HALL_FRONT
    front = (-32.0, y0, 32.0, y0 + 16.0)
    wings = [(-32.0, y0 + 16.0, -20.0, y0 + 34.0), (20.0, y0 + 16.0, 32.0, y0 + 34.0)]
    base_h, eave_h = 4.5, 16.8
    for bx0, by0, bx1, by1 in [front] + wings:
        a.add(g, stone, box((bx0, by0, 0), (bx1, by1, base_h)))
        a.add(g, render, box((bx0 + 0.1, by0 + 0.1, base_h), (bx1 - 0.1, by1 - 0.1, eave_h)))
        a.add(g, stone, box((bx0 - 0.2, by0 - 0.2, base_h), (bx1 + 0.2, by1 + 0.2, base_h + 0.35)))   # belt course
        a.add(g, stone, box((bx0 - 0.6, by0 - 0.6, eave_h), (bx1 + 0.6, by1 + 0.6, eave_h + 0.6)))   # cornice
        a.add(g, render, box((bx0, by0, eave_h + 0.6), (bx1, by1, eave_h + 1.6)))                    # parapet
    # The tower bay projects from the centre of the front and rises above the roof.
    tx, ty0, ty1, tower_h = 7.0, y0 - 3.0, y0 + 12.0, 25.0
    a.add(g, stone, box((-tx, ty0, 0), (tx, ty1, base_h)))
    a.add(g, render, box((-tx + 0.1, ty0 + 0.1, base_h), (tx - 0.1, ty1, tower_h)))
    a.add(g, stone, box((-tx - 0.5, ty0 - 0.5, tower_h), (tx + 0.5, ty1 + 0.5, tower_h + 0.7)))
    a.add(g, render, box((-tx + 0.6, ty0 + 0.6, tower_h + 0.7), (tx - 0.6, ty1 - 0.6, tower_h + 1.9)))
    cx, cy = 0.0, (ty0 + ty1) / 2
    drum = lathe([(4.6, tower_h + 1.9), (4.6, tower_h + 4.2), (5.0, tower_h + 4.4), (5.0, tower_h + 4.8)], 8,
                 phase=22.5)
    dome = lathe([(4.7, tower_h + 4.8), (4.2, tower_h + 6.4), (3.0, tower_h + 7.6), (1.5, tower_h + 8.2),
                  (0.35, tower_h + 8.4), (0.2, tower_h + 10.0), (0.0, tower_h + 10.1)], 16)
    a.add(g, stone, drum.moved(cx, cy))
    a.add(g, mat.patina_copper(), dome.moved(cx, cy))
    # Quoin-like pilasters at the tower corners, the full height.
    for sx in (-tx, tx - 1.2):
        a.add(g, stone, box((sx, ty0 - 0.25, 0), (sx + 1.2, ty0 + 1.0, tower_h)))
    # Entrance porch (porte-cochere) with four square piers and a balcony slab.
    for px in (-4.2, -1.5, 1.5, 4.2):
        a.add(g, stone, box((px - 0.4, ty0 - 4.6, 0), (px + 0.4, ty0 - 3.8, 5.0)))
    a.add(g, stone, box((-5.2, ty0 - 5.0, 5.0), (5.2, ty0, 5.8)))
    a.add(g, render, box((-5.2, ty0 - 5.0, 5.8), (5.2, ty0 - 4.8, 6.8)))
    a.add(g, stone, concat([box((-6.0 + 0.4 * i, ty0 - 7.0 + 0.4 * i, 0), (6.0 - 0.4 * i, ty0 - 4.8, 0.15 * (i + 1)))
                            for i in range(3)]))
    # Windows: granite storey and three rendered storeys; bays 3.6 m apart either side of the tower.
    storeys = [(1.3, 2.3), (5.6, 2.8), (9.6, 2.8), (13.4, 2.4)]
    bay_x = [9.6 + 3.6 * k for k in range(6)]
    south = cp.face_frame("s", y0)
    for z0, h in storeys:
        for x in bay_x:
            for side in (-1, 1):
                glass_q, surround = cp.facade_window(side * x, z0, 1.6, h)
                a.add(g, glass, glass_q.transformed(south))
                a.add(g, stone if z0 < base_h else render, surround.transformed(south))
        for x in (-3.2, 0.0, 3.2):
            if z0 < base_h:
                continue  # the porch covers the ground storey of the tower
            glass_q, surround = cp.facade_window(x, z0 + 0.3, 1.8, h)
            a.add(g, glass, glass_q.transformed(cp.face_frame("s", ty0)))
            a.add(g, stone, surround.transformed(cp.face_frame("s", ty0)))
        for face, plane, span in (("e", 32.0, (y0 + 2.5, y0 + 32.0)), ("w", -32.0, (y0 + 2.5, y0 + 32.0))):
            frame = cp.face_frame(face, plane)
            for along in np.arange(span[0] + 1.0, span[1], 3.6):
                # Local x runs north on the east face and south on the west face.
                glass_q, surround = cp.facade_window(along if face == "e" else -along, z0, 1.6, h)
                a.add(g, glass, glass_q.transformed(frame))
                a.add(g, stone if z0 < base_h else render, surround.transformed(frame))
    # Pilasters between the upper-storey bays of the front.
    for x in [9.6 + 3.6 * k + 1.8 for k in range(-1, 6)]:
        for side in (-1, 1):
            a.add(g, render, box((side * x - 0.35, y0 - 0.25, base_h + 0.35), (side * x + 0.35, y0, eave_h)))
    # Clock faces on the tower, above the windows.
    dial = cp.clock_dial(1.6, 21.6)
    for face, plane, along in (("s", ty0, 0.0), ("e", tx, cy), ("w", -tx, -cy)):
        a.add(g, mat.clock_face(), dial.transformed(cp.face_frame(face, plane) @ translate(along, 0, 0)))
    a.collider_box(0.0, y0 + 8.0, 65.0, 17.0)
    a.collider_box(-26.0, y0 + 25.0, 12.5, 18.0)
    a.collider_box(26.0, y0 + 25.0, 12.5, 18.0)
    a.collider_box(0.0, ty0 - 4.2, 11.0, 1.2)   # the porch piers (the visitor stops under the balcony)
    a.set_extras(g, {"label": {"ko": "서울도서관 (옛 서울시청사, 1926)",
                               "en": "Seoul Metropolitan Library (old City Hall, 1926)"}})


def new_city_hall(a):
    """The 2012 City Hall: a 52 m glass block whose front curls forward over the old building like a
    wave (the architect's nod to the eaves of traditional roofs)."""
    g = "NewCityHall"
    glass = mat.curtain_glass()
    y_back, height, half_w = 160.0, 52.0, 56.0
    # The wave profile (y, z) from the ground up to the crest; shape read from photographs (est.).
    profile = np.array([(104.0, 0.0), (103.5, 8.0), (102.0, 16.0), (99.0, 24.0), (94.5, 32.0), (88.5, 39.0),
                        (82.0, 44.5), (76.5, 48.5), (72.5, 51.0), (70.5, 52.0)])
    xs = np.linspace(-half_w, half_w, 17)
    plan_bulge = 3.0 * (xs / half_w) ** 2    # the ends sit further back than the centre
    pts = np.array([[(x, y + dy, z) for x, dy in zip(xs, plan_bulge)] for y, z in profile])
    a.add(g, glass, grid_surface(pts))
    # Side walls follow the profile (drawn in the y-z plane, then stood up at x = +-half_w).
    outline = [(y + plan_bulge[-1], z) for y, z in profile] + [(y_back, height), (y_back, 0.0)]
    side = flat_polygon(outline)
    to_east = np.array([[0, 0, 1, half_w], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]], dtype=float)
    a.add(g, glass, side.transformed(to_east))
    a.add(g, glass, side.flipped().transformed(translate(-2 * half_w, 0, 0) @ to_east))
    a.add(g, glass, box((-half_w, y_back - 0.1, 0), (half_w, y_back, height), "n"))
    roof = flat_polygon([(-half_w, profile[-1][0] + plan_bulge[0]), (half_w, profile[-1][0] + plan_bulge[0]),
                         (half_w, y_back), (-half_w, y_back)], z=height)
    a.add(g, mat.plain("roof_membrane", (0.55, 0.56, 0.56), roughness=0.9), roof)
    # A thin white fascia along the crest.
    crest = np.array([[(x, profile[-1][0] + dy, height + dz) for x, dy in zip(xs, plan_bulge)] for dz in (0.0, 0.6)])
    a.add(g, mat.plain("fascia_white", (0.9, 0.9, 0.88), roughness=0.5), grid_surface(crest).double_sided())
    a.collider_box(0.0, (104.0 + y_back) / 2, 2 * half_w, y_back - 104.0)
    a.set_extras(g, {"label": {"ko": "서울시청 신청사 (2012)", "en": "Seoul City Hall (2012)"}})


def context_buildings(a):
    """Plain blocks round the edges so the horizon is a city, not the void (not modelled in detail)."""
    facade, roof = mat.office_facade(), mat.plain("roof_concrete", (0.5, 0.5, 0.5), roughness=0.9)
    blocks = [  # x0, y0, x1, y1, height: the Plaza Hotel to the south, offices east and north-east
        (-30.0, -150.0, 25.0, -116.0, 72.0), (35.0, -140.0, 80.0, -116.0, 40.0), (-90.0, -140.0, -40.0, -116.0, 28.0),
        (136.0, -100.0, 170.0, -40.0, 55.0), (136.0, -30.0, 168.0, 30.0, 36.0), (136.0, 40.0, 175.0, 110.0, 90.0),
        (70.0, 120.0, 110.0, 170.0, 60.0), (-110.0, 120.0, -70.0, 170.0, 45.0),
    ]
    for x0, y0, x1, y1, h in blocks:
        a.add("Context", facade, box((x0, y0, 0), (x1, y1, h), "nsew"))
        a.add("Context", roof, box((x0, y0, h), (x1, y1, h + 0.01), "t"))


def deoksugung_edge(a):
    """Across the west road: Deoksugung's wall and its main gate, Daehanmun, facing east onto the
    plaza, built from the tools.hanok parts as a backdrop (the palace scene has the full model)."""
    wall_x, gap = -127.0, 7.5
    for y0, y1 in ((-110.0, -gap), (gap, 60.0)):
        hanok.tiled_wall(np.array([(wall_x, y0), (wall_x, y1)]), height=3.2).into(a, "Deoksugung/Wall")
        a.collider_box(wall_x, (y0 + y1) / 2, 1.2, y1 - y0)
    terrace, top, _ = hanok.woldae(14.0, 9.0, tiers=((0.6, 0.0),))
    terrace.moved(wall_x, 0.0, 0.0, 90.0).into(a, "Deoksugung/Daehanmun")
    spec = hanok.PavilionSpec([3.6, 4.2, 3.6], [3.0, 3.0], column_height=4.0, diameter=0.5, roof_kind="hipped",
                              brackets="dapo", eave_overhang=2.3, japsang=5)
    gate, _ = hanok.pavilion(spec)
    gate.moved(wall_x, 0.0, top, 90.0).into(a, "Deoksugung/Daehanmun")
    doors = hanok.plank_doors(3.6, 3.4)
    doors.moved(wall_x, 0.0, top, 90.0).into(a, "Deoksugung/Daehanmun")
    a.collider_box(wall_x, 0.0, 9.0, 14.0)
    trunks, crowns = [], []
    for k, y in enumerate(np.arange(-100.0, 60.0, 14.0)):
        trunk, crown = cp.broadleaf_tree(-138.0 - 4 * (k % 2), y + 3 * (k % 3), 12.0, seed=200 + k)
        trunks.append(trunk)
        crowns.append(crown)
    a.add("Deoksugung/Trees", mat.bark(), concat(trunks))
    a.add("Deoksugung/Trees", mat.foliage(), concat(crowns))


def trees(a):
    trunks, crowns, seed = [], [], 0
    spots = [(x, -99.0, "ginkgo") for x in np.arange(-96.0, 100.0, 12.0) if abs(x) > 8]
    spots += [(-119.0, y, "ginkgo") for y in np.arange(-96.0, 60.0, 12.0) if abs(y) > 8]
    spots += [(119.0, y, "ginkgo") for y in np.arange(-96.0, 60.0, 12.0)]
    spots += [(x, y, "broad") for x, y in ((-48.0, 70.0), (48.0, 70.0), (-52.0, 92.0), (52.0, 92.0),
                                           (-70.0, 66.0), (70.0, 66.0), (-88.0, 80.0), (88.0, 80.0))]
    for x, y, kind in spots:
        seed += 1
        height = 8.0 + 2.0 * float(cp.cell_random(seed, 3, 13))
        maker = cp.ginkgo_tree if kind == "ginkgo" else cp.broadleaf_tree
        trunk, crown = maker(x, y, height, seed)
        trunks.append(trunk)
        crowns.append(crown)
        a.collider_circle(x, y, 0.4)
    a.add("Trees", mat.bark(), concat(trunks))
    a.add("Trees", mat.foliage(), concat(crowns))


def furniture(a):
    legs, seats, posts = [], [], []
    for deg in (200, 225, 250, 290, 315, 340, 20, 160):
        t = math.radians(deg)
        x, y = 66.0 * math.cos(t), 44.5 * math.sin(t)
        heading = cp.heading_towards((x, y), (0.0, 0.0))
        leg, seat, post = cp.bench(x, y, heading)
        legs.append(leg)
        seats.append(seat)
        posts.append(post)
        a.collider_box(x, y, 2.0, 0.6, heading)
    a.add("Benches", mat.granite_ashlar(), concat(legs))
    a.add("Benches", mat.wood_slats(), concat(seats))
    a.add("Benches", mat.dark_metal(), concat(posts))
    metal, glow = [], []
    for k in range(20):
        t = 2 * math.pi * (k + 0.5) / 20
        x, y = (PLAZA_A - 2.0) * math.cos(t), (PLAZA_B - 2.0) * math.sin(t)
        if abs(y) < 26 and x < 0:
            continue  # keep the portal row clear
        pole, globe = cp.lamp_post(x, y)
        metal.append(pole)
        glow.append(globe)
        a.collider_circle(x, y, 0.2)
    for k in range(48):  # "ringed by 48 lights" [KoWP]
        t = 2 * math.pi * (k + 0.5) / 48  # half a step: none stands on the spawn's line of sight
        post, top = cp.ground_light((LAWN_A + 0.9) * math.cos(t), (LAWN_B + 0.9) * math.sin(t))
        metal.append(post)
        glow.append(top)
    a.add("Lamps", mat.dark_metal(), concat(metal))
    a.add("Lamps/Glow", mat.lamp_glow(), concat(glow))
    a.set_extras("Lamps/Glow", {"lamp_glow": True})


def portals(a):
    stone, pads = [], []
    for portal in PORTALS:
        x, y, _ = portal["position"]
        gate, pad = cp.portal_gate(x, y, PORTAL_HEADING)
        stone.append(gate)
        pads.append(pad)
        for px, py in cp.portal_post_centres(x, y, PORTAL_HEADING):
            a.collider_box(px, py, 0.5, 0.5)
    a.add("Portals", mat.dark_granite(), concat(stone + pads))


def build(out_dir):
    """Build the plaza into out_dir; returns the assembly statistics."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    a = Assembly("Seoul Plaza")
    ground(a)
    old_city_hall(a)
    new_city_hall(a)
    context_buildings(a)
    deoksugung_edge(a)
    trees(a)
    furniture(a)
    portals(a)
    stats = a.write(out_dir / f"{MODEL_NAME}.glb", out_dir / f"{MODEL_NAME}.colliders.json",
                    extras={"title": "Seoul Plaza", "frame": "Y up, metres; origin = centre of the plaza ellipse",
                            "provenance": f"{MODEL_NAME}.json"})
    return stats


def main(argv=None):
    return builder_main(MODEL_NAME, build, argv)


if __name__ == "__main__":
    sys.exit(main())
