"""Build assets/models/civil_center_120.glb (+ .colliders.json): a 120 Dasan civil service hall.

    python -m tools.build_120_center [OUT_DIR]

World frame: x east, y north, z up, metres; origin = the middle of the hall floor. 120 Dasan Call
Center is Seoul's telephone and online help line (opened 2007); it has no public counter hall whose
plan is published, so this is a conjectural, typical Korean civil service hall (민원실) standing for
it, as Metaverse Seoul's own 'Metaverse 120' counselling room did: numbered counters along the north
wall under bilingual signs, a 'now serving' board, a ticket machine, rows of seats, self-service
kiosks on the west wall and the glazed entrance on the south. assets/models/civil_center_120.json
says what is sourced (the service's facts) and what is conjecture (all of the room).
"""

import sys
from pathlib import Path

from . import city_parts as cp
from . import interior as it
from . import materials as mat
from .assembly import Assembly, builder_main
from .hanok.parts import Parts
from .interior import Line, Opening, SignFace
from .meshkit import box, concat

MODEL_NAME = "civil_center_120"

HALL = ((-12.0, -8.0), (12.0, 8.0))      # inside faces of the walls (est.)
CEILING = 4.5
COUNTER_Y = 5.4                           # the counter row's centre line; officers sit north of it
COUNTER_XS = [-5.0, -3.0, -1.0, 1.0, 3.0, 5.0]
ENTRANCE = (-1.6, 1.6)                    # the glass doors in the south wall
SOUTH_WINDOWS = [(-11.0, -3.0), (3.0, 11.0)]

SPAWN = {"position": [0.0, -4.8, 0.0], "heading": 0.0}
PORTAL = {"to": "seoul-plaza", "position": [0.0, -7.0, 0.0], "heading": 180.0, "radius": 1.2}
KIOSKS = [
    {"id": "center-complaint", "kind": "complaint", "position": [-11.1, -4.6, 0.0], "heading": -90.0},
    {"id": "center-reservation", "kind": "reservation", "position": [-11.1, -2.6, 0.0], "heading": -90.0},
    {"id": "center-information", "kind": "information", "position": [-11.1, -0.6, 0.0], "heading": -90.0},
]

# Counter groups: (first counter index, last, sign key, colour).
SERVICES = [(0, 1, "complaints", "#1F5FA8"), (2, 3, "reservations", "#138A84"), (4, 5, "information", "#D9722B")]

SIGNS = {
    "complaints": SignFace((Line("민원 접수", 0.52), Line("Civil Complaints", 0.36)), (3.6, 0.7), "#1F5FA8", "#FFFFFF"),
    "reservations": SignFace((Line("예약 · 신청", 0.52), Line("Reservations", 0.36)), (3.6, 0.7), "#138A84", "#FFFFFF"),
    "information": SignFace((Line("안내 · 상담", 0.52), Line("Information", 0.36)), (3.6, 0.7), "#D9722B", "#FFFFFF"),
    "now-serving": SignFace(
        (Line("대기 번호  Now serving", 0.2, "#FFFFFF"),
         Line("창구 Counter      번호 Number", 0.11, "#9FB3C8"))
        + tuple(Line(f"{k + 1}        ▶        {number}", 0.115, "#FFC53D")
                for k, number in enumerate(("0127", "0094", "0211", "0213", "0302", "0303"))),
        (2.4, 1.9), "#101820", "#FFFFFF", border="#3A4654"),
    "hall-name": SignFace((Line("120 다산콜센터", 0.5), Line("Dasan Call Center · 민원 서비스 Civil Service Hall", 0.26)),
                          (6.0, 1.3), "#FFFFFF", "#1F3F66"),
    "kiosks": SignFace((Line("무인 민원 키오스크", 0.5), Line("Self-service kiosks", 0.36)), (2.8, 0.6), "#3A4654", "#FFFFFF"),
    "take-number": SignFace((Line("번호표", 0.5), Line("Take a number", 0.36)), (0.5, 0.3), "#1F5FA8", "#FFFFFF"),
    "exit": SignFace((Line("출입구", 0.5), Line("Exit", 0.36)), (1.0, 0.35), "#2E8B57", "#FFFFFF"),
}
for _k in range(len(COUNTER_XS)):
    SIGNS[f"counter-{_k + 1}"] = SignFace((Line(str(_k + 1), 0.62), Line("창구 Counter", 0.3)), (0.8, 0.55),
                                          "#FFFFFF", "#1F3F66", border="#1F3F66")


