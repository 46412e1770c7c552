"""Where every lantern of a scene is, decided from its manifest (core/festival_manifest.py) without the
engine: arrays the renderer copies straight into its instance buffers.

    layout = lay_out(manifest.lanterns, kinds=["round", "lotus", "tiger"])
    layout.count, layout.position[0], layout.kind[0]

Placement is deterministic: each group draws from its own seeded generator, so the same manifest
always gives the same festival, and adding a group does not move the lanterns of the others.
"""

from dataclasses import dataclass

import numpy as np

from .lighting import srgb_to_linear

FULL_TURN = 2 * np.pi


@dataclass
class LanternLayout:
    kinds: list            # kind names; `kind` indexes into it
    kind: np.ndarray       # (N,) int
    position: np.ndarray   # (N, 3) float: the foot of each lantern, metres
    heading: np.ndarray    # (N,) radians, counter-clockwise from above
    size: np.ndarray       # (N,) scale of the kind's model
    colour: np.ndarray     # (N, 3) linear RGB the paper is dyed
    glow: np.ndarray       # (N,) brightness of the lit paper
    bob: np.ndarray        # (N,) metres of up-and-down motion
    phase: np.ndarray      # (N,) radians: each lantern moves at its own moment
    on_water: np.ndarray   # (N,) bool: floats, its light is drawn on the water
    light: np.ndarray      # (N,) bool: may light its surroundings

    @property
    def count(self):
        return len(self.kind)


def _colours(hex_list):
    return np.array([srgb_to_linear(tuple(int(h[i:i + 2], 16) / 255 for i in (1, 3, 5))) for h in hex_list])


def _along(points, count):
    """`count` points evenly spaced along a polyline, each in the middle of its share."""
    points = np.asarray(points, dtype=np.float64)
    lengths = np.linalg.norm(np.diff(points, axis=0), axis=1)
    cumulative = np.concatenate([[0.0], np.cumsum(lengths)])
    wanted = (np.arange(count) + 0.5) * cumulative[-1] / count
    return np.column_stack([np.interp(wanted, cumulative, points[:, k]) for k in range(3)])


def _uniform(rng, bounds, count):
    low, high = bounds[0], bounds[-1]
    return rng.uniform(low, high, count) if high > low else np.full(count, float(low))


def _place(group, rng):
    """(positions (n, 3), headings (n,)) of one group."""
    if group.at is not None:
        spots = np.asarray(group.at, dtype=np.float64)
        return spots[:, :3], np.radians(spots[:, 3])
    if group.along is not None:
        positions = _along(group.along, group.count)
    else:
        (x0, y0), (x1, y1) = group.area
        positions = np.column_stack([rng.uniform(x0, x1, group.count), rng.uniform(y0, y1, group.count),
                                     _uniform(rng, group.height, group.count)])
    return positions, rng.uniform(0.0, FULL_TURN, len(positions))


def _group_arrays(group, kind_index):
    rng = np.random.default_rng(group.seed)
    positions, headings = _place(group, rng)
    n = len(positions)
    palette = _colours(group.colours)
    return {"kind": np.full(n, kind_index), "position": positions, "heading": headings,
            "size": _uniform(rng, group.size, n), "colour": palette[rng.integers(0, len(palette), n)],
            "glow": np.full(n, group.glow), "bob": np.full(n, group.bob),
            "phase": rng.uniform(0.0, FULL_TURN, n), "on_water": np.full(n, group.on_water),
            "light": np.full(n, group.light)}


def lay_out(lanterns, kinds):
    """Every lantern of `lanterns` (a festival_manifest.Lanterns); `kinds`: the model's kind names."""
    parts = [_group_arrays(group, kinds.index(group.kind)) for group in lanterns.groups]
    joined = {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}
    return LanternLayout(kinds=list(kinds), **joined)


def nearest_models(position, reach, camera, limit):
    """Indices (sorted) of the lanterns to draw as models from `camera`: those within their `reach`
    (metres, per lantern: a large figure stays a model farther away), the nearest `limit` of them by
    distance over reach. The rest are drawn as impostors."""
    if limit <= 0 or len(position) == 0:
        return np.zeros(0, dtype=np.int64)
    offset = position - np.asarray(camera, dtype=np.float64)
    ratio = np.einsum("ij,ij->i", offset, offset) / (reach * reach)
    inside = np.flatnonzero(ratio < 1.0)
    if len(inside) > limit:
        inside = inside[np.argpartition(ratio[inside], limit - 1)[:limit]]
    return np.sort(inside)


def nearest(position, candidates, camera, count):
    """The `count` nearest of the lanterns `candidates` (indices) to `camera`, nearest first."""
    if count <= 0 or len(candidates) == 0:
        return np.zeros(0, dtype=np.int64)
    offset = position[candidates] - np.asarray(camera, dtype=np.float64)
    order = np.argsort(np.einsum("ij,ij->i", offset, offset), kind="stable")[:count]
    return candidates[order]
