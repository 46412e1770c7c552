"""What a headset tells the app, in the app's frame (metres, z up, +y forward), with no engine types."""

import enum
from dataclasses import dataclass, field
from typing import Optional

from ..core.rotations import IDENTITY

HANDS = ("left", "right")


class SessionState(enum.IntEnum):
    """OpenXR's session states, with its numbers (XrSessionState)."""

    UNKNOWN = 0
    IDLE = 1
    READY = 2
    SYNCHRONIZED = 3
    VISIBLE = 4
    FOCUSED = 5
    STOPPING = 6
    LOSS_PENDING = 7
    EXITING = 8


class XrUnavailable(Exception):
    """No headset to render to: no runtime, no headset attached, or no session for our graphics."""


@dataclass(frozen=True)
class Pose:
    position: tuple = (0.0, 0.0, 0.0)
    orientation: tuple = IDENTITY  # (w, x, y, z)


@dataclass(frozen=True)
class Fov:
    """The four angles of an eye's view (radians; left and down are negative), often asymmetric."""

    left: float
    right: float
    up: float
    down: float


@dataclass(frozen=True)
class EyeView:
    pose: Pose
    fov: Fov


@dataclass(frozen=True)
class HandInput:
    """One controller (or tracked hand) this frame; `active` is False when the runtime has none."""

    active: bool = False
    aim: Optional[Pose] = None     # where it points: +y along the ray
    grip: Optional[Pose] = None    # where it is held
    trigger: float = 0.0
    squeeze: float = 0.0
    stick: tuple = (0.0, 0.0)
    menu: bool = False


@dataclass
class Frame:
    """One frame of the runtime's loop, between begin_frame and end_frame."""

    display_time: int                     # when it will be shown (the runtime's nanoseconds)
    should_render: bool
    views: list = field(default_factory=list)      # EyeView per eye; empty when not located
    head: Optional[Pose] = None
    hands: dict = field(default_factory=dict)      # hand name -> HandInput (focused sessions only)