def shell(a, atlas):
    """The hall: tiled floor, white walls, glazed south front with the entrance, lights."""
    (x0, y0), (x1, y1) = HALL
    openings = [Opening("s", s0, s1, 0.6, 3.6) for s0, s1 in SOUTH_WINDOWS]
    openings.append(Opening("s", ENTRANCE[0], ENTRANCE[1], 0.0, 2.7))   # closed glass doors: still blocks
    it.room_shell(a, "Hall", HALL, CEILING, it.floor_tiles(), it.wall_paint(), it.ceiling_tiles(), openings)
    for s0, s1 in SOUTH_WINDOWS:
        it.window_glazing(s1 - s0, 3.0, mullion=2.0).moved((s0 + s1) / 2, y0 - 0.12, 0.6).into(a, "Hall/Windows")
    it.window_glazing(ENTRANCE[1] - ENTRANCE[0], 2.7, mullion=1.6).moved(0.0, y0 - 0.12, 0.0).into(a, "Hall/Windows")
    # A blue band round the walls at door height ties the signs together.
    band = [box((x0, y1 - 0.02, 2.9), (x1, y1, 3.0)), box((x0, y0, 2.9), (x0 + 0.02, y1, 3.0)),
            box((x1 - 0.02, y0, 2.9), (x1, y1, 3.0))]
    a.add("Hall/Walls", it.painted(), concat(band).colored(it.srgba("#1F5FA8")))
    it.ceiling_lights(((x0 + 0.8, y0 + 0.8), (x1 - 0.8, y1 - 0.8)), CEILING, spacing=(2.4, 2.4)).into(a, "Hall/Lights")
    atlas.sign("hall-name", depth=0.05).moved(x1, 0.5, 1.6, -90.0).into(a, "Signs")
    atlas.sign("exit", depth=0.04).moved(0.0, y0, 2.95, 180.0).into(a, "Signs")


def counters(a, atlas):
    """Six seated counters, numbered, under one sign per service; officers' chairs and monitors behind,
    customers' chairs in front; a partition closes the staff side at both ends of the row."""
    (x0, y0), (x1, y1) = HALL
    for k, x in enumerate(COUNTER_XS):
        group = next(s for s in SERVICES if s[0] <= k <= s[1])
        it.service_counter(2.0, 0.8, front=group[3]).moved(x, COUNTER_Y).into(a, "Counters")
        it.office_chair("#3B4654").moved(x, COUNTER_Y + 0.85).into(a, "Counters/Chairs")
        for dx in (-0.35, 0.35):
            it.side_chair("#8A9AAE", frame="#9AA0A6").moved(x + dx, COUNTER_Y - 0.95, 0.0, 180.0).into(a, "Counters/Chairs")
        # The counter's number hangs from the ceiling on two rods.
        atlas.sign(f"counter-{k + 1}", depth=0.03).moved(x, COUNTER_Y - 0.3, 2.15).into(a, "Signs")
        a.add("Signs", it.aluminium(), concat([box((x + dx - 0.008, COUNTER_Y - 0.32, 2.7), (x + dx + 0.008, COUNTER_Y - 0.3, CEILING))
                                               for dx in (-0.3, 0.3)]))
    for first, last, key, _colour in SERVICES:
        cx = (COUNTER_XS[first] + COUNTER_XS[last]) / 2
        atlas.sign(key, depth=0.04).moved(cx, y1, 3.15).into(a, "Signs")
    span = COUNTER_XS[-1] - COUNTER_XS[0] + 2.0
    a.collider_box(0.0, (COUNTER_Y - 0.45 + y1) / 2, span + 0.2, y1 - COUNTER_Y + 0.45)
    for side in (-1, 1):
        px = side * (span / 2 + 0.05)
        a.add("Counters", it.painted(), box((px - 0.05, COUNTER_Y - 0.4, 0.0), (px + 0.05, y1, 1.1)).colored(it.srgba("#E6E4DE")))
    # Officers' back wall: a low cabinet run.
    a.add("Counters", it.wood(name="counter_top", dark="#D9D2C5", light="#EDE8DE"),
          box((COUNTER_XS[0] - 1.0, y1 - 0.5, 0.0), (COUNTER_XS[-1] + 1.0, y1, 0.9)))


