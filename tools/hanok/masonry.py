"""Stone and brick: terraces (woldae), stairs, the rainbow-arch gate platform (hongye), city walls with
parapets (yeojang) and palace walls with tiled copings.

Pivots: terraces, stairs and gate platforms are centred on the origin at z = 0 with their front
facing -y; walls and parapets follow a polyline given in world coordinates.
"""

import math

import numpy as np

from ..meshkit import Mesh, box, flat_polygon, grid_surface, quad, smooth_normals
from . import palette as pal
from .parts import Parts, sweep


# --- terraces and stairs -----------------------------------------------------------------------------

def woldae(width, depth, tiers=((0.9, 0.0),), cap=0.16):
    """A stone terrace of one or more tiers, each (height, inset from the tier below), with a projecting
    cap course (gapseok). Returns (Parts, top_z, (top_width, top_depth))."""
    parts = Parts()
    stone = pal.granite()
    z, w, d = 0.0, width, depth
    for height, inset in tiers:
        w, d = w - 2 * inset, d - 2 * inset
        parts.add(stone, box((-w / 2, -d / 2, z), (w / 2, d / 2, z + height - cap), "nsew"))
        parts.add(stone, box((-w / 2 - 0.08, -d / 2 - 0.08, z + height - cap), (w / 2 + 0.08, d / 2 + 0.08, z + height)))
        z += height
    return parts, z, (w, d)


def stairs(width, rise, step_rise=0.17, step_run=0.33, royal_path_width=0.0, stringer=0.35):
    """A straight stair climbing towards +y, its top nosing at (0, 0, rise): it extends to -y.
    With royal_path_width > 0 the centre lane is a sloped carved slab (dapdo) between two stepped lanes,
    as on the stairs of throne halls. Side stringers (somaeseok) run along both edges."""
    count = max(1, round(rise / step_rise))
    step_h = rise / count
    length = count * step_run
    stone = pal.granite()
    parts = Parts()
    half = width / 2
    lanes = [(-half, half)]
    if royal_path_width > 0:
        c = royal_path_width / 2
        lanes = [(-half, -c), (c, half)]
        slab = flat_polygon([(-c, 0.0), (c, 0.0), (c, length), (-c, length)])
        slope = np.array([[1, 0, 0, 0], [0, 1, 0, -length], [0, 0, 1, 0], [0, 0, 0, 1]], dtype=float)
        slab = slab.transformed(slope)
        slab.positions[:, 2] = (slab.positions[:, 1] + length) / length * rise
        slab.normals = smooth_normals(slab.positions, slab.triangles)
        parts.add(stone, slab)
        for sx in (-c, c):  # low borders framing the carved slab
            parts.add(stone, sweep([(sx, -length, 0.0), (sx, 0.0, rise)], 0.18, 0.12))
    for x0, x1 in lanes:
        for k in range(count):
            y0 = -length + k * step_run
            parts.add(stone, box((x0, y0, 0.0), (x1, 0.0 if k == count - 1 else y0 + step_run + 0.02,
                                                 (k + 1) * step_h), "sewt" if k else "nsewt"))
    for sx in (-half - stringer / 2, half + stringer / 2):
        parts.add(stone, sweep([(sx, -length - 0.1, 0.0), (sx, 0.0, rise)], stringer, 0.22, base_offset=-0.05))
        parts.add(stone, box((sx - stringer / 2, -length - 0.35, 0.0), (sx + stringer / 2, -length + 0.05, 0.3)))
    return parts


# --- the rainbow-arch gate platform --------------------------------------------------------------------

def arch_outline(arch_width, spring, segments=12):
    """(x, z) points of an arched opening: up the left jamb, over a semicircle, down the right jamb."""
    r = arch_width / 2
    angles = np.linspace(math.pi, 0.0, segments + 1)
    arc = np.column_stack([r * np.cos(angles), spring + r * np.sin(angles)])
    return np.vstack([[(-r, 0.0)], arc, [(r, 0.0)]])


