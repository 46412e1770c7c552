"""Sounds made from numbers, for the event scenes: a Korean bronze bell struck once, shallow water over
stones, a festival crowd with music far off. Deterministic (seeded noise, no clock), written as 16-bit
mono WAV, which the engine's OpenAL plays as it is.

The bell follows the published acoustics of the King Seongdeok bell (771), the bell the 1985 Bosingak
bell was cast after: each mode is a pair of slightly different frequencies (the bell is not perfectly
round), and the pair beats, so the hum swells and fades for as long as it sounds (maeknori). The hum
pair is 64.07 and 64.42 Hz (a beat about every 3 s), the fundamental pair 168.52 and 168.63 Hz (about
every 9 s); the lowest mode decays much more slowly than the others. Higher partials are estimates
(assets/audio/sounds.json says which).
"""

import wave
from dataclasses import dataclass

import numpy as np

RATE = 22050


@dataclass(frozen=True)
class Partial:
    frequency: float   # Hz, the lower of the pair
    split: float       # Hz between the pair: the beat
    amplitude: float
    decay_s: float     # time to fall to 1/e


BELL_PARTIALS = (
    Partial(64.07, 0.35, 1.0, 30.0),     # hum (sourced)
    Partial(168.52, 0.11, 0.75, 16.0),   # fundamental (sourced)
    Partial(231.0, 0.5, 0.32, 9.0),      # estimates from here on
    Partial(354.0, 0.9, 0.28, 6.0),
    Partial(478.0, 1.4, 0.22, 4.0),
    Partial(611.0, 2.1, 0.16, 2.8),
    Partial(779.0, 2.9, 0.11, 1.9),
    Partial(1020.0, 3.7, 0.07, 1.2),
)


def _times(seconds):
    return np.arange(int(seconds * RATE)) / RATE


def band(noise, low, high):
    """`noise` filtered to low..high Hz (in the frequency domain: exact and deterministic)."""
    spectrum = np.fft.rfft(noise)
    freqs = np.fft.rfftfreq(len(noise), 1 / RATE)
    spectrum[(freqs < low) | (freqs > high)] = 0.0
    return np.fft.irfft(spectrum, len(noise))


def bell_strike(seconds=16.0, partials=BELL_PARTIALS, seed=1):
    """One strike of a wooden log on the bell: the thud, then the partials ringing and beating."""
    t = _times(seconds)
    out = np.zeros_like(t)
    for p in partials:
        pair = np.sin(2 * np.pi * p.frequency * t) + np.sin(2 * np.pi * (p.frequency + p.split) * t + 0.3)
        out += p.amplitude * 0.5 * pair * np.exp(-t / p.decay_s)
    rng = np.random.default_rng(seed)
    thud = band(rng.standard_normal(len(t)), 30.0, 400.0) * np.exp(-t / 0.06)
    out += 0.5 * thud / max(np.abs(thud).max(), 1e-9)
    attack = np.clip(t / 0.004, 0.0, 1.0)
    return out * attack


def _loopable(signal, fade_s=0.5):
    """Cross-fade the end into the start so the sound loops without a click."""
    n = int(fade_s * RATE)
    ramp = np.linspace(0.0, 1.0, n)
    out = signal[:-n].copy()
    out[:n] = signal[:n] * ramp + signal[-n:] * (1.0 - ramp)
    return out


def stream(seconds=8.0, seed=2):
    """Shallow water over stones: broadband rush with gurgles (short rising tones) at random."""
    rng = np.random.default_rng(seed)
    t = _times(seconds + 0.5)
    rush = band(rng.standard_normal(len(t)), 200.0, 5000.0) * 0.5 + band(rng.standard_normal(len(t)), 60.0, 400.0)
    rush *= 1.0 + 0.25 * np.sin(2 * np.pi * 0.3 * t)
    for start in rng.uniform(0.0, seconds, 40):
        length = rng.uniform(0.03, 0.09)
        f0 = rng.uniform(350.0, 900.0)
        local = t - start
        inside = (local >= 0) & (local < length)
        chirp = np.sin(2 * np.pi * (f0 * local + f0 * 2.5 * local ** 2 / length))
        rush[inside] += 1.2 * chirp[inside] * np.sin(np.pi * local[inside] / length)
    return _loopable(rush)


def festival(seconds=10.0, seed=3):
    """A crowd talking (voice-band noise in syllable-like bursts) and a plucked pentatonic tune far off."""
    rng = np.random.default_rng(seed)
    t = _times(seconds + 0.5)
    crowd = np.zeros_like(t)
    for voice in range(12):
        syllables = np.clip(np.sin(2 * np.pi * rng.uniform(2.5, 5.0) * t + rng.uniform(0, 6)), 0.0, 1.0)
        phrases = np.clip(np.sin(2 * np.pi * rng.uniform(0.1, 0.3) * t + rng.uniform(0, 6)) + 0.3, 0.0, 1.0)
        crowd += band(rng.standard_normal(len(t)), 250.0, 2500.0) * syllables * phrases
    music = np.zeros_like(t)
    scale = 196.0 * 2 ** (np.array([0, 2, 4, 7, 9, 12, 14]) / 12)   # G pentatonic, gayageum-like register
    for k, start in enumerate(np.arange(0.0, seconds, 0.5)):
        f = scale[int(rng.integers(0, len(scale)))]
        local = t - start
        on = local >= 0
        music[on] += np.sin(2 * np.pi * f * local[on]) * np.exp(-local[on] / 0.6) * (1.0 if k % 4 == 0 else 0.6)
    return _loopable(0.6 * crowd / max(np.abs(crowd).max(), 1e-9) + 0.25 * music)


def write_wav(path, signal, peak=0.8):
    """16-bit mono WAV at RATE, normalised to `peak` of full scale."""
    scaled = signal / max(np.abs(signal).max(), 1e-9) * peak
    data = np.round(scaled * 32767).astype("<i2").tobytes()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(data)
