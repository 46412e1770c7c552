"""Build assets/models/mayors_office.glb (+ .colliders.json): the Mayor's office in Seoul City Hall.

    python -m tools.build_mayors_office [OUT_DIR]

World frame: x east, y north, z up, metres; origin = the middle of the office floor. The office is on
the 6th floor of the 2012 City Hall [Newsis 2021]; its south windows look over the 1926 City Hall
(now Seoul Metropolitan Library) onto Seoul Plaza, which is drawn outside the glass by
tools.build_plaza's own builders, moved to where the plaza lies from this floor. No floor plan of the
office is published: the room, its furniture and their places are conjecture, furnished from press
descriptions (a round meeting table, a small standing table, the 2017 'Digital Mayor's Office'
screen) and the usual Korean government office (desk before the national and city flags, bookcases).
assets/models/mayors_office.json lists which is which.
"""

import math
import sys
from pathlib import Path

from . import build_plaza
from . import interior as it
from .assembly import Assembly, builder_main
from .interior import Line, Opening, SignFace
from .meshkit import box, concat, rotate_x

MODEL_NAME = "mayors_office"

ROOM = ((-7.0, -5.0), (7.0, 5.0))        # inside faces of the walls (est.: about 140 m2)
CEILING = 3.5                             # est.; also keeps the app's portal label under the ceiling
WINDOW = {"start": -6.6, "end": 6.6, "sill": 0.45, "head": 3.2}
DOOR = {"side": "e", "start": 2.2, "end": 3.8, "height": 2.4}
# Where this room lies in Seoul Plaza's frame (centre of the plaza ellipse = origin): in the west part
# of the new City Hall, so the windows look past the old City Hall's west wing onto the lawn; the
# 6th-floor slab about 22 m up (new City Hall: 52 m over 13 floors). Est.
PLAZA_OFFSET = (48.0, -105.0, -22.0)      # the plaza's origin seen from this room's origin

SPAWN = {"position": [4.6, 0.6, 0.0], "heading": 110.0}
PORTAL = {"to": "seoul-plaza", "position": [5.9, 3.0, 0.0], "heading": -90.0, "radius": 1.0}
KIOSK = {"id": "mayors-office-suggestion", "kind": "suggestion", "position": [6.3, -2.2, 0.0], "heading": 90.0}

SIGNS = {
    "screen": SignFace((Line("서울 디지털 시장실", 0.22), Line("Digital Mayor's Office", 0.14, "#9FC7E8"),
                        Line("교통 · 안전 · 환경 · 민원", 0.16, "#FFFFFF"),
                        Line("Traffic · Safety · Environment · Civil complaints", 0.11, "#9FC7E8"),
                        Line("▶ 120 다산콜 오늘 상담 10,000건", 0.16, "#F6C85F")),
                       size=(3.63, 1.67), ground="#0E2238", ink="#FFFFFF", border="#1F3B5C"),
    "nameplate": SignFace((Line("서울특별시장", 0.55), Line("Mayor of Seoul", 0.35)), size=(0.42, 0.1),
                          ground="#2B2620", ink="#E8D8A8"),
    "door": SignFace((Line("시장실", 0.55), Line("Mayor's Office", 0.35)), size=(0.6, 0.2), ground="#F4F1EA",
                     ink="#2A2A2A"),
}


