"""The headset as the app sees it: a session that runs in the runtime's timing, whatever the runtime.

HeadsetSession drives a driver (the runtime's calls, below) through OpenXR's frame loop and session
lifecycle; the app calls begin_frame() before drawing and end_frame() after.

What each session state asks of the app (OpenXR 1.1, "Session lifecycle"):

    IDLE           not running: no frames; wait for READY
    READY          begin the session; the frame loop starts
    SYNCHRONIZED   frames are waited for and ended, but not shown: nothing need be drawn
    VISIBLE        frames are shown, but input goes elsewhere (a system menu): draw, read no input
    FOCUSED        drawn and in control: input is read (actions synced)
    STOPPING       end the session; the loop stops
    LOSS_PENDING   the headset is going away (unplugged, runtime quit): let go of the session now
    EXITING        the session is over (the app asked, or the runtime did): let go of it

Whether to draw a frame is the runtime's `should_render`, not a guess from the state.

A driver has these methods (fake.FakeRuntime and openxr_runtime.OpenXrDriver):

    name; eye_sizes() -> [(w, h)]; create_session(graphics); poll_states() -> [SessionState]
    begin_session(); end_session(); request_exit()
    wait_frame() -> (display_time, should_render); begin_frame()
    locate_views(t) -> [EyeView]; locate_head(t) -> Pose | None
    sync_actions(); read_hands(t) -> {hand: HandInput}
    submit_eye(eye, texture, (w, h)); end_frame(t, views or None)
    destroy_session(); close(); interaction_profiles -> {hand: profile path or None}
"""

import time
from dataclasses import dataclass, field

from ..core.figures import percentile
from .types import Frame, SessionState

EXIT_TIMEOUT_S = 5.0


@dataclass
class SessionStats:
    """What happened, for --stats and the tests: counts, states in order, and per-frame timings (s)."""

    frames_begun: int = 0
    frames_submitted: int = 0     # ended with a projection layer of located views
    views_located: int = 0
    actions_synced: int = 0
    states: list = field(default_factory=list)
    wait_s: list = field(default_factory=list)        # blocked in wait_frame: the runtime's pacing
    overhead_s: list = field(default_factory=list)    # the loop's own calls: begin, locate, sync, submit, end
    begin_s: list = field(default_factory=list)       # of which: poll, begin, locate views and head, read input
    submit_s: list = field(default_factory=list)      # the eye images handed over (acquire, wait, copy, release)
    end_s: list = field(default_factory=list)         # and end_frame

    def summary(self):
        def ms(values):
            return {"median": round(1000 * percentile(values, 0.5), 3),
                    "p95": round(1000 * percentile(values, 0.95), 3)} if values else None

        return {"frames_begun": self.frames_begun, "frames_submitted": self.frames_submitted,
                "views_located": self.views_located, "actions_synced": self.actions_synced,
                "states": list(self.states), "wait_ms": ms(self.wait_s[5:]),
                "overhead_ms": ms(self.overhead_s[5:]), "begin_ms": ms(self.begin_s[5:]),
                "submit_ms": ms(self.submit_s[5:]), "end_ms": ms(self.end_s[5:])}


class HeadsetSession:
    def __init__(self, driver, clock=time.perf_counter):
        self.driver = driver
        self.clock = clock
        self.state = SessionState.UNKNOWN
        self.running = False      # between begin_session and end_session: frames are due
        self.ended = False        # the session is gone (exited or lost); the app carries on without it
        self.lost = False         # it went because the headset went
        self.frame = None         # the Frame between begin_frame and end_frame
        self.stats = SessionStats()
        self._spent = 0.0         # this frame's loop overhead so far

    @property
    def name(self):
        return self.driver.name

    @property
    def focused(self):
        return self.state == SessionState.FOCUSED

    def eye_sizes(self):
        return self.driver.eye_sizes()

    @property
    def interaction_profiles(self):
        """The kind of controller in each hand, as the runtime last said (OpenXR profile paths)."""
        return self.driver.interaction_profiles

    def start(self, graphics):
        """Create the session on the app's graphics context (xr.gl_context)."""
        self.driver.create_session(graphics)

    # --- lifecycle ------------------------------------------------------------------------------
    def poll(self):
        """Handle the session states the runtime reported since the last call."""
        for state in self.driver.poll_states():
            self._enter(state)

    def _enter(self, state):
        self.state = state
        self.stats.states.append(state.name)
        if state == SessionState.READY:
            self.driver.begin_session()
            self.running = True
        elif state == SessionState.STOPPING:
            self.driver.end_session()
            self.running = False
        elif state in (SessionState.LOSS_PENDING, SessionState.EXITING):
            self.running = False
            self.ended = True
            self.lost = state == SessionState.LOSS_PENDING
            self.driver.destroy_session()

    # --- frames ---------------------------------------------------------------------------------
    def begin_frame(self):
        """Wait for the runtime's next frame and begin it; the Frame, or None when no frame is due."""
        start = self.clock()
        self.poll()
        if not self.running:
            return None
        waited = self.clock()
        display_time, should_render = self.driver.wait_frame()
        woke = self.clock()
        self.driver.begin_frame()
        frame = Frame(display_time, should_render)
        if should_render:
            frame.views = list(self.driver.locate_views(display_time))
            frame.head = self.driver.locate_head(display_time)
            self.stats.views_located += bool(frame.views)
        if self.focused:
            self.driver.sync_actions()
            self.stats.actions_synced += 1
            frame.hands = dict(self.driver.read_hands(display_time))
        self.stats.frames_begun += 1
        self.stats.wait_s.append(woke - waited)
        self._spent = (waited - start) + (self.clock() - woke)
        self.stats.begin_s.append(self._spent)
        self.frame = frame
        return frame

    def end_frame(self, eye_textures=()):
        """End the frame begun; with `eye_textures` ([(texture, (w, h))] per eye) drawn for it, they
        are shown in the headset."""
        frame, self.frame = self.frame, None
        if frame is None:
            return
        start = self.clock()
        show = bool(frame.should_render and frame.views and len(eye_textures) == len(frame.views))
        if show:
            for eye, (texture, size) in enumerate(eye_textures):
                self.driver.submit_eye(eye, texture, size)
        submitted = self.clock()
        self.driver.end_frame(frame.display_time, frame.views if show else None)
        ended = self.clock()
        self.stats.frames_submitted += show
        self.stats.submit_s.append(submitted - start)
        self.stats.end_s.append(ended - submitted)
        self.stats.overhead_s.append(self._spent + ended - start)

    # --- the end --------------------------------------------------------------------------------
    def request_exit(self):
        """Ask the runtime to end the session; it goes STOPPING, then EXITING."""
        if self.running:
            self.driver.request_exit()
        elif not self.ended:
            self._enter(SessionState.EXITING)  # never begun: nothing to stop

    def finish(self, timeout=EXIT_TIMEOUT_S, sleep=time.sleep):
        """End the session the clean way; True when it reached EXITING in time."""
        if self.frame is not None:
            self.end_frame()
        self.request_exit()
        deadline = self.clock() + timeout
        while not self.ended and self.clock() < deadline:
            self.poll()
            sleep(0.005)
        return self.ended and not self.lost

    def close(self):
        self.driver.close()
