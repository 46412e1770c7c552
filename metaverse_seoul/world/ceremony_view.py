"""A ceremony in the world (core/ceremony.py decides what is due): the countdown over the view, and at
each strike the bell's sound, its caption ("[the bell rings — 12 of 33]") and the striker swung.

The clock is the app's, read every frame: a test moves it and hears the same sequence. Arriving in the
middle of the strikes, the visitor hears the next one, not the ones already rung.
"""

import math

from ..core.ceremony import AFTER, COUNTDOWN, ceremony_state, clock_text, strike_time
from ..core.i18n import pick

STRIKE_HEARD_S = 2.0    # a strike this recent is still rung for a visitor who just arrived
SWING_S = 2.4           # pull back, then swing into the bell
CAPTION_MAX_S = 8.0


class CeremonyView:
    def __init__(self, ceremony, clock, hud, strings, lang, output, settings, striker, task_mgr):
        """`output`: the app's SoundOutput; `settings`: the running Settings (sound and captions are read
        at each strike); `striker`: the NodePath swung at each strike, or None."""
        self.ceremony, self.clock, self.hud, self.output, self.settings = ceremony, clock, hud, output, settings
        self.strings, self.lang = strings, lang
        self.striker, self.task_mgr = striker, task_mgr
        self.rest = striker.getPos() if striker is not None else None
        self.rung = []            # strike numbers rung while the visitor was here, in order
        self.captions = []        # the caption shown for each, in the visitor's language
        self._swing_started = None
        self._begin(ceremony_state(ceremony, clock()))
        task_mgr.add(self._update, "ceremony", sort=46)

    def _begin(self, state):
        if state.phase != COUNTDOWN and state.strikes:
            last = strike_time(self.ceremony, state.moment, state.strikes)
            already = (self.clock() - last).total_seconds() > STRIKE_HEARD_S
            self._heard = state.strikes if already or state.phase == AFTER else state.strikes - 1
        else:
            self._heard = 0

    def set_language(self, strings, lang):
        self.strings, self.lang = strings, lang

    def _update(self, task):
        now = self.clock()
        state = ceremony_state(self.ceremony, now)
        if state.phase == COUNTDOWN:
            self._heard = 0
            time = clock_text(state.remaining, self._days_text)
            self.hud.show_countdown(pick(self.ceremony.countdown, self.lang).format(time=time))
        elif state.phase == AFTER and self.ceremony.after:
            self.hud.show_countdown(pick(self.ceremony.after, self.lang))
        else:
            self.hud.show_countdown(pick(self.ceremony.name, self.lang))
        if state.strikes > self._heard:
            self._heard = state.strikes
            self.strike(state.strikes)
        self._swing()
        return task.cont

    def _days_text(self, days, clock):
        return self.strings("countdown_days", days=days, clock=clock)

    def strike(self, n):
        """Ring strike `n`: sound (if on), caption (if on), the striker swung."""
        self.rung.append(n)
        text = pick(self.ceremony.strike_caption, self.lang).format(n=n, total=self.ceremony.strikes)
        self.captions.append(text)
        if self.settings.accessibility.captions:
            self.hud.show_sound_caption(text, min(self.ceremony.interval_s, CAPTION_MAX_S))
        if self.settings.sound.enabled and self.ceremony.sound_file is not None:
            self.output.play(self.ceremony.sound_file, self.settings.sound.volume)
        self._swing_started = self.task_mgr.globalClock.getFrameTime()

    def _swing(self):
        """Drawn back on its ropes, then swung into the bell (a frame-time animation, not the clock's)."""
        if self.striker is None or self._swing_started is None:
            return
        t = (self.task_mgr.globalClock.getFrameTime() - self._swing_started) / SWING_S
        if t >= 1.0:
            self.striker.setPos(self.rest)
            self._swing_started = None
            return
        # Back slowly for the first 80 %, then fast into the bell.
        back = math.sin(t / 0.8 * math.pi / 2) if t < 0.8 else math.cos((t - 0.8) / 0.2 * math.pi / 2)
        self.striker.setPos(self.rest + tuple(back * v for v in self.ceremony.striker_pull))

    def destroy(self):
        self.task_mgr.remove("ceremony")
        self.hud.hide_countdown()
        if self.striker is not None:
            self.striker.setPos(self.rest)
