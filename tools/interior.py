"""Interior parts for the indoor scenes (the Mayor's office, the 120 service hall): room shells with
window and door openings, furniture, flags on poles, ceiling light panels and text signage.

Conventions (as in tools.hanok): world frame x east, y north, z up, metres. A piece of furniture is
built about its own pivot on the floor with its front facing -y (a desk's visitor side, the way a
seated person looks, the face of a shelf or a sign) and returns hanok Parts, placed with
Parts.moved(x, y, z, heading) and poured into an Assembly group with Parts.into(a, "Group").

Surfaces are light on purpose: indoors the scene's sun reaches little, so pale walls, ceilings and
floors plus emissive ceiling panels keep rooms bright. Furniture in several colours shares one white
material and carries vertex colours, so a whole room of chairs and books is a single draw call.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from fontTools.ttLib import TTFont

from . import glyphs
from . import texgen as tg
from .assembly import Surface
from .gltf_writer import Material, Texture
from .hanok.parts import Parts
from .materials import hex_rgb, plain, srgb_to_linear, textured
from .meshkit import Mesh, box, concat, cylinder, disk, faceted, grid_surface, icosphere, lathe, quad, \
    rotate_x, rotate_z, scale, translate
from .png import encode_png

BOUNCE = (0.14, 0.14, 0.13)   # emissive lift of walls and ceilings (linear), see wall_paint


def srgba(hex_text, alpha=1.0):
    """Vertex colour (linear RGBA) from an sRGB hex string: vertex colours multiply a white material."""
    return srgb_to_linear(hex_rgb(hex_text)) + (alpha,)


# --- surfaces ----------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def wall_paint():
    """Warm white emulsion with a faint roller texture."""
    size = 128
    value = 0.6 * tg.fbm(size, 8, 3, 301) + 0.4 * tg.speckle(size, 302, 0.5)
    albedo = tg.colorize(value, (0.86, 0.85, 0.82), (0.94, 0.93, 0.90))
    # A little emission stands in for light bounced off the other walls: walls turned away from the
    # sun would otherwise get only the ambient light and read as grey.
    return textured("wall_paint", albedo, value * 0.2, size=(2.0, 2.0), roughness=0.9, normal_strength=1.0,
                    emissive=BOUNCE)


@lru_cache(maxsize=None)
def ceiling_tiles():
    """White acoustic ceiling in 0.6 m tiles with shallow grooves (two tiles per repeat)."""
    size = 128
    ys, xs = np.mgrid[0:size, 0:size]
    groove = ((xs % 64) < 2) | ((ys % 64) < 2)
    pores = tg.speckle(size, 311, 0.3)
    albedo = tg.colorize(0.7 + 0.3 * pores, (0.88, 0.88, 0.86), (0.97, 0.97, 0.95))
    albedo[groove] *= 0.8
    return textured("ceiling_tiles", albedo, np.where(groove, 0.0, 1.0), size=(1.2, 1.2), roughness=0.95,
                    emissive=BOUNCE)


@lru_cache(maxsize=None)
def carpet(name="carpet", dark="#8C8A84", light="#B3AFA6"):
    """Cut-pile office carpet: fine grain with a soft cloud."""
    size = 128
    value = 0.5 * tg.speckle(size, 321, 0.7) + 0.5 * tg.fbm(size, 4, 3, 322)
    albedo = tg.colorize(value, hex_rgb(dark), hex_rgb(light))
    return textured(name, albedo, value * 0.5, size=(1.0, 1.0), roughness=1.0, normal_strength=1.0)


@lru_cache(maxsize=None)
def floor_tiles():
    """Pale porcelain floor tiles, 0.6 m, with grey joints (public halls)."""
    size = 256
    row, col, dist = tg.blocks(size, rows=4, cols_per_row=4, stagger=0.0)
    tone = tg.cell_random(col, row, 331)
    cloud = tg.fbm(size, 8, 3, 332)
    albedo = tg.colorize(0.45 + 0.25 * tone + 0.3 * cloud, (0.74, 0.73, 0.70), (0.88, 0.87, 0.84))
    joint = tg.joint_profile(dist, 2.0, 1.0)
    albedo *= (0.7 + 0.3 * joint)[..., None]
    return textured("floor_tiles", albedo, joint, size=(2.4, 2.4), roughness=0.35)


@lru_cache(maxsize=None)
def wood(name="oak_veneer", dark="#A77B52", light="#C99F74"):
    """Wood veneer, grain running along u (lay boards and tops lengthwise along x)."""
    size = 128
    ys, xs = np.mgrid[0:size, 0:size]
    grain = tg.fbm(size, 4, 4, 341)
    fibre = tg.fbm(size, 32, 2, 342)
    streak = 0.5 + 0.5 * np.sin(ys / size * 2 * np.pi * 16 + grain * 2.5)
    value = 0.4 * streak + 0.35 * grain + 0.25 * fibre
    return textured(name, tg.colorize(value, hex_rgb(dark), hex_rgb(light)), streak * 0.15,
                    size=(1.2, 1.2), roughness=0.55, normal_strength=1.0)


@lru_cache(maxsize=None)
def painted():
    """White, satin: upholstery, books, plastics and painted metal take their colour from vertex colours."""
    return plain("painted", (1.0, 1.0, 1.0), roughness=0.7)


@lru_cache(maxsize=None)
def aluminium():
    """Window frames, table legs, poles: light anodised aluminium (not fully metallic, so it still reads
    without an environment map)."""
    return plain("aluminium", (0.78, 0.79, 0.80), roughness=0.4, metallic=0.3)


@lru_cache(maxsize=None)
def brass():
    """Flagpole finials and stands."""
    return plain("brass", (0.86, 0.70, 0.36), roughness=0.35, metallic=0.6)


@lru_cache(maxsize=None)
def glass():
    """Clear, faintly blue window glass (blended, both sides visible)."""
    return plain("window_glass_clear", (0.82, 0.90, 0.95, 0.16), roughness=0.05, alpha_mode="BLEND",
                 double_sided=True)


@lru_cache(maxsize=None)
def screen_black():
    """Switched-off monitor glass."""
    return plain("screen_black", (0.05, 0.06, 0.07), roughness=0.15)


@lru_cache(maxsize=None)
def light_panel():
    """Ceiling light panels: emissive so they read as lit whatever the scene's sun does."""
    return plain("light_panel", (1.0, 1.0, 0.98), roughness=0.5, emissive=(1.0, 0.98, 0.92))


