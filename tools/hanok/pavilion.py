"""A whole timber building: frame, optional floor and walls, and roof, in one call.

Pivot: the centre of the column grid at z = 0 (the top of whatever it stands on), front = -y.
Use it for halls and gate pavilions; place the result with Parts.moved().
"""

from dataclasses import dataclass, field

import numpy as np

from ..meshkit import box, flat_polygon
from . import palette as pal
from .openings import lattice_panel, plank_doors
from .parts import Parts, sweep
from .roofs import RoofSpec, roof
from .timber import frame


@dataclass
class PavilionSpec:
    bays_x: list                     # front bay widths (m), e.g. [3.9, 4.8, 3.9]
    bays_y: list                     # side bay widths (m)
    column_height: float = 3.6
    diameter: float = 0.45
    roof_kind: str = "hipped"        # hipped (ujingak) | hip_gable (paljak) | gable (matbae)
    brackets: str = "dapo"           # dapo | jusimpo | ikgong
    bracket_tiers: int = 2
    eave_overhang: float = 2.2       # plan distance from the column line to the eave
    roof_pitch: float = 0.62         # ridge rise over the half depth of the eave outline
    floor_height: float = 0.0        # > 0: a raised wooden floor (maru) with a railing
    walls: str = "open"              # open | lattice (lattice doors all round) | gate (plank doors, see below)
    lattice_pattern: str = "grid"
    door_angle: float = 0.0          # gate: how far the plank doors stand open (degrees, inwards = +y)
    intercolumnar: object = None     # dapo sets between columns: one count, or one per front bay
    interior_columns: bool = True
    japsang: int = 5
    angok: float = 0.7
    anhyeo: float = 0.45
    scheme: pal.DancheongScheme = field(default=pal.MORO)


def pavilion(spec):
    """Parts of the whole building and a summary dict (footprint, eave and ridge heights) for provenance."""
    parts = Parts()
    z0 = spec.floor_height
    frame_parts, top, (hx, hy) = frame(spec.bays_x, spec.bays_y, spec.column_height, spec.diameter, spec.scheme,
                                       spec.brackets, spec.bracket_tiers, intercolumnar=spec.intercolumnar,
                                       interior_columns=spec.interior_columns, z0=z0)
    parts.extend(frame_parts)
    if spec.floor_height > 0:
        floor = flat_polygon([(-hx - 0.3, -hy - 0.3), (hx + 0.3, -hy - 0.3), (hx + 0.3, hy + 0.3), (-hx - 0.3, hy + 0.3)],
                             z=spec.floor_height)
        parts.add(pal.floor_boards(), floor)
        parts.add(pal.painted_wood(), box((-hx - 0.3, -hy - 0.3, 0.0), (hx + 0.3, hy + 0.3, spec.floor_height - 0.01),
                                          "nsew").colored(spec.scheme.rgba("column")))
    if spec.walls == "lattice":
        xs = np.concatenate([[0.0], np.cumsum(spec.bays_x)]) - sum(spec.bays_x) / 2
        ys = np.concatenate([[0.0], np.cumsum(spec.bays_y)]) - sum(spec.bays_y) / 2
        door_h = spec.column_height * 0.78
        for side_heading, edges, plane in ((0.0, xs, -hy), (180.0, -xs[::-1], -hy), (90.0, ys, -hx), (-90.0, -ys[::-1], -hx)):
            for a, b in zip(edges[:-1], edges[1:]):
                panel = lattice_panel(b - a - spec.diameter, door_h, spec.lattice_pattern, 2 if b - a < 4 else 4,
                                      scheme=spec.scheme)
                parts.extend(panel.moved((a + b) / 2, plane, z0 + 0.3).moved(heading=side_heading))
    if spec.walls == "gate":
        parts.extend(_gate_walls(spec, hx, z0))
    ex, ey = hx + spec.eave_overhang, hy + spec.eave_overhang
    eave_z = top + 0.55
    ridge_z = eave_z + ey * spec.roof_pitch * 1.35
    roof_spec = RoofSpec(half_length=max(ex, ey), half_depth=min(ex, ey), eave_z=eave_z, ridge_z=ridge_z,
                         kind=spec.roof_kind, overhang=spec.eave_overhang + 0.2, soffit_z=top + 0.05,
                         japsang=spec.japsang, angok=spec.angok, anhyeo=spec.anhyeo, scheme=spec.scheme)
    parts.extend(roof(roof_spec))
    summary = {"column_line": [round(2 * hx, 2), round(2 * hy, 2)], "eave_outline": [round(2 * ex, 2), round(2 * ey, 2)],
               "bracket_top_z": round(top, 2), "eave_z": round(eave_z, 2), "ridge_z": round(ridge_z, 2)}
    return parts, summary