def _face_with_arch(width, height, arch_width, spring, segments):
    """The front face (plane y = 0, facing -y) of a block with an arched opening, as a strip between
    the opening and the block's outline; the outline point for each opening point lies on the ray from
    the arch centre (jambs: horizontally)."""
    hole = arch_outline(arch_width, spring, segments)
    centre = np.array([0.0, spring])
    outer = []
    for x, z in hole:
        if z <= spring + 1e-9:
            outer.append((math.copysign(width / 2, x), z))
            continue
        dx, dz = x - centre[0], z - centre[1]
        t = min((width / 2) / abs(dx) if abs(dx) > 1e-9 else math.inf, (height - spring) / dz)
        outer.append((dx * t, spring + dz * t))
    outer = np.array(outer)
    # Add the top corners so the outline is exact: split the strip where the rays pass them.
    pts_outer, pts_hole = [outer[0]], [hole[0]]
    for i in range(1, len(hole)):
        a, b = outer[i - 1], outer[i]
        for cx in (-width / 2, width / 2):
            corner = (cx, height)
            if (a[1] < height - 1e-9 and abs(b[1] - height) < 1e-9 and abs(a[0] - cx) < 1e-9) or \
               (abs(a[1] - height) < 1e-9 and b[1] < height - 1e-9 and abs(b[0] - cx) < 1e-9):
                pts_outer.append(corner)
                pts_hole.append((hole[i - 1] + hole[i]) / 2)
        pts_outer.append(b)
        pts_hole.append(hole[i])
    outer, hole = np.array(pts_outer), np.array(pts_hole)
    grid = np.stack([np.column_stack([outer[:, 0], np.zeros(len(outer)), outer[:, 1]]),
                     np.column_stack([hole[:, 0], np.zeros(len(hole)), hole[:, 1]])])
    mesh = grid_surface(grid, uvs=np.stack([np.stack([outer[:, 0], outer[:, 1]], 1), np.stack([hole[:, 0], hole[:, 1]], 1)]))
    mesh.normals[:] = (0.0, -1.0, 0.0)
    if np.cross(mesh.positions[mesh.triangles[0, 1]] - mesh.positions[mesh.triangles[0, 0]],
                mesh.positions[mesh.triangles[0, 2]] - mesh.positions[mesh.triangles[0, 0]])[1] > 0:
        mesh.triangles = mesh.triangles[:, ::-1]
    return mesh


