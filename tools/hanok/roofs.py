"""Korean tiled roofs: hipped (ujingak), hipped-and-gable (paljak) and gable (matbae).

The roof is built about its own centre: x along the ridge, y across (front = -y), z up, z = 0 at the
ground. Geometry follows how these roofs are read:

- The slope is concave (the "mulme"): height rises as (d / ey) ** sag from the eave (d = 0) to the
  ridge (d = ey), flat near the eave and steep near the ridge.
- Hips run at 45 degrees in plan from the corners. A paljak roof stops its hips at `gable_inset` from
  the side eave, where the vertical gable (hapgak) rises to the ridge; an ujingak roof runs its hips
  to the ridge ends; a matbae roof has no hips at all.
- The eave line lifts towards the corners (angok) and swings outwards in plan (anhyeo). Both are a
  deformation by plan position applied to every vertex of every part, so faces, ridges, fascia and
  soffit that share a point always agree.

Tiles are a texture with a normal map (tools.hanok.palette.giwa_roof), not one mesh per tile; UVs run
u along the eave and v down the slope so the tile rows run down each face.
"""

from dataclasses import dataclass

import numpy as np

from ..meshkit import Mesh, concat, flat_polygon, grid_surface, lathe, scale, smooth_normals, translate
from . import palette as pal
from .parts import Parts, sweep

KINDS = ("hipped", "hip_gable", "gable")


@dataclass
class RoofSpec:
    half_length: float          # ex: eave outline half-size along the ridge (before the corner swing)
    half_depth: float           # ey: eave outline half-size across
    eave_z: float               # top of the tiles at the middle of the eave
    ridge_z: float              # top of the tile surface at the ridge (the ridge itself sits on it)
    kind: str = "hipped"
    gable_inset: float = 0.0    # paljak only: side eave to the gable plane, in plan (default ey * 0.42)
    sag: float = 1.55           # > 1: concave slope
    angok: float = 0.7          # corner lift (m)
    anhyeo: float = 0.45        # corner swing in plan (m)
    corner_power: float = 2.6   # how late along the eave the lift and swing begin
    overhang: float = 1.8       # eave to the wall line, in plan: where the soffit meets the brackets
    soffit_z: float = 0.0       # height of the soffit's inner edge (top of the bracket sets)
    thickness: float = 0.35     # depth of the eave edge (the rafter ends)
    ridge_height: float = 0.75
    japsang: int = 5            # figures on each corner ridge (odd, 3-11 on palace roofs; 0 = none)
    scheme: pal.DancheongScheme = pal.MORO

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"roof: kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        if self.half_length < self.half_depth:
            raise ValueError("roof: half_length must be >= half_depth (build along x, then turn)")
        if self.ridge_z <= self.eave_z:
            raise ValueError("roof: ridge_z must be above eave_z")
        if self.kind == "hip_gable" and self.gable_inset <= 0:
            self.gable_inset = self.half_depth * 0.42
        if self.soffit_z <= 0:
            self.soffit_z = self.eave_z - self.thickness - 0.25


class _Shape:
    """The undeformed roof surfaces as functions of (distance from the eave, position along it)."""

    def __init__(self, spec, rows=10, cols=8):
        self.s = spec
        ex, ey = spec.half_length, spec.half_depth
        d = list(np.linspace(0.0, ey, rows + 1))
        if spec.kind == "hip_gable":
            d.append(spec.gable_inset)
        self.d = np.unique(np.round(d, 9))
        self.cols = np.linspace(-1.0, 1.0, 2 * cols + 1)
        self.ex, self.ey = ex, ey

    def height(self, d):
        s = self.s
        return s.eave_z + (s.ridge_z - s.eave_z) * (np.asarray(d) / self.ey) ** s.sag

    def half_span(self, d):
        """Half-width of the front face at distance d from the front eave."""
        if self.s.kind == "gable":
            return self.ex
        if self.s.kind == "hip_gable":
            return self.ex - min(d, self.s.gable_inset)
        return self.ex - d

    @property
    def top_half_length(self):
        return self.half_span(self.ey)

    def side_rows(self):
        if self.s.kind == "gable":
            return np.array([])
        limit = self.s.gable_inset if self.s.kind == "hip_gable" else self.ey
        return self.d[self.d <= limit + 1e-9]

    def front_grid(self):
        return np.array([[(c * self.half_span(d), -self.ey + d, self.height(d)) for c in self.cols] for d in self.d])

    def side_grid(self):
        """East side face: rows from the side eave inwards, columns along y."""
        return np.array([[(self.ex - d, c * (self.ey - d), self.height(d)) for c in self.cols]
                         for d in self.side_rows()])

    def deform(self, points):
        """Corner lift (angok) and plan swing (anhyeo), by plan position."""
        p = np.array(points, dtype=np.float64)
        s = self.s
        wx = np.clip(np.abs(p[..., 0]) / self.ex, 0, 1)
        wy = np.clip(np.abs(p[..., 1]) / self.ey, 0, 1)
        k = s.corner_power
        p[..., 2] += s.angok * (wx * wy) ** k
        p[..., 0] += np.sign(p[..., 0]) * s.anhyeo * wy ** k * wx ** 2
        p[..., 1] += np.sign(p[..., 1]) * s.anhyeo * wx ** k * wy ** 2
        return p