def railing(path, height=0.75, post_spacing=1.2, scheme=pal.MORO):
    """A gyeran railing (posts with a hand rail and a low rail) along a 3D polyline (K, 3)."""
    parts = Parts()
    p = np.asarray(path, dtype=np.float64)
    colour = scheme.rgba("column")
    rails = [sweep(p + [0, 0, z], 0.08, 0.08) for z in (height - 0.08, 0.25)]
    for rail in rails:
        parts.add(pal.painted_wood(), rail.colored(colour))
    along = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(p, axis=0), axis=1))])
    for d in np.arange(0.0, along[-1] + 1e-6, post_spacing):
        c = np.array([np.interp(d, along, p[:, k]) for k in range(3)])
        parts.add(pal.painted_wood(), box((c[0] - 0.05, c[1] - 0.05, c[2]), (c[0] + 0.05, c[1] + 0.05, c[2] + height))
                  .colored(colour))
    return parts


def _gate_walls(spec, hx, z0):
    """A gate hall (e.g. a palace's main gate): a pair of plank doors in every front bay on the middle
    row of columns (y = 0), and plastered walls closing the two ends between the side columns."""
    parts = Parts()
    base_h = 0.3                     # the column bases (timber.frame)
    lintel = spec.column_height - max(0.35, spec.diameter * 0.9)
    xs = np.concatenate([[0.0], np.cumsum(spec.bays_x)]) - sum(spec.bays_x) / 2
    door_h = lintel - 0.25
    for a, b in zip(xs[:-1], xs[1:]):
        width = b - a - spec.diameter * 0.9
        parts.extend(plank_doors(width, door_h, open_angle=spec.door_angle).moved((a + b) / 2, 0.0, z0 + base_h))
    hy = sum(spec.bays_y) / 2
    for sign in (-1, 1):
        x = sign * hx
        wall = box((x - 0.14, -hy, z0), (x + 0.14, hy, z0 + base_h + lintel), "ewt")
        parts.add(pal.lime_plaster(), wall)
        parts.add(pal.granite(), box((x - 0.2, -hy, z0), (x + 0.2, hy, z0 + 0.6), "ewt"))
    return parts


def corridor(bays, depth_bays=(2.7,), column_height=3.0, diameter=0.3, back_wall=True, scheme=pal.MORO):
    """A roofed corridor (haenggak) along x: len(bays) kan long, open to the front (-y), with a gable
    (matbae) roof on ikgong brackets and, when back_wall, a plastered outer wall with small lattice
    windows along its back (+y) row of columns. Pivot: centre of the column grid at z = 0.
    Returns (Parts, summary) as pavilion() does."""
    spec = PavilionSpec(list(bays), list(depth_bays), column_height=column_height, diameter=diameter,
                        roof_kind="gable", brackets="ikgong", eave_overhang=1.1, roof_pitch=0.5, japsang=0,
                        angok=0.0, anhyeo=0.0, scheme=scheme)
    parts, summary = pavilion(spec)
    if back_wall:
        hx, hy = summary["column_line"][0] / 2, summary["column_line"][1] / 2
        xs = np.concatenate([[0.0], np.cumsum(bays)]) - hx
        lintel = column_height - max(0.35, diameter * 0.9) + 0.3
        for a, b in zip(xs[:-1], xs[1:]):
            parts.add(pal.lime_plaster(), box((a, hy - 0.1, 0.0), (b, hy + 0.1, lintel), "nst"))
            parts.add(pal.granite(), box((a, hy - 0.14, 0.0), (b, hy + 0.14, 0.5), "nst"))
            window = lattice_panel(min(1.2, (b - a) * 0.45), 0.7, "bars", 2, scheme=scheme)
            parts.extend(window.moved((a + b) / 2, hy + 0.11, lintel - 1.2, 180.0))  # facing out (+y)
    return parts, summary
