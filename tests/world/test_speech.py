"""Reading aloud: espeak-ng speaks Korean and English (not silence); without it nothing is read and the
reason is known; a new text cuts the old one short; in the app, reading follows the kiosk's focus."""

import array
import time
import wave

import pytest
from direct.task.Task import TaskManager

from metaverse_seoul.core.settings import Settings
from metaverse_seoul.world.background_work import BackgroundWork
from metaverse_seoul.world.speech import NO_ENGINE, Speech, SpeechError, synthesize

from .kiosk_keys import kiosk_app, step_until, use_kiosk
from .window_input import press, type_text


def loudness(path):
    """Root mean square of a 16-bit mono WAV, from 0 (silence) to 1."""
    with wave.open(str(path)) as sound:
        assert sound.getsampwidth() == 2 and sound.getnframes() > sound.getframerate() // 4  # over 1/4 s
        samples = array.array("h", sound.readframes(sound.getnframes()))
    return (sum(sample * sample for sample in samples) / len(samples)) ** 0.5 / 32768


@pytest.mark.parametrize("lang, text", [("ko", "가로등이 꺼져 있습니다"), ("en", "The streetlight is out")])
def test_espeak_ng_reads_a_korean_and_an_english_line_aloud(tmp_path, lang, text):
    synthesize(text, lang, 1.0, tmp_path / "said.wav")
    assert loudness(tmp_path / "said.wav") > 0.02


def test_without_espeak_ng_nothing_is_read_and_the_reason_is_said(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng on it
    with pytest.raises(SpeechError, match="espeak-ng is not installed"):
        synthesize("안녕하세요", "ko", 1.0, tmp_path / "said.wav")
    settings = Settings()
    settings.speech.enabled = True
    speech = Speech(BackgroundWork(TaskManager()), settings, FakeSound())
    assert speech.reason == NO_ENGINE
    speech.say("안녕하세요")  # no crash, no sound
    speech.destroy()


class FakeSound:
    """Sound output that records what it was given to play."""

    available, reason = True, None

    def __init__(self):
        self.played = []

    def play(self, path, volume=1.0):
        self.played.append(path.read_bytes())
        return self

    def stop(self):
        pass


def test_a_new_text_cuts_the_one_being_read_short(tmp_path):
    tasks = TaskManager()
    settings = Settings()
    settings.speech.enabled = True
    sound = FakeSound()
    speech = Speech(BackgroundWork(tasks), settings, sound)
    speech.say("첫 번째 문장은 길고 천천히 읽힙니다")
    speech.say("두 번째")  # before the first is ready: only the second is heard
    deadline = time.monotonic() + 10
    while not sound.played and time.monotonic() < deadline:
        tasks.step()
        time.sleep(0.01)
    time.sleep(0.3)
    tasks.step()
    expected = tmp_path / "second.wav"
    synthesize("두 번째", "ko", 1.0, expected)
    assert sound.played == [expected.read_bytes()]
    speech.destroy()


def test_in_the_app_reading_follows_the_kiosks_focus(tmp_path, city):
    settings = Settings()
    settings.speech.enabled = True
    app = kiosk_app(tmp_path, city, {"kiosks": [{"id": "k1", "kind": "complaint", "position": [-3, 2, 0],
                                                 "heading": 0}]}, settings)
    try:
        app.step()
        use_kiosk(app, "test-yard", "k1", -3, 0.5)
        step_until(app, "가로등 고장")
        press(app, "arrow_down")
        focused = app.kiosk_panel.session.flow.kinds.chosen.service_name
        assert app.speech.last_text == focused
        press(app, "enter")
        step_until(app, "*")
        said = app.speech.last_text
        type_text(app, "12")
        assert app.speech.last_text == said  # typing is not read back line by line
    finally:
        app.destroy()


def test_f9_turns_reading_aloud_on_in_one_key_press(tmp_path, city):
    app = kiosk_app(tmp_path, city, {"kiosks": [{"id": "k1", "kind": "complaint", "position": [-3, 2, 0],
                                                 "heading": 0}]})
    try:
        assert not app.settings.speech.enabled
        press(app, "f9")  # from the world, straight after the start
        assert app.settings.speech.enabled
        use_kiosk(app, "test-yard", "k1", -3, 0.5)
        step_until(app, "가로등 고장")
        press(app, "arrow_down")
        assert app.speech.last_text == app.kiosk_panel.session.flow.kinds.chosen.service_name
        press(app, "f9")  # and off again, a kiosk form open or not
        assert not app.settings.speech.enabled
    finally:
        app.destroy()


def test_the_settings_panel_says_in_the_visitors_language_why_nothing_is_read(tmp_path, city, monkeypatch):
    app = kiosk_app(tmp_path, city, {})
    try:
        monkeypatch.setattr(type(app.sound), "available", property(lambda sound: False))  # no sound device
        press(app, "f10")
        assert "읽어 주기를 쓸 수 없습니다: 소리를 낼 장치가 없습니다" in "\n".join(t.text for t in app.menu.view.shown[0])
        monkeypatch.setenv("PATH", str(tmp_path))  # and no espeak-ng either
        press(app, "arrow_right")  # to English: the panel is drawn again
        assert "Reading aloud is not available: espeak-ng is not installed" in "\n".join(
            t.text for t in app.menu.view.shown[0])
    finally:
        app.destroy()  # with the settings panel open: its tasks must go with the app
    assert not app.base.taskMgr.getTasksMatching("panel-*")