def hongye_platform(width, depth, height, arch_width, arch_spring, segments=14):
    """The stone platform of a city gate with one rainbow arch (hongye) running through it along y.
    Returns Parts; the top is flat at z = height (the pavilion stands on it)."""
    parts = Parts()
    stone, granite = pal.wall_stone(), pal.granite()
    face = _face_with_arch(width, height, arch_width, arch_spring, segments)
    front = face.transformed(np.array([[1, 0, 0, 0], [0, 1, 0, -depth / 2], [0, 0, 1, 0], [0, 0, 0, 1]], dtype=float))
    back = face.transformed(np.diag([1.0, -1.0, 1.0, 1.0]) @ np.array([[1, 0, 0, 0], [0, 1, 0, -depth / 2],
                                                                     [0, 0, 1, 0], [0, 0, 0, 1]], dtype=float))
    parts.add(stone, front)
    parts.add(stone, back)
    parts.add(stone, box((-width / 2, -depth / 2, 0.0), (width / 2, depth / 2, height), "ew"))
    parts.add(granite, box((-width / 2, -depth / 2, height - 0.01), (width / 2, depth / 2, height), "t"))
    # The passage: jambs and vault, facing inwards, and its paved floor.
    hole = arch_outline(arch_width, arch_spring, segments)
    ys = np.array([-depth / 2, depth / 2])
    grid = np.array([[(x, y, z) for y in ys] for x, z in hole])
    tunnel = grid_surface(grid)
    if tunnel.normals[0, 0] < 0:  # the left jamb must face +x (into the passage)
        tunnel = tunnel.flipped()
    parts.add(granite, tunnel)
    parts.add(granite, box((-arch_width / 2, -depth / 2 - 0.4, 0.0), (arch_width / 2, depth / 2 + 0.4, 0.02), "t"))
    # Voussoirs (hongyeseok): a ring of dressed granite standing proud of each face.
    r0, r1 = arch_width / 2, arch_width / 2 + 0.6
    angles = np.linspace(math.pi, 0.0, segments + 1)
    inner = np.column_stack([r0 * np.cos(angles), arch_spring + r0 * np.sin(angles)])
    outer = np.column_stack([r1 * np.cos(angles), arch_spring + r1 * np.sin(angles)])
    for y, flip in ((-depth / 2 - 0.06, False), (depth / 2 + 0.06, True)):
        band = grid_surface(np.stack([np.column_stack([outer[:, 0], np.full(len(outer), y), outer[:, 1]]),
                                      np.column_stack([inner[:, 0], np.full(len(inner), y), inner[:, 1]])]),
                            uvs=np.stack([outer, inner]))
        facing = -1.0 if not flip else 1.0
        if band.normals[:, 1].mean() * facing < 0:
            band = band.flipped()
        parts.add(granite, band)
        # The band's soffit closes the 6 cm step between the ring and the wall face.
        lip = grid_surface(np.stack([np.column_stack([inner[:, 0], np.full(len(inner), y), inner[:, 1]]),
                                     np.column_stack([inner[:, 0], np.full(len(inner), y - 0.06 * facing), inner[:, 1]])]))
        if lip.normals[len(inner) // 2, 2] > 0:
            lip = lip.flipped()
        parts.add(granite, lip)
    # A plinth course round the foot.
    parts.add(granite, box((-width / 2 - 0.15, -depth / 2 - 0.15, 0.0), (-arch_width / 2 - 0.15, depth / 2 + 0.15, 0.45), "nsewt"))
    parts.add(granite, box((arch_width / 2 + 0.15, -depth / 2 - 0.15, 0.0), (width / 2 + 0.15, depth / 2 + 0.15, 0.45), "nsewt"))
    return parts


# --- walls -------------------------------------------------------------------------------------------

def _offset(path2d, distance):
    """Offset a 2D polyline sideways (positive = to the left of the direction of travel)."""
    p = np.asarray(path2d, dtype=np.float64)
    tangent = np.gradient(p, axis=0)
    tangent /= np.maximum(np.linalg.norm(tangent, axis=1, keepdims=True), 1e-12)
    left = np.column_stack([-tangent[:, 1], tangent[:, 0]])
    return p + left * distance


def city_wall(path, height, base_thickness=6.0, top_thickness=4.5, batter=0.6, footing=0.8):
    """A stretch of the city wall (seonggwak) along path (K, 3) = (x, y, ground z): hewn stone faces
    leaning in by `batter` over the height, a walkway on top, footing buried below the ground. The
    outer face is on the right of the direction of travel. Returns (Parts, top_path (K, 3) of the outer
    top edge, walkway (K, 3) centre line)."""
    p = np.asarray(path, dtype=np.float64)
    plan = p[:, :2]
    ground = p[:, 2]
    top = ground + height
    out_bottom = _offset(plan, -base_thickness / 2)
    out_top = _offset(plan, -(base_thickness / 2 - batter))
    in_bottom = _offset(plan, base_thickness / 2)
    in_top = _offset(plan, base_thickness / 2 - (base_thickness - top_thickness - batter))
    along = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(plan, axis=0), axis=1))])

    def face(bottom, top_line):
        grid = np.stack([np.column_stack([bottom, ground - footing]), np.column_stack([top_line, top])])
        uvs = np.stack([np.column_stack([along, ground - footing]), np.column_stack([along, top])])
        return grid_surface(grid, uvs)

    stone = pal.wall_stone()
    parts = Parts()
    outer = face(out_bottom, out_top)
    # The outer face is to the right of travel: its normal must point that way.
    right = -np.array([-(plan[1] - plan[0])[1], (plan[1] - plan[0])[0]])
    if np.dot(outer.normals[0, :2], right) < 0:
        outer = outer.flipped()
    inner = face(in_bottom, in_top)
    if np.dot(inner.normals[0, :2], right) > 0:
        inner = inner.flipped()
    parts.add(stone, outer)
    parts.add(stone, inner)
    walk = grid_surface(np.stack([np.column_stack([out_top, top]), np.column_stack([in_top, top])]),
                        uvs=np.stack([np.column_stack([along, np.zeros_like(along)]),
                                      np.column_stack([along, np.full_like(along, top_thickness)])]))
    if walk.normals[:, 2].mean() < 0:
        walk = walk.flipped()
    parts.add(pal.granite(), walk)
    for end, sign in ((0, -1.0), (-1, 1.0)):
        quad = np.array([[*out_bottom[end], ground[end] - footing], [*in_bottom[end], ground[end] - footing],
                         [*in_top[end], top[end]], [*out_top[end], top[end]]])
        uv = np.column_stack([[0.0, base_thickness, base_thickness, 0.0], quad[:, 2]])
        cap = Mesh(quad, np.zeros((4, 3)), uv, [(0, 1, 2), (0, 2, 3)])
        cap.normals = smooth_normals(cap.positions, cap.triangles)
        direction = plan[1] - plan[0] if end == 0 else plan[-1] - plan[-2]
        if np.dot(cap.normals[0, :2], direction * sign) < 0:
            cap = cap.flipped()
        parts.add(stone, cap)
    walkway = np.column_stack([(out_top + in_top) / 2, top])
    return parts, np.column_stack([out_top, top]), walkway


