"""Reading aloud through espeak-ng, an offline text-to-speech engine with Korean, English, Chinese and
Japanese voices: the text becomes a WAV file off the main thread, then plays through the engine's audio.
A new text cuts the one being read short (reading follows the resident's focus, not a queue).

No espeak-ng or no sound device: nothing is read, and `reason` says why (the settings panel shows it).
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

VOICES = {"ko": "ko", "en": "en", "zh": "cmn", "ja": "ja"}
WORDS_PER_MINUTE = 175  # espeak-ng's own pace, the settings' rate 1.0
MAX_CHARACTERS = 600  # a long text (a whole description) is cut: reading follows focus, not documents
TIMEOUT_S = 10


# Why nothing can be read, as keys of UI strings: the settings panel says it in the visitor's language.
NO_ENGINE, NO_DEVICE = "speech_no_engine", "speech_no_device"


class SpeechError(RuntimeError):
    """espeak-ng is missing or failed."""


def synthesize(text, lang, rate, path, program=None):
    """Write `text` spoken in `lang` at `rate` (1.0: usual pace) to the WAV file `path`."""
    program = program or shutil.which("espeak-ng")
    if program is None:
        raise SpeechError("espeak-ng is not installed")
    command = [program, "-v", VOICES.get(lang, "en"), "-s", str(round(WORDS_PER_MINUTE * rate)),
               "-w", str(path), "--", text[:MAX_CHARACTERS]]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_S)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SpeechError(f"espeak-ng failed: {exc}") from exc


class Speech:
    def __init__(self, work, settings, sound):
        """`work`: the app's BackgroundWork; `settings`: the running Settings (speech, language are read
        when speaking); `sound`: the app's SoundOutput."""
        self.work = work
        self.settings = settings
        self.sound = sound
        self.folder = Path(tempfile.mkdtemp(prefix="metaverse-seoul-speech-"))
        self.last_text = None  # what was last asked to be read (tests and the panel read it)
        self.error = None  # why the last text could not be read, in one line
        self._job = None
        self._playing = None
        self._count = 0

    @property
    def reason(self):
        """Why nothing can be read, as the key of its UI string (NO_ENGINE, NO_DEVICE), or None when
        reading works."""
        if shutil.which("espeak-ng") is None:
            return NO_ENGINE
        return None if self.sound.available else NO_DEVICE

    def say(self, text):
        """Read `text` aloud now, in the interface's language, if speech is on (a new text cuts the old)."""
        if not self.settings.speech.enabled or not text:
            return
        self.stop()
        self.last_text = text
        self._count += 1
        path = self.folder / f"said-{self._count % 4}.wav"
        lang, rate = self.settings.language, self.settings.speech.rate
        self._job = self.work.start(lambda report: synthesize(text, lang, rate, path), name="speech",
                                    done=lambda result: self._play(path), failed=self._failed)

    def _failed(self, exc):
        self.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__

    def _play(self, path):
        self._playing = self.sound.play(path)

    def stop(self):
        if self._job is not None:
            self._job.cancel()
            self._job = None
        if self._playing is not None:
            self._playing.stop()
            self._playing = None

    def destroy(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
