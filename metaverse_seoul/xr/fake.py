"""A scripted OpenXR runtime for tests: head and hand poses, session states, and a runtime's strictness.

It behaves as a runtime does where the app can tell: states arrive through poll_states() in
OpenXR's order (IDLE, READY; after begin_session SYNCHRONIZED, then VISIBLE and FOCUSED once a frame
has been ended; STOPPING after request_exit; IDLE and EXITING after end_session), frames must be
waited for, begun and ended in turn, and a call out of order raises FakeRuntimeError, which a real
runtime would answer with an error result. A script adds what a test needs:

    fake = FakeRuntime(FakeScript(states={30: [SessionState.VISIBLE], 40: [SessionState.FOCUSED]}))
    fake.head = Pose((0, 0, 1.2))                          # seated
    fake.hands["right"] = HandInput(active=True, aim=..., trigger=1.0)

Poses are in the app's frame (z up, +y forward) and the room's floor is z = 0.
"""

import math
from dataclasses import dataclass, field

from ..core.rotations import look_at, rotate
from .types import HANDS, EyeView, Fov, HandInput, Pose, SessionState

FRAME_NS = 11_111_111  # a 90 Hz headset
# An asymmetric field of view like a real headset's: each eye sees more to its outer side.
LEFT_EYE_FOV = Fov(left=-0.82, right=0.70, up=0.76, down=-0.80)


class FakeRuntimeError(AssertionError):
    """The app called the runtime out of order (a real one would answer with an error)."""


def mirrored(fov):
    return Fov(-fov.right, -fov.left, fov.up, fov.down)


@dataclass
class FakeScript:
    eye_size: tuple = (320, 240)
    ipd: float = 0.063
    fov: Fov = LEFT_EYE_FOV                          # the left eye's; the right one is its mirror
    states: dict = field(default_factory=dict)       # frames ended -> states the runtime reports then
    name: str = "Fake runtime: scripted headset"


class FakeRuntime:
    def __init__(self, script=None):
        self.script = script or FakeScript()
        self.name = self.script.name
        self.head = Pose((0.0, 0.0, 1.6))
        self.hands = {}              # hand -> HandInput, as a test sets them
        self.interaction_profiles = {}  # hand -> profile path, as a test sets them
        self.calls = []              # every call the app made, in order (names)
        self.submitted = []          # per ended frame: {"time", "views", "eyes": [(texture, size)]}
        self.graphics = None
        self._queue = []
        self._state = None
        self._frame = 0              # frames ended
        self._phase = "none"         # none | waited | begun
        self._eyes = []
        self._scripted = dict(self.script.states)
        self._focus_after_frame = False
        self.closed = False

    # --- helpers ------------------------------------------------------------------------------------
    def _call(self, name, *allowed_states):
        self.calls.append(name)
        if allowed_states and self._state not in allowed_states:
            raise FakeRuntimeError(f"{name} in state {self._state and self._state.name}")

    def _report(self, *states):
        self._queue.extend(states)

    def schedule(self, *states, after=0):
        """Report `states` once `after` more frames have ended (a test's scripted runtime event)."""
        self._scripted.setdefault(self._frame + after, []).extend(states)

    @property
    def running(self):
        return self._state in (SessionState.READY, SessionState.SYNCHRONIZED, SessionState.VISIBLE,
                               SessionState.FOCUSED, SessionState.STOPPING)

    # --- the driver's calls -------------------------------------------------------------------------
    def eye_sizes(self):
        return [self.script.eye_size, self.script.eye_size]

    def create_session(self, graphics):
        self._call("create_session")
        self.graphics = graphics
        self._report(SessionState.IDLE, SessionState.READY)

    def poll_states(self):
        self.calls.append("poll_states")
        for frame in [f for f in self._scripted if f <= self._frame]:
            self._report(*self._scripted.pop(frame))
        states, self._queue = self._queue, []
        for state in states:
            self._state = state
        return states

    def begin_session(self):
        self._call("begin_session", SessionState.READY)
        self._report(SessionState.SYNCHRONIZED)
        self._focus_after_frame = True

    def request_exit(self):
        self._call("request_exit", *[s for s in SessionState if s.value in (2, 3, 4, 5)])
        self._report(SessionState.STOPPING)

    def end_session(self):
        self._call("end_session", SessionState.STOPPING)
        self._report(SessionState.IDLE, SessionState.EXITING)

    def wait_frame(self):
        self._call("wait_frame")
        if not self.running or self._phase != "none":
            raise FakeRuntimeError(f"wait_frame while {self._phase}, state {self._state}")
        self._phase = "waited"
        should_render = self._state in (SessionState.VISIBLE, SessionState.FOCUSED)
        return (self._frame + 1) * FRAME_NS, should_render

    def begin_frame(self):
        self._call("begin_frame")
        if self._phase != "waited":
            raise FakeRuntimeError("begin_frame without wait_frame")
        self._phase = "begun"
        self._eyes = []

    def locate_views(self, display_time):
        self._call("locate_views")
        fovs = (self.script.fov, mirrored(self.script.fov))
        views = []
        for side, fov in zip((-1, 1), fovs):
            offset = rotate(self.head.orientation, (side * self.script.ipd / 2, 0.0, 0.0))
            position = tuple(p + o for p, o in zip(self.head.position, offset))
            views.append(EyeView(Pose(position, self.head.orientation), fov))
        return views

    def locate_head(self, display_time):
        return self.head

    def sync_actions(self):
        self._call("sync_actions", SessionState.FOCUSED)

    def read_hands(self, display_time):
        return {hand: self.hands.get(hand, HandInput()) for hand in HANDS}

    def submit_eye(self, eye, texture, size):
        self._call("submit_eye")
        if self._phase != "begun":
            raise FakeRuntimeError("submit_eye outside a frame")
        self._eyes.append((texture, size))

    def end_frame(self, display_time, views):
        self._call("end_frame")
        if self._phase != "begun":
            raise FakeRuntimeError("end_frame without begin_frame")
        if views and len(self._eyes) != len(views):
            raise FakeRuntimeError(f"{len(views)} views but {len(self._eyes)} eye images")
        self._phase = "none"
        self._frame += 1
        self.submitted.append({"time": display_time, "views": views, "eyes": list(self._eyes)})
        if self._focus_after_frame:  # as runtimes do once the app's frames arrive
            self._focus_after_frame = False
            self._report(SessionState.VISIBLE, SessionState.FOCUSED)

    def destroy_session(self):
        self._call("destroy_session")
        if self.running and self._state != SessionState.LOSS_PENDING:
            raise FakeRuntimeError(f"destroy_session while running ({self._state.name}): end it first")

    def close(self):
        self.calls.append("close")
        self.closed = True

    @property
    def frames_ended(self):
        return self._frame


def aim_at(origin, target):
    """A Pose at `origin` whose +y axis (an aim pose's ray) points at `target`."""
    direction = tuple(t - o for t, o in zip(target, origin))
    if math.sqrt(sum(c * c for c in direction)) < 1e-9:
        raise ValueError("aim_at: origin and target are the same point")
    return Pose(tuple(origin), look_at(direction))