@lru_cache(maxsize=None)
def foliage():
    """Indoor plants: white material, green vertex colours."""
    return plain("plant_leaves", (1.0, 1.0, 1.0), roughness=0.85)


def image_surface(name, image, roughness=0.6, **material_args):
    """A Surface from an sRGB (H, W, 3) image in 0..1, mapped once over a quad with UVs 0..1."""
    texture = Texture(f"{name}_basecolor", encode_png(tg.to_rgb8(image)))
    return Surface(Material(name, base_color_texture=texture, roughness=roughness, **material_args), (1.0, 1.0))


# --- room shell --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Opening:
    """A hole in one wall of a room: side 'n', 's', 'e' or 'w'; `start`, `end` along the wall (x on the
    north and south walls, y on the east and west walls); from z0 to z1 above the floor. Only a door
    lets the visitor through; a window, even one down to the floor, still blocks."""
    side: str
    start: float
    end: float
    z0: float
    z1: float
    door: bool = False


def room_shell(a, group, rect, height, floor, wall, ceiling, openings=(), thickness=0.25):
    """Floor, four walls with their openings, and ceiling of a box room; rect = ((x0, y0), (x1, y1)) is
    the inside. Each wall also becomes colliders, open only at doors."""
    (x0, y0), (x1, y1) = rect
    t = thickness
    a.add(f"{group}/Floor", floor, box((x0 - t, y0 - t, -0.2), (x1 + t, y1 + t, 0.0), "t"))
    a.add(f"{group}/Ceiling", ceiling, box((x0, y0, height), (x1, y1, height + 0.2), "b"))
    walls = {  # side: (inner face, span along the wall, outward sign)
        "s": (y0, (x0 - t, x1 + t), -1), "n": (y1, (x0 - t, x1 + t), 1),
        "w": (x0, (y0, y1), -1), "e": (x1, (y0, y1), 1),
    }
    for side, (plane, (lo, hi), out) in walls.items():
        holes = sorted((o for o in openings if o.side == side), key=lambda o: o.start)
        near, far = sorted((plane, plane + out * t))

        def along_wall(s0, s1, z0, z1):
            """A box from s0 to s1 along this wall, z0 to z1 high (None where that is empty)."""
            if s1 - s0 < 1e-6:
                return None
            if side in "sn":
                return box((s0, near, z0), (s1, far, z1))
            return box((near, s0, z0), (far, s1, z1))

        def blocks(s0, s1):
            if side in "sn":
                a.collider_box((s0 + s1) / 2, (near + far) / 2, s1 - s0, far - near)
            else:
                a.collider_box((near + far) / 2, (s0 + s1) / 2, far - near, s1 - s0)

        cursor, solid_from = lo, lo
        for hole in holes:
            a.add(f"{group}/Walls", wall, along_wall(cursor, hole.start, 0.0, height))
            if hole.z0 > 1e-6:
                a.add(f"{group}/Walls", wall, along_wall(hole.start, hole.end, 0.0, hole.z0))
            if hole.z1 < height - 1e-6:
                a.add(f"{group}/Walls", wall, along_wall(hole.start, hole.end, hole.z1, height))
            if hole.door:
                blocks(solid_from, hole.start)
                solid_from = hole.end
            cursor = hole.end
        a.add(f"{group}/Walls", wall, along_wall(cursor, hi, 0.0, height))
        blocks(solid_from, hi)


