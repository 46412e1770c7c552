"""The comfort vignette: the edges of the view dim while the visitor moves or turns smoothly.

Motion seen at the edge of the visual field while the body feels still is what makes people sick
in a headset; narrowing the field while moving cuts most of it. The strength (0: no vignette, 1: the
narrowest opening) follows speed and turning rate, rises quickly and fades out gently so a stop
does not flash. Teleports and snap turns are instant, so they need none.
"""

FULL_AT_SPEED = 2.0      # m/s: walking faster than this gets the full vignette
FULL_AT_TURN = 90.0      # degrees per second
RISE_PER_S = 6.0         # strength per second while it grows (full in about 0.17 s)
FALL_PER_S = 2.0         # and while it fades
OPEN_DEGREES = 70.0      # half-angle of the clear view at strength 0 (outside a headset's view)
NARROW_DEGREES = 32.0    # and at strength 1


def target_strength(speed, turn_rate, enabled=True):
    """The strength motion at `speed` (m/s) and `turn_rate` (deg/s) calls for."""
    if not enabled:
        return 0.0
    return min(1.0, max(abs(speed) / FULL_AT_SPEED, abs(turn_rate) / FULL_AT_TURN))


def eased(current, target, dt):
    """One frame's step from `current` towards `target`."""
    if target > current:
        return min(target, current + RISE_PER_S * dt)
    return max(target, current - FALL_PER_S * dt)


def opening_degrees(strength):
    """Half-angle of the clear part of the view for a strength."""
    return OPEN_DEGREES + (NARROW_DEGREES - OPEN_DEGREES) * max(0.0, min(1.0, strength))