def parapet(path, height=1.2, thickness=0.6, merlon=3.6, gap=0.35, holes=2, inset=0.35):
    """A brick parapet (yeojang) along path (K, 3) (its base line), in merlons `merlon` m long with
    `gap` m slots between them and `holes` shooting holes (chongan) each; capped with a rounded grey
    brick coping. The parapet is centred `inset` m to the left of the path (onto the wall top)."""
    p = np.asarray(path, dtype=np.float64)
    plan = _offset(p[:, :2], inset + thickness / 2)
    along = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(plan, axis=0), axis=1))])
    total = along[-1]
    brick, dark = pal.grey_brick(), pal.ridge_tile()
    parts = Parts()

    def at(dist):
        return np.array([np.interp(dist, along, plan[:, 0]), np.interp(dist, along, plan[:, 1]),
                         np.interp(dist, along, p[:, 2])])

    start = 0.0
    while start < total - 0.5:
        end = min(start + merlon, total)
        ts = np.linspace(start, end, max(2, int((end - start) / 1.2) + 1))
        line = np.array([at(t) for t in ts])
        parts.add(brick, sweep(line, thickness, height, base_offset=-0.3))
        parts.add(brick, sweep(line, thickness + 0.16, 0.16, base_offset=height - 0.3))
        for k in range(holes):
            t = start + (end - start) * (k + 1) / (holes + 1)
            c = at(t)
            d = at(min(t + 0.05, total)) - at(max(t - 0.05, 0.0))
            d /= max(np.linalg.norm(d[:2]), 1e-9)
            side = np.array([-d[1], d[0], 0.0])
            z = c[2] + height * 0.35
            for s in (-1, 1):  # a dark slot visible on both faces
                centre = c + side * s * (thickness / 2 + 0.005)
                parts.add(dark, sweep([centre + d * -0.09 + [0, 0, z - c[2]], centre + d * 0.09 + [0, 0, z - c[2]]],
                                      0.01, 0.22))
        start = end + gap
    return parts


def tiled_wall(path, height=3.0, thickness=0.7, footing=0.6):
    """A palace wall along a 2D path (K, 2) on flat ground: granite footing, lime-plastered body and a
    small tiled coping (two sloped tile faces, a ridge) overhanging both sides."""
    plan = np.asarray(path, dtype=np.float64)
    parts = Parts()
    along = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(plan, axis=0), axis=1))])
    z_top = height

    def band(offset, z0, z1, surface):
        line = _offset(plan, offset)
        grid = np.stack([np.column_stack([line, np.full(len(line), z0)]), np.column_stack([line, np.full(len(line), z1)])])
        mesh = grid_surface(grid, uvs=np.stack([np.column_stack([along, np.full_like(along, z0)]),
                                                np.column_stack([along, np.full_like(along, z1)])]))
        want_left = offset > 0
        left = np.array([-(plan[1] - plan[0])[1], (plan[1] - plan[0])[0]])
        if (np.dot(mesh.normals[0, :2], left) > 0) != want_left:
            mesh = mesh.flipped()
        parts.add(surface, mesh)

    half = thickness / 2
    band(half + 0.05, 0.0, footing, pal.granite())
    band(-half - 0.05, 0.0, footing, pal.granite())
    band(half, footing, z_top, pal.lime_plaster())
    band(-half, footing, z_top, pal.lime_plaster())
    # Coping: eaves 0.35 m beyond each face, ridge 0.45 m above the wall top.
    for side in (1, -1):
        eave = _offset(plan, side * (half + 0.35))
        ridge = plan
        grid = np.stack([np.column_stack([eave, np.full(len(eave), z_top - 0.05)]),
                         np.column_stack([ridge, np.full(len(ridge), z_top + 0.45)])])
        slope_len = math.hypot(half + 0.35, 0.5)
        mesh = grid_surface(grid, uvs=np.stack([np.column_stack([along, np.zeros_like(along)]),
                                                np.column_stack([along, np.full_like(along, slope_len)])]))
        if mesh.normals[:, 2].mean() < 0:
            mesh = mesh.flipped()
        parts.add(pal.giwa_roof(), mesh)
        under = grid_surface(np.stack([np.column_stack([eave, np.full(len(eave), z_top - 0.05)]),
                                       np.column_stack([_offset(plan, side * half), np.full(len(eave), z_top)])]))
        if under.normals[:, 2].mean() > 0:
            under = under.flipped()
        parts.add(pal.ridge_tile(), under)
    parts.add(pal.ridge_tile(), sweep(np.column_stack([plan, np.full(len(plan), z_top + 0.4)]), 0.3, 0.22))
    # End faces, so a wall that stops at a gate is solid.
    left, right = _offset(plan, half), _offset(plan, -half)
    for end, outward in ((0, plan[0] - plan[1]), (-1, plan[-1] - plan[-2])):
        a, b = np.append(right[end], 0.0), np.append(left[end], 0.0)
        face = quad(a, b, b + [0, 0, z_top], a + [0, 0, z_top])
        if np.dot(face.normals[0, :2], outward) < 0:
            face = face.flipped()
        parts.add(pal.lime_plaster(), face)
    return parts

