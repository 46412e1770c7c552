"""The synthesised sounds: deterministic, current, and the bell rings with the Korean bell's beating hum."""

import wave

import numpy as np
import pytest

from tools import build_sounds, sound_synth


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("audio")
    build_sounds.build(out)
    return out


def samples(path):
    with wave.open(str(path)) as sound:
        assert sound.getnchannels() == 1 and sound.getsampwidth() == 2 and sound.getframerate() == sound_synth.RATE
        return np.frombuffer(sound.readframes(sound.getnframes()), "<i2").astype(np.float64) / 32767


def test_two_builds_are_identical_and_the_committed_sounds_current(built, tmp_path):
    build_sounds.build(tmp_path)
    for name in build_sounds.SOUNDS:
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name
        assert (build_sounds.AUDIO_DIR / name).read_bytes() == (built / name).read_bytes(), \
            f"{name} is out of date: run `make assets`"


def test_the_bell_sounds_its_hum_and_fundamental_pairs(built):
    bell = samples(built / "bosingak_bell.wav")
    spectrum = np.abs(np.fft.rfft(bell[sound_synth.RATE:]))   # after the thud
    freqs = np.fft.rfftfreq(len(bell) - sound_synth.RATE, 1 / sound_synth.RATE)
    strongest = freqs[np.argsort(spectrum)[::-1][:40]]
    for partial in sound_synth.BELL_PARTIALS[:3]:
        assert np.min(np.abs(strongest - partial.frequency)) < 0.5, partial.frequency


def test_the_hum_beats_about_every_three_seconds(built):
    bell = samples(built / "bosingak_bell.wav")
    hum = sound_synth.band(bell, 55.0, 75.0)
    window = sound_synth.RATE // 10
    envelope = np.sqrt(np.convolve(hum ** 2, np.ones(window) / window, mode="valid"))[::window]  # 10 per second
    envelope = envelope[20:140] / np.exp(-np.arange(20, 140) / 10 / 30.0)   # 2-14 s, the decay taken out
    spectrum = np.abs(np.fft.rfft(envelope - envelope.mean()))
    beat = np.fft.rfftfreq(len(envelope), 0.1)[np.argmax(spectrum)]
    assert 2.0 < 1 / beat < 4.5  # 64.07 and 64.42 Hz beat at 0.35 Hz: a swell about every 2.9 s


def test_the_loops_join_without_a_click(built):
    for name in ("stream.wav", "festival_ambience.wav"):
        sound = samples(built / name)
        jump = abs(sound[0] - sound[-1])
        typical = np.median(np.abs(np.diff(sound)))
        assert jump < 20 * typical + 0.02, name