def window_glazing(width, height, mullion=1.5, transom=None, frame=0.06):
    """Glazing for an opening width x height on the plane y = 0 (the glass faces -y into the room from
    behind): aluminium frame, mullions about every `mullion` metres, an optional transom at that height."""
    parts = Parts()
    parts.add(glass(), quad((-width / 2, 0.0, 0.0), (width / 2, 0.0, 0.0), (width / 2, 0.0, height), (-width / 2, 0.0, height)))
    count = max(1, round(width / mullion))
    bars = [box((-width / 2, -frame, 0.0), (width / 2, frame, frame)),
            box((-width / 2, -frame, height - frame), (width / 2, frame, height))]
    for k in range(count + 1):
        x = -width / 2 + width * k / count
        bars.append(box((x - frame / 2 - (frame / 2 if k == 0 else 0), -frame, 0.0),
                        (x + frame / 2 + (frame / 2 if k == count else 0), frame, height)))
    if transom is not None:
        bars.append(box((-width / 2, -frame, transom - frame / 2), (width / 2, frame, transom + frame / 2)))
    parts.add(aluminium(), concat(bars))
    return parts


def ceiling_lights(rect, z, panel=(1.2, 0.6), spacing=(2.4, 2.4)):
    """Emissive panels facing down just under a ceiling at height z, on a grid inset in rect."""
    (x0, y0), (x1, y1) = rect
    nx = max(1, int((x1 - x0) // spacing[0]))
    ny = max(1, int((y1 - y0) // spacing[1]))
    panels = []
    for i in range(nx):
        for j in range(ny):
            cx = x0 + (x1 - x0) * (i + 0.5) / nx
            cy = y0 + (y1 - y0) * (j + 0.5) / ny
            hx, hy = panel[0] / 2, panel[1] / 2
            panels.append(quad((cx - hx, cy + hy, z - 0.01), (cx + hx, cy + hy, z - 0.01),
                               (cx + hx, cy - hy, z - 0.01), (cx - hx, cy - hy, z - 0.01)))
            panels.append(box((cx - hx - 0.03, cy - hy - 0.03, z - 0.008), (cx + hx + 0.03, cy + hy + 0.03, z), "nsew")
                          .colored(srgba("#D8D8D4")))
    parts = Parts()
    parts.add(light_panel(), concat(panels[0::2]))
    parts.add(painted(), concat(panels[1::2]))
    return parts


# --- furniture ---------------------------------------------------------------------------------------

def desk(width=1.8, depth=0.85, height=0.75, top=None, colour="#F2F0EA"):
    """An office desk: the sitter is on the +y side facing -y; a modesty panel closes the front (-y) and
    a drawer pedestal stands under the sitter's right hand."""
    top = top or wood()
    parts = Parts()
    parts.add(top, box((-width / 2, -depth / 2, height - 0.04), (width / 2, depth / 2, height)))
    body = [box((-width / 2, -depth / 2, 0.0), (-width / 2 + 0.04, depth / 2, height - 0.04)),
            box((width / 2 - 0.04, -depth / 2, 0.0), (width / 2, depth / 2, height - 0.04)),
            box((-width / 2 + 0.04, -depth / 2, 0.12), (width / 2 - 0.04, -depth / 2 + 0.03, height - 0.04))]
    pedestal_x = -width / 2 + 0.04
    body.append(box((pedestal_x, -depth / 2 + 0.1, 0.0), (pedestal_x + 0.45, depth / 2, height - 0.04)))
    parts.add(top, concat(body))
    drawers = [box((pedestal_x + 0.03, depth / 2 - 0.01, z), (pedestal_x + 0.42, depth / 2, z + 0.2))
               for z in (0.05, 0.28, 0.51)]
    parts.add(painted(), concat(drawers).colored(srgba(colour)))
    return parts


def office_chair(colour="#3E4A5C", high_back=False):
    """A swivel chair on a five-star base; the sitter faces -y."""
    parts = Parts()
    star = [box((0.0, -0.03, 0.04), (0.33, 0.03, 0.08)).transformed(rotate_z(90 + k * 72)) for k in range(5)]
    star += [box((0.28, -0.025, 0.0), (0.33, 0.025, 0.04)).transformed(rotate_z(90 + k * 72)) for k in range(5)]  # castors
    column = cylinder(0.03, 0.08, 0.42, segments=8)
    parts.add(aluminium(), concat(star + [column]))
    back_top = 1.25 if high_back else 0.95
    upholstery = [box((-0.25, -0.25, 0.42), (0.25, 0.23, 0.5)),                       # seat
                  box((-0.23, 0.2, 0.55), (0.23, 0.28, back_top)).transformed(       # back, leaning 8 degrees
                      translate(0, 0.24, 0.55) @ rotate_x(-8) @ translate(0, -0.24, -0.55))]
    arms = [box((sx - 0.03, -0.18, 0.62), (sx + 0.03, 0.15, 0.66)) for sx in (-0.28, 0.28)]
    arm_posts = [box((sx - 0.02, -0.02, 0.5), (sx + 0.02, 0.02, 0.62)) for sx in (-0.28, 0.28)]
    parts.add(painted(), concat(upholstery + arms).colored(srgba(colour)))
    parts.add(painted(), concat(arm_posts).colored(srgba("#2B2B2B")))
    return parts


def side_chair(colour="#5B6B7F", frame="#3A3A3A"):
    """A four-legged meeting chair with an upholstered seat and back; the sitter faces -y."""
    parts = Parts()
    legs = [box((sx - 0.015, sy - 0.015, 0.0), (sx + 0.015, sy + 0.015, 0.45)) for sx in (-0.2, 0.2) for sy in (-0.2, 0.2)]
    posts = [box((sx - 0.015, 0.185, 0.45), (sx + 0.015, 0.215, 0.85)) for sx in (-0.2, 0.2)]
    parts.add(painted(), concat(legs + posts).colored(srgba(frame)))
    cushion = [box((-0.23, -0.23, 0.45), (0.23, 0.22, 0.51)), box((-0.22, 0.2, 0.6), (0.22, 0.25, 0.86))]
    parts.add(painted(), concat(cushion).colored(srgba(colour)))
    return parts


def round_table(radius=0.6, height=0.74, top=None):
    """A round table on a single column and a disc foot."""
    top = top or wood()
    parts = Parts()
    parts.add(top, lathe([(radius, height - 0.035), (radius, height), (0.0, height)], 32))
    parts.add(top, disk(radius, height - 0.035, 32).flipped())
    parts.add(aluminium(), concat([cylinder(0.05, 0.03, height - 0.035, 10, cap_top=False),
                                   lathe([(0.3, 0.0), (0.3, 0.02), (0.22, 0.03), (0.0, 0.03)], 20)]))
    return parts


def rect_table(width, depth, height=0.74, top=None, legs="#5A5A5A"):
    """A rectangular table on four square legs."""
    top = top or wood()
    parts = Parts()
    parts.add(top, box((-width / 2, -depth / 2, height - 0.035), (width / 2, depth / 2, height)))
    inset = 0.06
    posts = [box((sx - 0.025, sy - 0.025, 0.0), (sx + 0.025, sy + 0.025, height - 0.035))
             for sx in (-width / 2 + inset, width / 2 - inset) for sy in (-depth / 2 + inset, depth / 2 - inset)]
    parts.add(painted(), concat(posts).colored(srgba(legs)))
    return parts


BOOK_COLOURS = ("#7A2E2E", "#2E4A7A", "#2F5E3F", "#C9B98F", "#5A3B2A", "#E0DCCF", "#8A6E2F", "#3C3C44", "#9A4B2F")


def bookshelf(width=1.2, height=2.1, depth=0.38, shelves=5, seed=0, carcass=None, fill=0.8):
    """An open bookcase, face -y, with rows of books (vertex-coloured boxes, deterministic by seed) on
    about `fill` of each shelf."""
    carcass = carcass or wood()
    parts = Parts()
    t = 0.025
    frame = [box((-width / 2, -depth / 2, 0.0), (-width / 2 + t, depth / 2, height)),
             box((width / 2 - t, -depth / 2, 0.0), (width / 2, depth / 2, height)),
             box((-width / 2, depth / 2 - 0.01, 0.0), (width / 2, depth / 2, height))]
    pitch = (height - 0.1) / shelves
    levels = [0.08 + pitch * k for k in range(shelves)] + [height - t]
    frame += [box((-width / 2 + t, -depth / 2, z - t), (width / 2 - t, depth / 2 - 0.01, z)) for z in levels]
    frame.append(box((-width / 2 + t, -depth / 2, 0.0), (width / 2 - t, -depth / 2 + 0.02, 0.08 - t)))
    parts.add(carcass, concat(frame))
    books = []
    for row, z in enumerate(levels[:-1]):
        x = -width / 2 + t + 0.02
        end = -width / 2 + t + (width - 2 * t) * fill
        k = 0
        while x < end:
            r = [float(tg.cell_random(seed * 97 + row, k, j)) for j in range(4)]
            thick = 0.02 + 0.035 * r[0]
            tall = min(pitch - t - 0.03, 0.2 + 0.12 * r[1])
            deep = depth * (0.62 + 0.2 * r[2])
            colour = BOOK_COLOURS[int(r[3] * len(BOOK_COLOURS)) % len(BOOK_COLOURS)]
            books.append(box((x, depth / 2 - 0.01 - deep, z), (x + thick, depth / 2 - 0.01, z + tall), "swt").colored(srgba(colour)))
            x += thick + 0.002
            k += 1
    parts.add(painted(), concat(books))
    return parts


def service_counter(width=1.6, depth=0.75, height=0.78, front="#2F7FA8", top=None, partitions=True):
    """One position of a seated service counter: the customer is on the -y side, the officer on +y.
    A coloured front panel, a worktop, a monitor facing the officer and clear side partitions."""
    top = top or wood(name="counter_top", dark="#D9D2C5", light="#EDE8DE")
    parts = Parts()
    parts.add(top, box((-width / 2, -depth / 2 - 0.05, height - 0.04), (width / 2, depth / 2, height)))
    parts.add(painted(), box((-width / 2, -depth / 2, 0.0), (width / 2, -depth / 2 + 0.03, height - 0.04)).colored(srgba(front)))
    parts.add(painted(), concat([box((sx - 0.015, -depth / 2 + 0.03, 0.0), (sx + 0.015, depth / 2, height - 0.04))
                                 for sx in (-width / 2 + 0.015, width / 2 - 0.015)]).colored(srgba("#E6E4DE")))
    # The monitor on a foot, its screen turned towards the officer (+y).
    parts.add(painted(), concat([box((-0.09, 0.02, height), (0.09, 0.16, height + 0.01)),
                                 box((-0.02, 0.1, height), (0.02, 0.13, height + 0.2)),
                                 box((-0.28, 0.06, height + 0.12), (0.28, 0.1, height + 0.46))]).colored(srgba("#2A2C30")))
    parts.add(screen_black(), quad((0.26, 0.101, height + 0.14), (-0.26, 0.101, height + 0.14),
                                   (-0.26, 0.101, height + 0.44), (0.26, 0.101, height + 0.44)))
    if partitions:
        for sx in (-width / 2, width / 2):
            parts.add(glass(), quad((sx, -depth / 2 - 0.05, height), (sx, depth / 2 - 0.2, height),
                                    (sx, depth / 2 - 0.2, height + 0.6), (sx, -depth / 2 - 0.05, height + 0.6)))
            parts.add(aluminium(), box((sx - 0.012, -depth / 2 - 0.05, height + 0.58), (sx + 0.012, depth / 2 - 0.2, height + 0.62)))
    return parts


def bench_seating(seats=4, colour="#3D8FB5", pitch=0.58, beam="#6E7378"):
    """A row of linked public seats on a beam with legs at the ends; sitters face -y. The row is
    centred on the pivot, along x."""
    parts = Parts()
    length = seats * pitch
    frame = [box((-length / 2, -0.05, 0.3), (length / 2, 0.05, 0.36))]
    for sx in (-length / 2 + 0.15, length / 2 - 0.15):
        frame += [box((sx - 0.03, -0.25, 0.0), (sx + 0.03, 0.25, 0.03)), box((sx - 0.03, -0.03, 0.03), (sx + 0.03, 0.03, 0.3))]
    parts.add(painted(), concat(frame).colored(srgba(beam)))
    shells = []
    for k in range(seats):
        x = -length / 2 + pitch * (k + 0.5)
        shells.append(box((x - 0.24, -0.24, 0.42), (x + 0.24, 0.2, 0.46)))
        shells.append(box((x - 0.24, 0.19, 0.46), (x + 0.24, 0.24, 0.85)).transformed(
            translate(0, 0.22, 0.46) @ rotate_x(-10) @ translate(0, -0.22, -0.46)))
        shells.append(box((x - 0.04, -0.05, 0.36), (x + 0.04, 0.05, 0.42)))
    parts.add(painted(), concat(shells).colored(srgba(colour)))
    return parts


def potted_plant(height=1.4, seed=0):
    """A floor plant in a white pot: a lumpy faceted crown, vertex coloured."""
    parts = Parts()
    parts.add(painted(), lathe([(0.0, 0.0), (0.2, 0.0), (0.24, 0.42), (0.26, 0.45), (0.0, 0.45)], 12).colored(srgba("#EEEDE8")))
    crown = icosphere(1.0, 1)
    k = np.arange(len(crown.positions))
    crown.positions *= (0.8 + 0.35 * tg.cell_random(k, seed, 29))[:, None]
    radius = (height - 0.45) * 0.42
    crown = faceted(crown.transformed(translate(0, 0, height - radius) @ scale(radius * 0.9, radius * 0.9, radius)))
    parts.add(foliage(), crown.colored(srgba("#4F7A3A")))
    return parts


# --- flags ---------------------------------------------------------------------------------------------

def flag_on_pole(flag_surface, pole_height=2.4, flag_width=1.2, flag_height=0.8, finial="bud"):
    """An indoor flag on a pole with a weighted foot. The flag hangs from the pole's top along its hoist
    and falls in soft vertical folds towards the fly (+x); its face (image the right way round) is -y.
    finial: 'bud' (the mugunghwa bud on a Taegukgi pole) or 'ball'."""
    parts = Parts()
    parts.add(brass(), lathe([(0.0, 0.0), (0.22, 0.0), (0.22, 0.03), (0.12, 0.06), (0.03, 0.09), (0.0, 0.09)], 20))
    parts.add(aluminium(), cylinder(0.016, 0.09, pole_height, segments=10))
    if finial == "bud":
        bud = [(0.0, pole_height), (0.03, pole_height + 0.02), (0.045, pole_height + 0.07), (0.03, pole_height + 0.12),
               (0.0, pole_height + 0.16)]
    else:
        bud = [(0.0, pole_height), (0.035, pole_height + 0.02), (0.045, pole_height + 0.05), (0.035, pole_height + 0.08),
               (0.0, pole_height + 0.1)]
    parts.add(brass(), lathe(bud, 12))
    # The cloth: a grid, hoist at x = 0.02, top 8 cm under the finial; folds grow towards the fly.
    cols, rows = 17, 5
    u = np.linspace(0.0, 1.0, cols)
    v = np.linspace(0.0, 1.0, rows)
    top_z = pole_height - 0.08
    pts = np.empty((rows, cols, 3))
    for j, vv in enumerate(v):
        for i, uu in enumerate(u):
            fold = 0.05 * math.sin(uu * math.pi * 3.0) * uu
            droop = 0.06 * uu * uu * (1.0 - vv)   # the fly sags a little
            pts[j, i] = (0.02 + uu * flag_width * 0.97, fold, top_z - flag_height + vv * flag_height - droop)
    uvs = np.stack(np.meshgrid(u, v), axis=-1)
    cloth = grid_surface(pts, uvs=uvs)
    parts.add(flag_surface, cloth.flipped() if _faces_plus_y(cloth) else cloth)
    back = cloth if _faces_plus_y(cloth) else cloth.flipped()
    back = Mesh(back.positions, back.normals, np.column_stack([1.0 - back.uvs[:, 0], back.uvs[:, 1]]), back.triangles)
    parts.add(flag_surface, back)   # seen from behind: the mirror image, as a real flag shows
    return parts


def _faces_plus_y(mesh):
    return float(np.mean(mesh.normals[:, 1])) > 0


def taegukgi_image(height=256, supersample=2):
    """The national flag of the Republic of Korea (sRGB, (H, 1.5 H, 3)), drawn from its construction:
    the taeguk's diameter is half the flag's height, its S-curve lies on the diagonal from the top hoist
    corner, red above and blue below; the trigrams geon (top hoist), gam (top fly), gon (bottom fly) and
    ri (bottom hoist) stand a quarter diameter from the circle, half a diameter long and a third wide,
    bars 1/12 and gaps 1/24 of the diameter. Colours: red #CD2E3A, blue #0047A0."""
    h, w = height * supersample, height * 3 // 2 * supersample
    # Flag coordinates: centre at 0, y up, the flag 3 units wide and 2 high.
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float64)
    x = (xs + 0.5) / w * 3.0 - 1.5
    y = 1.0 - (ys + 0.5) / h * 2.0
    diameter = 1.0
    radius = diameter / 2
    diag = np.array([3.0, -2.0]) / math.sqrt(13.0)   # top hoist corner -> bottom fly corner
    above = diag[0] * y - diag[1] * x > 0             # the upper side of that diagonal
    red_head = np.hypot(x + diag[0] * radius / 2, y + diag[1] * radius / 2) < radius / 2
    blue_head = np.hypot(x - diag[0] * radius / 2, y - diag[1] * radius / 2) < radius / 2
    in_circle = np.hypot(x, y) < radius
    red = in_circle & ((above | red_head) & ~blue_head)
    blue = in_circle & ~red
    ink = np.zeros_like(x, dtype=bool)
    corners = {"geon": ((-1, 1), "111"), "gam": ((1, 1), "010"), "gon": ((1, -1), "000"), "ri": ((-1, -1), "101")}
    bar, gap = diameter / 12, diameter / 24
    for (sx, sy), bars in corners.values():
        out = np.array([sx * 1.5, sy * 1.0])
        out /= np.linalg.norm(out)                    # towards the corner
        across = np.array([-out[1], out[0]])          # along the bars
        along = x * out[0] + y * out[1]               # distance from the centre towards the corner
        side = x * across[0] + y * across[1]
        start = radius + diameter / 4
        for k, solid in enumerate(bars):
            lo = start + k * (bar + gap)
            in_bar = (along >= lo) & (along < lo + bar) & (np.abs(side) < diameter / 4)
            if solid == "0":
                in_bar &= np.abs(side) >= gap / 2
            ink |= in_bar
    image = np.ones((h, w, 3))
    image[red] = hex_rgb("#CD2E3A")
    image[blue] = hex_rgb("#0047A0")
    image[ink] = (0.0, 0.0, 0.0)
    return image.reshape(height, supersample, w // supersample, supersample, 3).mean(axis=(1, 3))


def seoul_flag_image(height=256, supersample=2):
    """The flag of Seoul (simplified): the city's 1996 emblem, a Y-shaped brush figure of a green
    mountain, an orange sun and the blue Han River, centred on a white field, 3:2."""
    h, w = height * supersample, height * 3 // 2 * supersample
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float64)
    x = (xs + 0.5) / w * 3.0 - 1.5
    y = 1.0 - (ys + 0.5) / h * 2.0

    def stroke(points, width_from, width_to):
        """Pixels within a tapering distance of a polyline."""
        pts = np.asarray(points, dtype=np.float64)
        hit = np.zeros_like(x, dtype=bool)
        total = len(pts) - 1
        for k, (a, b) in enumerate(zip(pts[:-1], pts[1:])):
            d = b - a
            t = np.clip(((x - a[0]) * d[0] + (y - a[1]) * d[1]) / float(d @ d), 0.0, 1.0)
            dist = np.hypot(x - (a[0] + t * d[0]), y - (a[1] + t * d[1]))
            width = width_from + (width_to - width_from) * (k + t) / total
            hit |= dist < width / 2
        return hit

    arc = np.linspace(0.0, 1.0, 12)
    mountain = np.column_stack([-0.05 - 0.42 * arc, -0.5 + 0.85 * arc - 0.25 * arc * arc + 0.22 * np.sin(arc * math.pi) * arc])
    river = np.column_stack([0.05 + 0.5 * arc, -0.5 + 0.72 * arc + 0.08 * np.sin(arc * math.pi * 3.0)])
    image = np.ones((h, w, 3))
    image[stroke(mountain, 0.2, 0.08)] = hex_rgb("#1E9A49")
    image[stroke(river, 0.2, 0.07)] = hex_rgb("#1C5BA8")
    image[np.hypot(x - 0.02, y - 0.42) < 0.14] = hex_rgb("#F08A1D")
    return image.reshape(height, supersample, w // supersample, supersample, 3).mean(axis=(1, 3))


@lru_cache(maxsize=None)
def taegukgi():
    return image_surface("taegukgi", taegukgi_image(), roughness=0.8, double_sided=False)


@lru_cache(maxsize=None)
def seoul_flag():
    return image_surface("seoul_flag", seoul_flag_image(), roughness=0.8)


# --- text and signage --------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _font():
    font = TTFont(str(glyphs.FONT))
    os2 = font["OS/2"]
    return font.getBestCmap(), font.getGlyphSet(), font["hmtx"], os2.sTypoAscender, os2.sTypoDescender


@lru_cache(maxsize=None)
def _glyph_coverage(char, height_px, supersample=3):
    """(height_px, advance_px) ink coverage 0..1 of one character at its own advance width."""
    cmap, glyph_set, hmtx, ascender, descender = _font()
    if ord(char) not in cmap:
        raise ValueError(f"signage: the font has no glyph for {char!r}")
    name = cmap[ord(char)]
    units = ascender - descender
    s = height_px * supersample / units
    advance = max(1, round(hmtx[name][0] * height_px / units))
    pen = glyphs._PolygonPen(glyph_set)
    glyph_set[name].draw(pen)
    h, w = height_px * supersample, advance * supersample
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float64) + 0.5
    contours = [np.column_stack([c[:, 0] * s, (ascender - c[:, 1]) * s]) for c in pen.contours]
    inside = glyphs._fill(contours, xs, ys).astype(np.float64) if contours else np.zeros((h, w))
    return inside.reshape(height_px, supersample, advance, supersample).mean(axis=(1, 3))


def text_line(text, height_px):
    """Ink coverage (height_px, width) of one line of text, each character at its own advance width
    (proportional, unlike glyphs.text_mask's equal cells, so Latin words read naturally)."""
    return np.concatenate([_glyph_coverage(c, height_px) for c in text], axis=1)


@dataclass(frozen=True)
class Line:
    """One line of a sign: text, its share of the sign's height, and an optional own colour (sRGB hex)."""
    text: str
    share: float
    ink: str = None


@dataclass(frozen=True)
class SignFace:
    """A rectangular sign: lines stacked top to bottom and centred, on a coloured ground."""
    lines: tuple
    size: tuple            # metres: width, height
    ground: str = "#FFFFFF"
    ink: str = "#1A1A1A"
    border: str = None


class SignAtlas:
    """All the signs of a scene painted into one texture, so they cost one material and one draw call.
    Built once from {name: SignFace}; quad(name) then gives that sign's face as a Mesh on the plane
    y = 0 facing -y, centred on x = 0, bottom at z = 0, with UVs into the atlas."""

    def __init__(self, name, faces, width_px=1024, px_per_m=200, pad=4):
        self.faces = dict(faces)
        self.regions = {}
        x = y = row_h = 0
        for key, face in self.faces.items():
            w, h = (max(8, round(v * px_per_m)) for v in face.size)
            if w + 2 * pad > width_px:
                raise ValueError(f"sign {key!r}: {face.size[0]} m is too wide for the atlas")
            if x + w + 2 * pad > width_px:
                x, y, row_h = 0, y + row_h, 0
            self.regions[key] = (x + pad, y + pad, w, h)
            x += w + 2 * pad
            row_h = max(row_h, h + 2 * pad)
        height_px = 1 << max(3, math.ceil(math.log2(max(y + row_h, 8))))
        self.size_px = (width_px, height_px)
        image = np.ones((height_px, width_px, 3))
        for key, face in self.faces.items():
            self._paint(image, face, self.regions[key])
        texture = Texture(f"{name}_basecolor", encode_png(tg.to_rgb8(image)))
        self.surface = Surface(Material(name, base_color_texture=texture, roughness=0.5), (1.0, 1.0))

    @staticmethod
    def _paint(image, face, region):
        x, y, w, h = region
        ground = np.array(hex_rgb(face.ground))
        # Fill the padding too, so mipmaps do not bleed a neighbour's colour into the edge.
        image[max(0, y - 4):y + h + 4, max(0, x - 4):x + w + 4] = ground
        if face.border:
            edge = max(2, h // 20)
            image[y:y + h, x:x + w] = hex_rgb(face.border)
            image[y + edge:y + h - edge, x + edge:x + w - edge] = ground
        top = y
        for line in face.lines:
            line_h = max(6, round(h * line.share))
            text_h = round(line_h * 0.8)
            ink = text_line(line.text, text_h)
            if ink.shape[1] > w * 0.94:   # too long: shrink to fit the width
                text_h = max(6, int(text_h * w * 0.94 / ink.shape[1]))
                ink = text_line(line.text, text_h)
            ox = x + (w - ink.shape[1]) // 2
            oy = top + (line_h - text_h) // 2
            colour = np.array(hex_rgb(line.ink or face.ink))
            patch = image[oy:oy + text_h, ox:ox + ink.shape[1]]
            patch[:] = patch * (1 - ink[..., None]) + colour * ink[..., None]
            top += line_h

    def quad(self, key):
        x, y, w, h = self.regions[key]
        width_px, height_px = self.size_px
        u0, u1 = x / width_px, (x + w) / width_px
        # Assembly writes v as -v (glTF's v runs down the image): v = -(row fraction).
        v_bottom, v_top = -(y + h) / height_px, -y / height_px
        sw, sh = self.faces[key].size
        return quad((-sw / 2, 0.0, 0.0), (sw / 2, 0.0, 0.0), (sw / 2, 0.0, sh), (-sw / 2, 0.0, sh),
                    uv=np.array([(u0, v_bottom), (u1, v_bottom), (u1, v_top), (u0, v_top)]))

    def sign(self, key, depth=0.04, backing="#DADAD6"):
        """The sign as Parts: its face a hair in front of a thin backing board (face at y = -depth)."""
        sw, sh = self.faces[key].size
        parts = Parts()
        parts.add(self.surface, self.quad(key).moved(0.0, -depth - 0.002, 0.0))
        parts.add(painted(), box((-sw / 2, -depth, 0.0), (sw / 2, 0.0, sh)).colored(srgba(backing)))
        return parts


# --- the view through the windows -----------------------------------------------------------------

class Scenery:
    """Stands in for an Assembly so another scene's builder functions (say, tools.build_plaza's
    ground and old City Hall) can draw the view outside a room's windows: every part is moved by
    `offset` (that scene's origin in this scene's frame) and filed under `prefix`; colliders and
    labels are dropped, as the visitor never gets out there."""

    def __init__(self, assembly, prefix, offset):
        self.assembly = assembly
        self.prefix = prefix
        self.offset = tuple(offset)

    def add(self, group, surface, mesh):
        if mesh is not None and mesh.triangle_count:
            self.assembly.add(f"{self.prefix}/{group}", surface, mesh.moved(*self.offset))

    def set_extras(self, group, extras):
        pass

    def collider_box(self, *args, **kwargs):
        pass

    def collider_circle(self, *args, **kwargs):
        pass