def shell(a):
    """Walls, floor, ceiling and lights; the south wall is glazed from end to end."""
    openings = [Opening("s", WINDOW["start"], WINDOW["end"], WINDOW["sill"], WINDOW["head"]),
                Opening(DOOR["side"], DOOR["start"], DOOR["end"], 0.0, DOOR["height"])]
    it.room_shell(a, "Office", ROOM, CEILING, it.carpet("office_carpet", "#9A958C", "#BDB7AC"), it.wall_paint(),
                  it.ceiling_tiles(), openings)
    (x0, y0), (x1, y1) = ROOM
    width = WINDOW["end"] - WINDOW["start"]
    it.window_glazing(width, WINDOW["head"] - WINDOW["sill"], mullion=1.65) \
        .moved((WINDOW["start"] + WINDOW["end"]) / 2, y0 - 0.12, WINDOW["sill"]).into(a, "Office/Windows")
    a.add("Office/Windows", it.wood(), box((WINDOW["start"], y0 - 0.02, WINDOW["sill"] - 0.03),
                                           (WINDOW["end"], y0 + 0.18, WINDOW["sill"])))   # the sill board
    # The wall behind the desk is panelled in wood; a skirting runs round the rest.
    a.add("Office/Walls", it.wood("walnut_panel", "#7A5638", "#946B48"), box((x0, -4.2, 0.0), (x0 + 0.04, 4.2, CEILING)))
    skirting = [box((x0, y1 - 0.015, 0.0), (x1, y1, 0.09)), box((x1 - 0.015, y0, 0.0), (x1, y1, 0.09))]
    a.add("Office/Walls", it.wood("walnut_panel", "#7A5638", "#946B48"), concat(skirting))
    # The door: two leaves, closed, so its wall still blocks; the portal in front of it leads back to the plaza.
    leaves = box((x1 - 0.06, DOOR["start"], 0.0), (x1 - 0.02, DOOR["end"], DOOR["height"]))
    a.add("Office/Door", it.wood("walnut_panel", "#7A5638", "#946B48"), leaves)
    a.add("Office/Door", it.brass(), box((x1 - 0.1, 2.9, 1.0), (x1 - 0.06, 2.95, 1.25)))
    a.add("Office/Door", it.brass(), box((x1 - 0.1, 3.05, 1.0), (x1 - 0.06, 3.1, 1.25)))
    it.ceiling_lights(((x0 + 0.6, y0 + 0.6), (x1 - 0.6, y1 - 0.6)), CEILING, spacing=(2.6, 2.6)).into(a, "Office/Lights")


def desk_corner(a, atlas):
    """The mayor's desk facing east into the room, the chair behind it, two visitors' chairs, and the
    national flag and the Seoul flag behind (the national flag on the left as seen from the front)."""
    walnut = it.wood("walnut", "#6E4A2E", "#8B6240")
    desk_x, desk_y = -4.3, 0.5
    it.desk(2.0, 0.95, top=walnut, colour="#5A3C26").moved(desk_x, desk_y, 0.0, 90.0).into(a, "Furniture/Desk")
    nameplate = atlas.sign("nameplate", depth=0.03, backing="#2B2620").transformed(rotate_x(-12))  # leaning back
    nameplate.moved(desk_x + 0.4, desk_y, 0.75, 90.0).into(a, "Furniture/Desk")
    it.office_chair("#2F3640", high_back=True).moved(desk_x - 0.85, desk_y, 0.0, 90.0).into(a, "Furniture/Chairs")
    for dy in (-0.45, 0.45):
        it.side_chair("#7B6A58").moved(desk_x + 1.2, desk_y + dy, 0.0, -90.0).into(a, "Furniture/Chairs")
    a.collider_box(desk_x, desk_y, 0.95, 2.0)
    a.collider_box(desk_x + 1.2, desk_y, 0.55, 1.5)
    # A low cabinet against the panelled wall, between the flags.
    it.rect_table(1.6, 0.45, 0.7, top=walnut, legs="#5A3C26").moved(-6.7, desk_y, 0.0, 90.0).into(a, "Furniture/Desk")
    a.collider_box(-6.7, desk_y, 0.5, 1.6)
    for pole_y, surface in ((desk_y - 2.0, it.taegukgi()), (desk_y + 0.8, it.seoul_flag())):
        # Heading 90: the flag faces east; from the front its hoist is on the left (south).
        it.flag_on_pole(surface, pole_height=2.5, flag_width=1.2, flag_height=0.8).moved(-6.35, pole_y, 0.0, 90.0) \
            .into(a, "Furniture/Flags")
        a.collider_circle(-6.35, pole_y, 0.3)


