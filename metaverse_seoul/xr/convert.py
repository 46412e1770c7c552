"""OpenXR's frame (y up, -z forward) to the app's (z up, +y forward).

A point (x, y, z) in OpenXR is (x, -z, y) here; a rotation's quaternion (w, x, y, z) is (w, x, -z, y):
the same change of basis applied to its axis.
"""


def position_from_xr(x, y, z):
    return x, -z, y


def orientation_from_xr(w, x, y, z):
    return w, x, -z, y