def _slope_uvs(grid, along_axis):
    """u = metres along the eave (x or y), v = metres up the slope (measured down the centre column)."""
    centre = grid[:, grid.shape[1] // 2]
    v = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(centre, axis=0), axis=1))])
    u = grid[..., along_axis]
    return np.stack([u, np.repeat(v[:, None], grid.shape[1], axis=1)], axis=-1)


def _with_mirror(mesh, across_x=False):
    """The face as built (front or east) plus its mirror image (back or west)."""
    mirror = scale(-1, 1, 1) if across_x else scale(1, -1, 1)
    return [mesh, mesh.transformed(mirror)]


def _strip(top, bottom, u, v_top, v_bottom):
    """A quad strip between two polylines (K, 3); front = counter-clockwise top->bottom->next."""
    k = len(top)
    positions = np.concatenate([top, bottom])
    uvs = np.concatenate([np.column_stack([u, np.full(k, v_top)]), np.column_stack([u, np.full(k, v_bottom)])])
    tris = [(i, k + i, k + i + 1) for i in range(k - 1)] + [(i, k + i + 1, i + 1) for i in range(k - 1)]
    return Mesh(positions, smooth_normals(positions, np.array(tris)), uvs, tris)


def _eave_edges(shape):
    """The deformed eave polylines of the front and east sides, ordered along +x / +y."""
    front = shape.deform(shape.front_grid()[0])
    if shape.s.kind == "gable":
        return front, None
    east = shape.deform(shape.side_grid()[0])
    return front, east


def _fascia_and_soffit(shape, parts):
    s = shape.s
    t = s.thickness
    front, east = _eave_edges(shape)
    sides = [(front, 0, (0.0, -1.0))]
    if east is not None:
        sides.append((east, 1, (1.0, 0.0)))
    ov = s.overhang
    for eave, axis, outward in sides:
        u = eave[:, axis]
        lower = eave - [0.0, 0.0, t]
        # Fascia: the rafter ends, facing out; texture rows: flying rafters above, round rafters below.
        fascia = _strip(eave, lower, u, 1.0, 0.0)
        # Soffit: from the lowered eave back to the wall line at soffit_z, facing down.
        # The inner edge is the straight wall line, so the front and side soffits share their corner.
        ix, iy = shape.ex - ov, shape.ey - ov
        inner = lower.copy()
        if axis == 0:
            inner[:, 0] = np.clip(inner[:, 0], -ix, ix)
            inner[:, 1] = -iy
        else:
            inner[:, 0] = ix
            inner[:, 1] = np.clip(inner[:, 1], -iy, iy)
        inner[:, 2] = s.soffit_z
        soffit = _strip(inner, lower, u, ov, 0.0)
        if soffit.normals[:, 2].mean() > 0:
            soffit = soffit.flipped()
        if np.dot(fascia.normals.mean(axis=0)[:2], outward) < 0:
            fascia = fascia.flipped()
        mirror = scale(1, -1, 1) if axis == 0 else scale(-1, 1, 1)
        for mesh, surface in ((fascia, pal.rafter_ends(s.scheme)), (soffit, pal.eave_soffit(s.scheme))):
            parts.add(surface, mesh)
            parts.add(surface, mesh.transformed(mirror))
    if s.kind == "gable":
        # Verge boards under the gable ends.
        grid = shape.deform(shape.front_grid())
        for sign in (-1, 1):
            edge = grid[:, 0 if sign < 0 else -1]
            edge = np.concatenate([edge, edge[::-1][1:] * [1, -1, 1]])
            parts.add(pal.painted_wood(), sweep(edge, 0.3, t, base_offset=-t).colored(s.scheme.rgba("noerok")))
    # Ceiling inside the wall line, facing down (open pavilions show it from below).
    ix, iy = shape.ex - ov, shape.ey - ov
    ceiling = flat_polygon([(-ix, -iy), (ix, -iy), (ix, iy), (-ix, iy)], z=s.soffit_z + 0.02, up=False)
    parts.add(pal.eave_soffit(s.scheme), ceiling)


