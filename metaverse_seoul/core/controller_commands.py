"""What the visitor asks for with the controllers, frame by frame: teleport, turn, move, select, use.

Both hands are read the same way wherever one hand's job does not need the other, so every action
is within reach of either controller alone:

- trigger: select (the laser pointer's click; near a kiosk, open it);
- grip: use the kiosk within reach, or close its panel (Enter on the desktop);
- menu (B on controllers whose menu button belongs to the system): a press shows or hides the help,
  or closes a panel; held for RECENTRE_HOLD_S it recentres the view;
- thumbstick, teleport mode (the default): push forward to aim, let go to jump, pull back to cancel;
  flick sideways to snap-turn (or hold sideways to turn smoothly when snap turning is off);
- thumbstick, smooth mode: the left stick walks (forward/back, sideways steps), the right one turns.
  One-handed (the setting, or when only one controller is tracked), either stick does both: forward
  and back walk where the head looks, sideways turns.

Each hand's input is read by attribute: `active`, `trigger` and `squeeze` (0..1), `stick` (x, y),
`menu` (bool); xr.types.HandInput is one such object.
"""

from dataclasses import dataclass, field
from typing import Optional

from .turning import DEAD_ZONE, SnapTurn, dead_zone, smooth_turn

HANDS = ("left", "right")
PRESS, RELEASE = 0.6, 0.4          # trigger and grip hysteresis: a resting finger does not click
AIM_ON, AIM_OFF = 0.7, 0.35        # stick travel that starts a teleport aim, and lets it go
RECENTRE_HOLD_S = 0.8


@dataclass
class Commands:
    aiming: Optional[str] = None          # the hand aiming a teleport now
    teleport: Optional[str] = None        # jump to where this hand's arc lands, now
    turn: float = 0.0                     # degrees to turn this frame (positive: left)
    move: tuple = (0.0, 0.0)              # (forward, strafe) in -1..1, relative to where the head looks
    select_down: list = field(default_factory=list)   # hands whose trigger went down
    select_up: list = field(default_factory=list)
    interact: bool = False
    menu: bool = False
    recentre: bool = False


class _Hand:
    def __init__(self, snap_degrees):
        self.trigger = self.squeeze = False
        self.menu_since = None      # seconds the menu button has been held, or None
        self.recentred = False      # this hold already recentred
        self.snap = SnapTurn(snap_degrees)


class CommandReader:
    """Turns each frame's hand input into Commands, following the comfort settings."""

    def __init__(self, locomotion="teleport", snap_degrees=45, smooth_turn_speed=90.0, one_handed=False):
        self.locomotion = locomotion
        self.snap_degrees = snap_degrees
        self.smooth_turn_speed = smooth_turn_speed
        self.one_handed = one_handed
        self.hands = {hand: _Hand(snap_degrees) for hand in HANDS}
        self.aiming = None

    def read(self, inputs, dt):
        """`inputs`: {hand: input} for the hands the runtime reports; dt: seconds since the last frame."""
        commands = Commands()
        active = {hand: inputs[hand] for hand in HANDS if hand in inputs and inputs[hand].active}
        for hand, state in active.items():
            self._buttons(hand, state, dt, commands)
        for hand in set(HANDS) - set(active):
            self.hands[hand] = _Hand(self.snap_degrees)  # a controller put down lets go of everything
            if self.aiming == hand:
                self.aiming = None
        if self.locomotion == "teleport":
            self._teleport_sticks(active, commands, dt)
        else:
            self._smooth_sticks(active, commands, dt)
        commands.aiming = self.aiming
        return commands

    def _buttons(self, hand, state, dt, commands):
        h = self.hands[hand]
        if not h.trigger and state.trigger >= PRESS:
            h.trigger = True
            commands.select_down.append(hand)
        elif h.trigger and state.trigger <= RELEASE:
            h.trigger = False
            commands.select_up.append(hand)
        if not h.squeeze and state.squeeze >= PRESS:
            h.squeeze = True
            commands.interact = True
        elif h.squeeze and state.squeeze <= RELEASE:
            h.squeeze = False
        self._menu(h, state.menu, dt, commands)

    @staticmethod
    def _menu(h, pressed, dt, commands):
        if pressed:
            h.menu_since = 0.0 if h.menu_since is None else h.menu_since + dt
            if h.menu_since >= RECENTRE_HOLD_S and not h.recentred:
                h.recentred = True
                commands.recentre = True
        elif h.menu_since is not None:
            if not h.recentred:
                commands.menu = True  # released before the hold: a press
            h.menu_since, h.recentred = None, False

    def _turn(self, hand, stick_x, dt):
        if self.snap_degrees:
            return self.hands[hand].snap.update(stick_x)
        return smooth_turn(stick_x, self.smooth_turn_speed, dt)

    def _teleport_sticks(self, active, commands, dt):
        for hand, state in active.items():
            x, y = state.stick
            if self.aiming == hand:
                if y <= -AIM_ON:
                    self.aiming = None          # pulled back: cancelled
                elif abs(x) < AIM_OFF and abs(y) < AIM_OFF:
                    self.aiming = None          # let go: jump
                    commands.teleport = hand
                continue
            if self.aiming is None and y >= AIM_ON and y > abs(x):
                self.aiming = hand
                continue
            if abs(x) > abs(y) or abs(x) < DEAD_ZONE:
                commands.turn += self._turn(hand, x, dt)

    def _smooth_sticks(self, active, commands, dt):
        one_handed = self.one_handed or len(active) == 1
        forward = strafe = 0.0
        for hand, state in active.items():
            x, y = state.stick
            forward += dead_zone(y) if one_handed or hand == "left" else 0.0
            if one_handed or hand == "right":
                commands.turn += self._turn(hand, x, dt)
            else:
                strafe += dead_zone(x)
        commands.move = (max(-1.0, min(1.0, forward)), max(-1.0, min(1.0, strafe)))
