"""Timber frame: columns on stone bases, painted beams, bracket sets (dapo / jusimpo / ikgong).

Pivots: a column stands on (0, 0, z0); beams run between two given points; a bracket set is built
at the origin on top of the column line, projecting outwards along -y (rotate it for other sides).
Proportions follow the rules of thumb in the places notes: column diameter about 1/10-1/12 of the
bay, column height about 8-10 diameters, beam depth about 1/8-1/12 of the span.
"""

import numpy as np

from ..meshkit import Mesh, box, concat, flat_polygon, lathe, rotate_z, translate
from . import palette as pal
from .parts import Parts

BRACKET_KINDS = ("dapo", "jusimpo", "ikgong")


def column(height, diameter, scheme=pal.MORO, entasis=True, segments=10):
    """A round column from z = 0 to height: baeheullim (widest near a third of the height) or plain
    taper, its head band (jumeori) painted noerok. Vertex-coloured for painted_wood."""
    r = diameter / 2
    if entasis:
        body = [(r * 0.96, 0.0), (r * 1.0, height * 0.33), (r * 0.9, height * 0.85), (r * 0.86, height)]
    else:
        body = [(r, 0.0), (r * 0.86, height)]
    band = height - min(0.35, height * 0.1)
    r_band = float(np.interp(band, [p[1] for p in body], [p[0] for p in body]))
    lower = [p for p in body if p[1] < band] + [(r_band, band)]
    upper = [(r_band, band)] + [p for p in body if p[1] > band]
    shaft = lathe(lower, segments).colored(scheme.rgba("column"))
    head = lathe(upper, segments).colored(scheme.rgba("noerok" if scheme.painted else "column"))
    return concat([shaft, head])


def column_base(diameter, height=0.35):
    """Chochu: a dressed granite base, square below and rounded where the column stands."""
    w = diameter * 0.85
    return concat([box((-w, -w, 0.0), (w, w, height * 0.6)),
                   lathe([(w * 0.95, height * 0.6), (diameter * 0.62, height), (0.0, height)], 12)])


