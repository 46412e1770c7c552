"""Build the event scenes' sounds into assets/audio (tools/sound_synth.py makes them).

    python -m tools.build_sounds [OUT_DIR]

Deterministic, like the models: two builds give byte-identical files. Sources and estimates:
assets/audio/sounds.json (written by hand).
"""

import json
import sys
from pathlib import Path

from . import sound_synth as synth

AUDIO_DIR = Path(__file__).resolve().parent.parent / "assets" / "audio"
SOUNDS = {
    "bosingak_bell.wav": synth.bell_strike,
    "stream.wav": synth.stream,
    "festival_ambience.wav": synth.festival,
}


def build(out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    figures = {}
    for name, make in SOUNDS.items():
        signal = make()
        synth.write_wav(out_dir / name, signal)
        figures[name] = {"seconds": round(len(signal) / synth.RATE, 2), "bytes": (out_dir / name).stat().st_size}
    return figures


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    print(json.dumps(build(Path(argv[0]) if argv else AUDIO_DIR)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
