"""A whole timber building: frame, optional floor and walls, and roof, in one call.

Pivot: the centre of the column grid at z = 0 (the top of whatever it stands on), front = -y.
Use it for halls and gate pavilions; place the result with Parts.moved().
"""

from dataclasses import dataclass, field

import numpy as np

from ..meshkit import box, flat_polygon
from . import palette as pal
from .openings import lattice_panel
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
    walls: str = "open"              # open | lattice (lattice doors all round)
    lattice_pattern: str = "grid"
    japsang: int = 5
    angok: float = 0.7
    anhyeo: float = 0.45
    scheme: pal.DancheongScheme = field(default=pal.MORO)


def pavilion(spec):
    """Parts of the whole building and a summary dict (footprint, eave and ridge heights) for provenance."""
    parts = Parts()
    z0 = spec.floor_height
    frame_parts, top, (hx, hy) = frame(spec.bays_x, spec.bays_y, spec.column_height, spec.diameter, spec.scheme,
                                       spec.brackets, spec.bracket_tiers, z0=z0)
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
