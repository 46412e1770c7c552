"""Sound out of the engine, when there is somewhere for it to go.

The app starts with no audio library (config/engine.prc: a machine without sound starts faster and
quieter); the first thing that wants to play a sound opens OpenAL here. No sound device, or no OpenAL
in the engine: `available` is False, `reason` says why in one line, and play() does nothing.
"""

import os

from panda3d.core import AudioManager, Filename, loadPrcFileData

OPENAL = "p3openal_audio"


class SoundOutput:
    def __init__(self):
        self._manager = None
        self.reason = None

    def _open(self):
        if self._manager is None and self.reason is None:
            os.environ.setdefault("ALSOFT_LOGLEVEL", "0")  # OpenAL's own complaints: we say it in one line
            loadPrcFileData("sound-output", f"audio-library-name {OPENAL}")
            manager = AudioManager.createAudioManager()
            if manager is not None and manager.isValid():
                self._manager = manager
            else:
                self.reason = "no sound device"
        return self._manager

    @property
    def available(self):
        return self._open() is not None

    def play(self, path, volume=1.0, loop=False):
        """Play a sound file (over and over with `loop`); the sound (to stop it) or None when there is
        no sound output."""
        manager = self._open()
        if manager is None:
            return None
        sound = manager.getSound(Filename.fromOsSpecific(str(path)))
        sound.setVolume(volume)
        sound.setLoop(loop)
        sound.play()
        return sound

    def update(self):
        """Once a frame: OpenAL streams need the manager's update."""
        if self._manager is not None:
            self._manager.update()

    def shutdown(self):
        if self._manager is not None:
            self._manager.shutdown()
            self._manager = None