def painted_beam(a, b, width, depth):
    """A rectangular beam from point a to point b (its centre line), UV u = 0..1 along the member and v
    = 0..1 across each face, for the dancheong_beam texture's decorated ends."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    length = float(np.linalg.norm(b - a))
    along = (b - a) / length
    up = np.array([0.0, 0.0, 1.0]) if abs(along[2]) < 0.9 else np.array([0.0, 1.0, 0.0])
    across = np.cross(up, along)
    across /= np.linalg.norm(across)
    up = np.cross(along, across)
    hw, hd = width / 2, depth / 2
    corners = [(-hw, -hd), (hw, -hd), (hw, hd), (-hw, hd)]
    faces = []
    for k in range(4):
        (c0a, c0u), (c1a, c1u) = corners[k], corners[(k + 1) % 4]
        p0 = a + across * c0a + up * c0u
        p1 = a + across * c1a + up * c1u
        positions = np.array([p0, p0 + along * length, p1 + along * length, p1])
        normal = np.cross(p1 - p0, along)
        normal /= np.linalg.norm(normal)
        uv = np.array([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)])
        faces.append(Mesh(positions, np.tile(normal, (4, 1)), uv, [(0, 2, 1), (0, 3, 2)]
                          if np.dot(np.cross(positions[1] - positions[0], positions[3] - positions[0]), normal) < 0
                          else [(0, 1, 2), (0, 2, 3)]))
    end_caps = []
    for point, sign in ((a, -1.0), (b, 1.0)):
        cap = np.array([point + across * ca + up * cu for ca, cu in corners])
        tris = [(0, 1, 2), (0, 2, 3)]
        if np.dot(np.cross(cap[1] - cap[0], cap[2] - cap[0]), along * sign) < 0:
            tris = [(0, 2, 1), (0, 3, 2)]
        end_caps.append(Mesh(cap, np.tile(along * sign, (4, 1)), np.full((4, 2), 0.05), tris))
    return concat(faces + end_caps)


def _arm(length, width, height, beak=0.12):
    """A bracket arm along -y from the origin with a sloped (beaked) outer end: a prism in the y-z plane."""
    profile = [(0.0, 0.0), (-length + beak, 0.0), (-length, height * 0.45), (-length, height), (0.0, height)]
    pts = np.array(profile)
    # Sides at x = +-width/2, then the outline faces.
    side = flat_polygon([(p[0], p[1]) for p in pts])
    to_x = np.array([[0, 0, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]], dtype=float)
    east = side.transformed(translate(width / 2, 0, 0) @ to_x)
    west = side.flipped().transformed(translate(-width / 2, 0, 0) @ to_x)
    ring = np.vstack([pts, pts[:1]])
    positions, normals, uvs, tris = [], [], [], []
    for (y0, z0), (y1, z1) in zip(ring[:-1], ring[1:]):
        quad_pts = np.array([(-width / 2, y0, z0), (width / 2, y0, z0), (width / 2, y1, z1), (-width / 2, y1, z1)])
        normal = np.cross(quad_pts[1] - quad_pts[0], quad_pts[3] - quad_pts[0])
        n = np.linalg.norm(normal)
        if n < 1e-12:
            continue
        base = len(positions)
        positions.extend(quad_pts)
        normals.extend([normal / n] * 4)
        uvs.extend([(0, 0), (1, 0), (1, 1), (0, 1)])
        tris.extend([(base, base + 1, base + 2), (base, base + 2, base + 3)])
    outline = Mesh(np.array(positions), np.array(normals), np.array(uvs, dtype=float), tris)
    # The outline was walked clockwise seen from +x; make sure the faces point outwards.
    centre = np.array([0.0, -length / 2, height / 2])
    if np.dot(outline.normals[0], outline.positions[0] - centre) < 0:
        outline = outline.flipped()
    return concat([east, west, outline])


def bracket_set(kind="dapo", size=0.22, tiers=3, scheme=pal.MORO):
    """One bracket set on the column line, projecting outwards (-y) and inwards (+y). `size` is the
    module (the width of an arm); tiers = projections outwards (po = 2 x tiers + 1). Vertex-coloured:
    bearing blocks in hayeop, arms noerok with yellow-edged ends (simplified moro scheme)."""
    if kind not in BRACKET_KINDS:
        raise ValueError(f"bracket_set: kind must be one of {', '.join(BRACKET_KINDS)}, got {kind!r}")
    s = size
    blocks, arms = [], []
    block = box((-s * 1.1, -s * 1.1, 0.0), (s * 1.1, s * 1.1, s * 0.9))            # judu / daedu
    blocks.append(block)
    if kind == "ikgong":
        # A wing bracket along the wall with one short outward nose: no projecting tiers.
        wing = box((-s * 4.0, -s * 0.45, s * 0.9), (s * 4.0, s * 0.45, s * 2.0))
        nose = _arm(s * 3.0, s * 0.9, s * 1.1).transformed(translate(0, 0, s * 0.9))
        arms += [wing, nose]
        blocks += [box((x - s * 0.6, -s * 0.6, s * 2.0), (x + s * 0.6, s * 0.6, s * 2.6)) for x in (-s * 3.2, 0.0, s * 3.2)]
        top = s * 2.6
    else:
        z = s * 0.9
        for tier in range(1, tiers + 1):
            reach = s * (1.2 + 2.2 * tier)
            along_wall = box((-s * (1.5 + 1.2 * tier), -s * 0.45, z), (s * (1.5 + 1.2 * tier), s * 0.45, z + s * 1.1))
            outward = _arm(reach, s * 0.9, s * 1.1).transformed(translate(0, 0, z))
            inward = _arm(reach * 0.8, s * 0.9, s * 1.1).transformed(translate(0, 0, z) @ rotate_z(180))
            arms += [along_wall, outward, inward]
            # Small bearing blocks (soro) on the ends of the arms carry the next tier.
            for y in (-reach + s * 0.5, 0.0):
                blocks.append(box((-s * 0.6, y - s * 0.6, z + s * 1.1), (s * 0.6, y + s * 0.6, z + s * 1.6)))
            z += s * 1.6
        top = z
    body = concat(arms).colored(scheme.rgba("noerok"))
    bearings = concat(blocks).colored(scheme.rgba("hayeop" if scheme.painted else "noerok"))
    parts = Parts()
    parts.add(pal.painted_wood(), concat([body, bearings]))
    return parts, top


def frame(bays_x, bays_y, column_height, diameter, scheme=pal.MORO, brackets="dapo", bracket_tiers=2,
          intercolumnar=None, interior_columns=True, z0=0.0):
    """The timber frame of an n x m kan building centred on the origin: bases, columns, lintels
    (changbang), a plate (pyeongbang) for dapo, bracket sets and the purlin line they carry.

    bays_x / bays_y: bay widths in metres (front, side). intercolumnar: bracket sets between the columns
    (dapo only): one count for every bay, or a list with one count per front bay (used on the front and
    back; the side bays keep the default); default 2 in bays over 4.2 m, 1 elsewhere. Returns (Parts, top_z, plan)
    where top_z is the top of the bracket sets and plan = (half_width, half_depth) of the column line.
    """
    xs = np.concatenate([[0.0], np.cumsum(bays_x)])
    ys = np.concatenate([[0.0], np.cumsum(bays_y)])
    xs -= xs[-1] / 2
    ys -= ys[-1] / 2
    parts = Parts()
    granite, wood = pal.granite(), pal.painted_wood()
    beam_surface = pal.dancheong_beam(scheme)
    base_h = 0.3
    col = column(column_height, diameter, scheme)
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            perimeter = i in (0, len(xs) - 1) or j in (0, len(ys) - 1)
            if not perimeter and not interior_columns:
                continue
            parts.add(granite, column_base(diameter, base_h).moved(x, y, z0))
            parts.add(wood, col.moved(x, y, z0 + base_h))
    top_col = z0 + base_h + column_height
    lintel_d = max(0.35, diameter * 0.9)
    plate_h = 0.18 if brackets == "dapo" else 0.0
    # Lintels between neighbouring perimeter columns, and the plate on top of them.
    ring = [(x, ys[0]) for x in xs] + [(xs[-1], y) for y in ys[1:]] + \
           [(x, ys[-1]) for x in xs[::-1][1:]] + [(xs[0], y) for y in ys[::-1][1:]]
    for (ax, ay), (bx, by) in zip(ring[:-1], ring[1:]):
        z_l = top_col - lintel_d / 2
        parts.add(beam_surface, painted_beam((ax, ay, z_l), (bx, by, z_l), diameter * 0.7, lintel_d))
        if plate_h:
            z_p = top_col + plate_h / 2
            parts.add(beam_surface, painted_beam((ax, ay, z_p), (bx, by, z_p), diameter * 1.05, plate_h))
    # Bracket sets: on every perimeter column, and between columns for dapo.
    module = max(0.12, diameter * 0.32)
    tiers = bracket_tiers if brackets == "dapo" else 1
    kind = "jusimpo" if brackets == "dapo" else brackets
    on_column, top_rel = bracket_set(kind, module, tiers, scheme)
    between, _ = bracket_set(kind, module * 0.92, tiers, scheme) if brackets == "dapo" else (None, None)
    z_b = top_col + plate_h

    def place(bracket, x, y, heading):
        parts.extend(bracket.moved(x, y, z_b, heading))

    def side_heading(x, y):
        # Brackets project outwards: front (-y) heading 0, east 90, back 180, west -90.
        if abs(y - ys[0]) < 1e-6:
            return 0.0
        if abs(y - ys[-1]) < 1e-6:
            return 180.0
        return 90.0 if x > 0 else -90.0

    def between_count(ax, ay, bx, by):
        span = np.hypot(bx - ax, by - ay)
        default = 2 if span > 4.2 else 1
        if intercolumnar is None:
            return default
        if np.ndim(intercolumnar) == 0:
            return int(intercolumnar)
        if abs(ay - by) > 1e-6:
            return default  # a side bay
        bay = int(np.searchsorted(xs, (ax + bx) / 2)) - 1
        return int(intercolumnar[bay])

    for (ax, ay), (bx, by) in zip(ring[:-1], ring[1:]):
        place(on_column, ax, ay, side_heading((ax + bx) / 2, (ay + by) / 2))
        if between is not None:
            count = between_count(ax, ay, bx, by)
            for k in range(1, count + 1):
                t = k / (count + 1)
                mx, my = ax + (bx - ax) * t, ay + (by - ay) * t
                place(between, mx, my, side_heading(mx, my))
    # Corner sets also project diagonally (simplified: a second set turned 45 degrees).
    for cx in (xs[0], xs[-1]):
        for cy in (ys[0], ys[-1]):
            heading = np.degrees(np.arctan2(-cx, -cy)) % 360.0
            place(on_column, cx, cy, float(heading) + 180.0)
    top = z_b + top_rel
    # The outer purlin (oemok dori) rides on the bracket tops, a little outside the column line.
    reach = module * (1.2 + 2.2 * tiers) * 0.8 if kind != "ikgong" else module * 1.5
    hx, hy = xs[-1] + reach, ys[-1] + reach
    purlin_ring = [(-hx, -hy), (hx, -hy), (hx, hy), (-hx, hy), (-hx, -hy)]
    for (ax, ay), (bx, by) in zip(purlin_ring[:-1], purlin_ring[1:]):
        parts.add(beam_surface, painted_beam((ax, ay, top - 0.15), (bx, by, top - 0.15), 0.3, 0.3))
    return parts, top, (float(xs[-1]), float(ys[-1]))
