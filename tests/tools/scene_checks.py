"""Checks shared by the scene tests: is a point inside a manifest collider, is a spot reachable."""

import math


def inside_collider(collider, x, y, margin=0.0):
    if collider.circle is not None:
        cx, cy, r = collider.circle
        return math.hypot(x - cx, y - cy) < r + margin
    cx, cy, width, depth = collider.box
    h = math.radians(collider.heading)
    # Into the box's own frame (width along its x, depth along its y).
    dx, dy = x - cx, y - cy
    lx = dx * math.cos(h) + dy * math.sin(h)
    ly = -dx * math.sin(h) + dy * math.cos(h)
    return abs(lx) < width / 2 + margin and abs(ly) < depth / 2 + margin


def blocked(manifest, x, y, margin=0.3):
    return [c for c in manifest.colliders if inside_collider(c, x, y, margin)]


def within_bounds(manifest, x, y):
    bounds = manifest.ground.bounds
    if bounds is None:
        return True
    (x0, y0), (x1, y1) = bounds
    return x0 <= x <= x1 and y0 <= y <= y1
