"""Lattice doors and windows (changho) and plank gate doors, on a wall plane.

Pivot: the opening's bottom centre at the origin, in the plane y = 0, facing -y (the front).
"""

import numpy as np

from ..meshkit import box, concat, quad
from . import palette as pal
from .parts import Parts


def lattice_panel(width, height, pattern="grid", leaves=2, frame=0.09, scheme=pal.MORO):
    """A lattice door or window filling width x height, split into `leaves` leaves with frames.
    The lattice is a texture with a normal map over hanji paper; frames are vertex-coloured wood."""
    parts = Parts()
    paper = pal.lattice(pattern)
    leaf_w = width / leaves
    frames = []
    for k in range(leaves):
        x0 = -width / 2 + k * leaf_w
        panel = quad((x0, -0.01, 0.0), (x0 + leaf_w, -0.01, 0.0), (x0 + leaf_w, -0.01, height), (x0, -0.01, height),
                     uv=np.array([(x0, 0.0), (x0 + leaf_w, 0.0), (x0 + leaf_w, height), (x0, height)]))
        parts.add(paper, panel)
        frames += [box((x0, -0.06, 0.0), (x0 + frame, 0.0, height), "swet"),
                   box((x0 + leaf_w - frame, -0.06, 0.0), (x0 + leaf_w, 0.0, height), "swet"),
                   box((x0, -0.06, height - frame), (x0 + leaf_w, 0.0, height), "swetb"),
                   box((x0, -0.06, 0.0), (x0 + leaf_w, 0.0, frame * 1.5), "swet")]
    wood = scheme.rgba("column" if scheme.painted else "noerok")
    parts.add(pal.painted_wood(), concat(frames).colored(wood))
    return parts


def plank_doors(width, height, open_angle=0.0, thickness=0.12):
    """A pair of plank gate doors (red, with studded bands) hinged at the jambs; open_angle in degrees
    swings both leaves inwards (+y)."""
    parts = Parts()
    leaf = width / 2
    for side in (-1, 1):
        door = box((0.0, 0.0, 0.0), (leaf, thickness, height)) if side < 0 else \
            box((-leaf, 0.0, 0.0), (0.0, thickness, height))
        bands = [box((0.0 if side < 0 else -leaf, -0.02, z), (leaf if side < 0 else 0.0, 0.0, z + 0.1), "swet")
                 for z in (height * 0.15, height * 0.5, height * 0.85)]
        hinge_x = -width / 2 if side < 0 else width / 2
        turn = -open_angle if side < 0 else open_angle
        parts.add(pal.door_red(), door.moved(hinge_x, 0, 0, turn))
        parts.add(pal.ridge_tile(), concat(bands).moved(hinge_x, 0, 0, turn))
    return parts


def plaque(name, text, width, height, ink="#E9D9A6", scheme=pal.MORO):
    """A name board (hyeonpan) hung under the eaves: `text` as written on the board (right to left),
    width x height metres. Pivot: the top centre of the board's face at the origin, facing -y."""
    parts = Parts()
    board = quad((-width / 2, -0.08, -height), (width / 2, -0.08, -height), (width / 2, -0.08, 0.0),
                 (-width / 2, -0.08, 0.0), uv=np.array([(0, 0), (1, 0), (1, 1), (0, 1)], dtype=np.float64))
    parts.add(pal.plaque_surface(name, text, ink=ink, scheme=scheme), board)
    parts.add(pal.painted_wood(), box((-width / 2, -0.07, -height), (width / 2, 0.0, 0.0), "ewtb")
              .colored(scheme.rgba("black")))
    return parts
