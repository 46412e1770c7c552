"""What a manifest adds to a place for an event: its lantern field, its sounds and its ceremony. The
app makes one for every scene it opens (a place without any of them gets an empty one), so a new event
needs a manifest and models, not code."""

from .ceremony_view import CeremonyView
from .lantern_field import LanternField
from .scene_sounds import SceneSounds


class EventExtras:
    def __init__(self, app, manifest, scene, extra_models):
        """`app`: the MetaverseApp (its engine, clock, HUD, sound output and settings); `extra_models`:
        the models the manifest loads besides the place's own (the lanterns')."""
        base = app.base
        self.lanterns = None
        if manifest.lanterns is not None:
            self.lanterns = LanternField(scene.root, manifest.lanterns, extra_models[0], base.camera, base.taskMgr,
                                         linear_output=app.pbr is not None, source=manifest.source,
                                         still=app.settings.accessibility.reduce_motion)
        self.sounds = SceneSounds(manifest.sounds, app.sound, app.settings, app.hud, app.lang)
        self.ceremony = None
        if manifest.ceremony is not None:
            self.ceremony = CeremonyView(manifest.ceremony, app.clock, app.hud, app.strings, app.lang, app.sound,
                                         app.settings, _moving_node(scene.root, manifest.ceremony.striker),
                                         base.taskMgr)

    def language_changed(self, strings, lang):
        self.sounds.caption(lang)
        if self.ceremony is not None:
            self.ceremony.set_language(strings, lang)

    def sound_changed(self):
        self.sounds.apply()

    def motion_changed(self, reduce_motion):
        if self.lanterns is not None:
            self.lanterns.set_still(reduce_motion)

    def stats(self):
        return self.lanterns.stats() if self.lanterns is not None else None

    def destroy(self):
        for part in (self.lanterns, self.sounds, self.ceremony):
            if part is not None:
                part.destroy()


def _moving_node(root, name):
    if not name:
        return None
    found = root.find(f"**/{name}")
    return None if found.isEmpty() else found