def bookcases(a):
    """Five bookcases along the north wall, west of the wall screen."""
    for k in range(5):
        x = -6.3 + 1.2 * k
        it.bookshelf(1.2, 2.2, 0.38, seed=k, carcass=it.wood(), fill=0.55 + 0.08 * (k % 3)) \
            .moved(x, ROOM[1][1] - 0.19).into(a, "Furniture/Bookcases")
    a.collider_box(-3.9, ROOM[1][1] - 0.19, 6.0, 0.38)


def meeting_area(a, atlas):
    """The round meeting table with six chairs, the small standing table by the window, and the
    'Digital Mayor's Office' wall screen (3.63 x 1.67 m, 2017) with a low cabinet under it."""
    tx, ty = 2.6, -1.6
    it.round_table(0.8).moved(tx, ty).into(a, "Furniture/MeetingTable")
    for k in range(6):
        heading = 30.0 + 60.0 * k
        cx = tx - 1.05 * math.sin(math.radians(heading))
        cy = ty + 1.05 * math.cos(math.radians(heading))
        # A chair at this heading from the table faces back towards it.
        it.side_chair("#5B6B7F").moved(cx, cy, 0.0, heading).into(a, "Furniture/Chairs")
    a.collider_circle(tx, ty, 1.35)
    it.round_table(0.32, height=1.05).moved(5.4, -3.9).into(a, "Furniture/MeetingTable")
    a.collider_circle(5.4, -3.9, 0.35)
    screen_x = 2.6
    y1 = ROOM[1][1]
    a.add("Furniture/Screen", it.painted(), box((screen_x - 1.9, y1 - 0.08, 0.95), (screen_x + 1.9, y1, 2.75))
          .colored(it.srgba("#1B1D21")))
    atlas.sign("screen", depth=0.085, backing="#1B1D21").moved(screen_x, y1, 1.015).into(a, "Furniture/Screen")
    it.rect_table(2.8, 0.45, 0.6, legs="#D8D4CC").moved(screen_x, y1 - 0.25).into(a, "Furniture/Screen")
    a.collider_box(screen_x, y1 - 0.25, 2.8, 0.5)
    atlas.sign("door", depth=0.02).moved(ROOM[1][0], 3.0, 2.55, -90.0).into(a, "Office/Door")
    for k, (px, py) in enumerate(((-6.5, -4.5), (6.5, 4.5), (-0.2, 4.5))):
        it.potted_plant(1.5, seed=k).moved(px, py).into(a, "Furniture/Plants")
        a.collider_circle(px, py, 0.3)


def plaza_view(a):
    """Seoul Plaza and the 1926 City Hall below the windows, from tools.build_plaza itself."""
    view = it.Scenery(a, "View", PLAZA_OFFSET)
    for part in (build_plaza.ground, build_plaza.old_city_hall, build_plaza.context_buildings,
                 build_plaza.deoksugung_edge, build_plaza.trees, build_plaza.furniture):
        part(view)


def build(out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    a = Assembly("Mayor's office")
    atlas = it.SignAtlas("mayors_office_signs", SIGNS, width_px=1024, px_per_m=260)
    shell(a)
    desk_corner(a, atlas)
    bookcases(a)
    meeting_area(a, atlas)
    plaza_view(a)
    return a.write(out_dir / f"{MODEL_NAME}.glb", out_dir / f"{MODEL_NAME}.colliders.json",
                   extras={"title": "Mayor's office, Seoul City Hall (6th floor), conjectural interior",
                           "frame": "Y up, metres; origin = middle of the office floor",
                           "provenance": f"{MODEL_NAME}.json"})


def main(argv=None):
    return builder_main(MODEL_NAME, build, argv)


if __name__ == "__main__":
    sys.exit(main())