def waiting_area(a, atlas):
    """Rows of linked seats facing the counters, the 'now serving' board and the ticket machine."""
    (x0, y0), (x1, y1) = HALL
    for row_y in (1.6, 0.0, -1.6):
        for cx in (-3.6, 3.6):
            it.bench_seating(6, colour="#3D8FB5").moved(cx, row_y, 0.0, 180.0).into(a, "Seating")
            a.collider_box(cx, row_y, 6 * 0.58, 0.55)
    # The board on the north wall west of the counters, where the whole waiting area sees it.
    board_x = -9.3
    a.add("Signs", it.painted(), box((board_x - 1.3, y1 - 0.1, 1.55), (board_x + 1.3, y1, 3.55)).colored(it.srgba("#22272E")))
    atlas.sign("now-serving", depth=0.11, backing="#22272E").moved(board_x, y1, 1.6).into(a, "Signs")
    # Ticket machine by the entrance, facing the doorway: a slim pillar, a sloping screen, the sign on top.
    tx, ty = 2.6, -6.6
    machine = Parts()
    machine.add(it.painted(), box((-0.25, -0.2, 0.0), (0.25, 0.2, 1.35)).colored(it.srgba("#E9ECEF")))
    machine.add(it.screen_black(), box((-0.18, -0.205, 0.95), (0.18, -0.2, 1.2), "s"))
    machine.extend(atlas.sign("take-number", depth=0.02).moved(0.0, 0.0, 1.35))
    machine.moved(tx, ty, 0.0, -90.0).into(a, "Furniture")
    a.collider_box(tx, ty, 0.4, 0.5)
    atlas.sign("kiosks", depth=0.04).moved(x0, -2.6, 2.3, 90.0).into(a, "Signs")
    for k, (px, py) in enumerate(((-11.3, -7.3), (11.3, -7.3), (-11.3, 3.6), (11.3, 3.6), (8.0, -7.3))):
        it.potted_plant(1.6, seed=10 + k).moved(px, py).into(a, "Furniture/Plants")
        a.collider_circle(px, py, 0.3)


def street_outside(a):
    """What the south windows show (illustrative): the pavement, a road with ginkgo trees and office
    blocks across it. No colliders: the hall's walls keep the visitor in."""
    (x0, y0), (x1, y1) = HALL
    a.add("Outside", mat.granite_paving(), box((-60.0, y0 - 8.0, -0.2), (60.0, y0 - 0.25, -0.02), "t"))
    a.add("Outside", mat.asphalt(), box((-60.0, y0 - 24.0, -0.3), (60.0, y0 - 8.0, -0.15), "t"))
    a.add("Outside", mat.granite_paving(), box((-60.0, y0 - 30.0, -0.2), (60.0, y0 - 24.0, -0.02), "t"))
    trunks, crowns = [], []
    for k, x in enumerate(range(-36, 37, 8)):
        trunk, crown = cp.ginkgo_tree(float(x), y0 - 6.5, 8.0 + (k % 3), seed=300 + k)
        trunks.append(trunk)
        crowns.append(crown)
    a.add("Outside", mat.bark(), concat(trunks))
    a.add("Outside", mat.foliage(), concat(crowns))
    for bx0, bx1, height in ((-60.0, -22.0, 38.0), (-18.0, 14.0, 55.0), (18.0, 60.0, 30.0)):
        a.add("Outside", mat.office_facade(), box((bx0, y0 - 50.0, -0.2), (bx1, y0 - 30.0, height), "nsew"))


def build(out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    a = Assembly("120 civil service center")
    atlas = it.SignAtlas("civil_center_signs", SIGNS, width_px=1024, px_per_m=160)
    shell(a, atlas)
    counters(a, atlas)
    waiting_area(a, atlas)
    street_outside(a)
    return a.write(out_dir / f"{MODEL_NAME}.glb", out_dir / f"{MODEL_NAME}.colliders.json",
                   extras={"title": "120 Dasan civil service hall, conjectural interior",
                           "frame": "Y up, metres; origin = middle of the hall floor",
                           "provenance": f"{MODEL_NAME}.json"})


def main(argv=None):
    return builder_main(MODEL_NAME, build, argv)


if __name__ == "__main__":
    sys.exit(main())