def _ornaments(shape, parts, hip_paths):
    s = shape.s
    tile = pal.ridge_tile()
    ridge_x = shape.top_half_length
    # Chwidu at the ends of the main ridge: a tall, slightly tapered, flared block.
    chwidu = concat([lathe([(0.42, 0.0), (0.36, 0.9), (0.46, 1.05), (0.3, 1.25), (0.0, 1.3)], 4, phase=45.0)])
    chwidu = chwidu.transformed(scale(0.8, 1.2, 1.0))
    for sign in (-1, 1):
        top = shape.deform([[sign * ridge_x, 0.0, s.ridge_z]])[0]
        parts.add(tile, chwidu.moved(top[0] - sign * 0.2, top[1], top[2] + s.ridge_height * 0.5))
    # Yongdu at the upper end of each corner ridge and japsang figures lined up down it.
    figure = lathe([(0.13, 0.0), (0.12, 0.12), (0.07, 0.2), (0.09, 0.3), (0.0, 0.34)], 5)
    head = lathe([(0.22, 0.0), (0.2, 0.35), (0.12, 0.5), (0.0, 0.52)], 5)
    for path in hip_paths:
        seg = np.linalg.norm(np.diff(path, axis=0), axis=1)
        along = np.concatenate([[0.0], np.cumsum(seg)])
        def at(dist):
            return np.array([np.interp(dist, along, path[:, k]) for k in range(3)])
        top_end = at(min(along[-1] * 0.55, 0.9 + 0.36 * (s.japsang + 2)))
        parts.add(tile, head.moved(*(top_end + [0.0, 0.0, 0.3])))
        for i in range(s.japsang):
            p = at(0.9 + 0.36 * i)
            parts.add(tile, figure.moved(*(p + [0.0, 0.0, 0.38])))


def roof(spec):
    """Parts for a whole roof: tiled faces, gables, ridges, ornaments, fascia, soffit and ceiling."""
    shape = _Shape(spec)
    parts = Parts()
    tiles = pal.giwa_roof()
    front_grid = shape.deform(shape.front_grid())
    front = grid_surface(front_grid, _slope_uvs(front_grid, 0))
    for mesh in _with_mirror(front):
        parts.add(tiles, mesh)
    hip_paths = []
    if spec.kind != "gable":
        side_grid = shape.deform(shape.side_grid())
        side = grid_surface(side_grid, _slope_uvs(side_grid, 1))
        for mesh in _with_mirror(side, across_x=True):
            parts.add(tiles, mesh)
        # Corner ridges follow the end columns of the front face: hips, then (paljak) the gable edge.
        edge = front_grid[:, -1]
        for mx, my in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
            hip_paths.append(edge * [mx, my, 1])
    if spec.kind == "hip_gable":
        _gables(shape, parts)
    # Main ridge: white lime sides under a dark tile cap, its ends curving up a little.
    xt = shape.top_half_length
    xs = np.linspace(-xt, xt, 13)
    ridge = np.column_stack([xs, np.zeros_like(xs), spec.ridge_z + 0.12 * (np.abs(xs) / xt) ** 4])
    ridge = shape.deform(ridge)
    plaster = pal.lime_plaster()
    parts.add(plaster, sweep(ridge, 0.55, spec.ridge_height, base_offset=-0.25))
    parts.add(pal.ridge_tile(), sweep(ridge, 0.72, 0.14, base_offset=spec.ridge_height - 0.25))
    for path in hip_paths:
        parts.add(plaster, sweep(path, 0.42, 0.42, base_offset=-0.12))
        parts.add(pal.ridge_tile(), sweep(path, 0.55, 0.1, base_offset=0.3))
    _fascia_and_soffit(shape, parts)
    _ornaments(shape, parts, hip_paths if spec.kind != "gable" else [])
    return parts


def _gables(shape, parts):
    """The vertical hapgak triangles of a paljak roof, boarded and painted."""
    s = shape.s
    grid = shape.front_grid()
    rows = shape.d >= s.gable_inset - 1e-9
    edge = grid[rows, -1]                     # (xg, y, z) from the gable base up to the ridge
    outline_yz = [(p[1], p[2]) for p in edge] + [(-p[1], p[2]) for p in edge[::-1][1:]]
    gable = flat_polygon(outline_yz)
    xg = shape.ex - s.gable_inset
    to_east = np.array([[0, 0, 1, xg], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]], dtype=float)
    east = gable.transformed(to_east)
    east.positions = shape.deform(east.positions)
    board = east.colored(s.scheme.rgba("column"))
    # A pale band (the bangpungpan's lower rail) along the foot of the gable.
    base_y = edge[0][1]
    rail = flat_polygon([(base_y, edge[0][2]), (-base_y, edge[0][2]), (-base_y, edge[0][2] + 0.35), (base_y, edge[0][2] + 0.35)])
    rail = rail.transformed(translate(0.04, 0, 0) @ to_east)
    rail.positions = shape.deform(rail.positions)
    rail = rail.colored(s.scheme.rgba("noerok" if s.scheme.painted else "white"))
    for mesh in (board, rail):
        parts.add(pal.painted_wood(), mesh)
        parts.add(pal.painted_wood(), mesh.transformed(scale(-1, 1, 1)))
