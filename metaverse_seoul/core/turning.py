"""Turning with a thumbstick in a headset: snap turns (a flick, one step) or smooth turning.

Snap turning is the comfortable default: the view jumps by a fixed angle (30, 45 or 90 degrees) with
no rotation seen in between, which is what makes smooth turning sickening for many people. A flick
turns once; the stick must come back near the centre before it turns again (hysteresis, so a stick
resting near the threshold does not turn twice).

Directions follow headings: pushing the stick right turns right, which lowers the heading.
"""

SNAP_CHOICES = (30, 45, 90)
DEAD_ZONE = 0.2        # stick travel ignored: worn sticks rest a little off centre
FLICK_ON = 0.7         # a snap turn fires past this
FLICK_OFF = 0.35       # and re-arms once the stick is back inside this


def dead_zone(value, zone=DEAD_ZONE):
    """Stick travel with the dead zone cut out and the rest rescaled to reach 1 again."""
    if abs(value) <= zone:
        return 0.0
    sign = 1.0 if value > 0 else -1.0
    return sign * min(1.0, (abs(value) - zone) / (1.0 - zone))


class SnapTurn:
    """Edge-triggered snap turns from a stick's sideways axis."""

    def __init__(self, degrees):
        self.degrees = degrees
        self.armed = True

    def update(self, stick_x):
        """Degrees to turn this frame: 0, or -degrees (right) / +degrees (left) on a flick."""
        if abs(stick_x) < FLICK_OFF:
            self.armed = True
            return 0.0
        if self.armed and abs(stick_x) >= FLICK_ON:
            self.armed = False
            return -self.degrees if stick_x > 0 else self.degrees
        return 0.0


def smooth_turn(stick_x, degrees_per_second, dt):
    """Degrees to turn this frame for a stick held sideways."""
    return -dead_zone(stick_x) * degrees_per_second * dt
