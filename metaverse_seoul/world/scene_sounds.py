"""The sounds of a place (the stream, a festival's crowd), looped while the visitor is there, and their
captions for visitors who cannot hear them. Sounds follow the `sound` settings; captions follow
`accessibility.captions` and show whether or not the sound plays (no sound device included)."""

from ..core.i18n import pick

CAPTION_SECONDS = 10.0


class SceneSounds:
    def __init__(self, sounds, output, settings, hud, lang):
        """`sounds`: the manifest's SceneSound list; `output`: the app's SoundOutput."""
        self.sounds, self.output, self.settings, self.hud = sounds, output, settings, hud
        self.playing = []
        self.started = []  # the sound files asked to play (the output may have no device)
        self.apply()
        self.caption(lang)

    def apply(self):
        """Start or stop the loops as the settings say now."""
        self.stop()
        if not self.settings.sound.enabled:
            return
        for sound in self.sounds:
            self.started.append(sound.file)
            playing = self.output.play(sound.file, sound.volume * self.settings.sound.volume, loop=True)
            if playing is not None:
                self.playing.append(playing)

    def caption(self, lang):
        """What can be heard here, in brackets, for a while (again after a change of language)."""
        if self.sounds and self.settings.accessibility.captions:
            self.hud.show_sound_caption(" ".join(pick(s.caption, lang) for s in self.sounds), CAPTION_SECONDS)

    def stop(self):
        for sound in self.playing:
            sound.stop()
        self.playing = []

    def destroy(self):
        self.stop()
