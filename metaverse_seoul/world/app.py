"""The running app: one ShowBase, a current scene (a place or a viewed model), HUD and controls."""

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from panda3d.core import Filename, PNMImage

from ..core.app_menu import SETTINGS, Change, MenuAction
from ..core.atomic_file import replaced_atomically
from ..core.clock import system_clock
from ..core.complaint_form import Place
from ..core.errors import InputError
from ..core.i18n import load_strings, pick
from ..core.lighting import next_preset
from ..core.my_requests import change_notice
from ..core.settings import load_settings
from ..core.settings_store import UserSettingsFile
from ..paths import ASSETS_DIR, DEFAULT_CONFIG, user_cache_dir, user_data_dir, user_settings_file
from .background_work import BackgroundWork
from .controls import DesktopControls
from .engine import configure_engine, start_showbase
from .event_extras import EventExtras
from .festival_banner import FestivalBanner
from .fixed_function import prepare_for_fixed_function
from .headset_app import HINT_LINES as VR_HINT_LINES
from .headset_app import HeadsetParts, say
from .hud import Hud, LoadingScreen
from .kiosk_panel import KioskPanel, nearest_kiosk
from .menu_panel import MenuPanel
from .requests_watcher import RequestsWatcher
from ..services.kiosk_content import open311_locale
from .audio import SoundOutput
from .speech import Speech
from .lighting_rig import LightingRig, tame_imported_lights
from .decoded_textures import block_formats
from .lod_groups import set_lod_fov
from .model_info import ModelInfo
from .model_loader import ModelLoader
from .scene import Scene, count_geometry, prepare_static, texture_megabytes
from .stats import RunStats
from .text import ui_font
from .text_input import enable_text_input
from .viewer import OrbitControls

HINT_LINES = ("controls_walk", "controls_look", "controls_pointer", "controls_kiosks", "controls_more")
HINT_SECONDS = 25.0
LOAD_TIMEOUT_S = 300.0


@dataclass
class RunOptions:
    scene_id: Optional[str] = None      # a place from scenes/
    model_path: Optional[Path] = None   # or any glTF file in the viewer
    offscreen: bool = False
    size: tuple = (1280, 720)
    frames: Optional[int] = None        # offscreen: render this many frames of the loaded scene
    screenshot: Optional[Path] = None
    stats_file: Optional[Path] = None
    process_start: float = 0.0


class MetaverseApp:
    def __init__(self, settings, options, catalog, city=None, clock=system_clock, settings_file=None,
                 headset=None):
        """`catalog`: {scene id: SceneManifest}, already validated; `city`: a CityConnection or None;
        `clock()`: "now" for everything in the app (the city connection's embedded server has the same);
        `settings_file`: where settings changed in the app are kept (default: the user's own file);
        `headset`: an xr HeadsetSession to render to (None: the desktop)."""
        self.settings = settings
        self.settings_file = settings_file or UserSettingsFile(user_settings_file(), load_settings(DEFAULT_CONFIG))
        self.options = options
        self.catalog = catalog
        self.clock = clock
        self.lang = settings.language
        g = settings.graphics
        # With a headset the runtime paces the frames; the monitor's refresh must not as well.
        configure_engine(*options.size, offscreen=options.offscreen, fullscreen=g.fullscreen,
                         vsync=g.vsync and headset is None, msaa=g.msaa, title="Metaverse Seoul")
        self.base = base = start_showbase()
        base.disableMouse()
        enable_text_input(base)  # a window: typed characters and input-method commits as "keystroke" events
        base.camLens.setFov(g.fov)
        self.font = ui_font(base.loader)
        self.strings = load_strings(ASSETS_DIR / "i18n", self.lang)
        self._start_rendering(headset)
        a11y = settings.accessibility
        self.overlay = self.headset.overlay if self.headset else base.aspect2d  # where 2D text is drawn
        self.hud = self.headset.hud if self.headset else Hud(base.aspect2d, self.font, self.strings, a11y.text_scale,
                                                             a11y.high_contrast, base.taskMgr)
        self.work = BackgroundWork(base.taskMgr)  # the app's one runner of work off the main thread
        self.sound = SoundOutput()
        self.speech = Speech(self.work, settings, self.sound)
        self.models = ModelLoader(user_cache_dir() / "models", block_formats(base.win.getGsg()))
        self.city = city
        self.requests = None if city is None else RequestsWatcher(
            city, self.work, base.taskMgr, city.data_dir or user_data_dir(), settings.api.requests_poll_s,
            on_change=self._request_changed, locale=open311_locale(self.lang))
        self.kiosk_panel = KioskPanel(base, self.font, self.strings, self.lang, city, clock, self.work,
                                      settings.accessibility, on_change=self._kiosk_panel_changed,
                                      speak=self.speech.say, requests=self.requests, scenes=tuple(catalog),
                                      open_scene=self.open_scene,
                                      surface=self.headset.panel_surface if self.headset else None)
        self.banner = None if city is None else FestivalBanner(
            city, self.work, clock, self.hud, self.strings, self.lang, catalog, settings.controls.keys.go_event)
        self.menu = MenuPanel(base, self.font, self.strings, settings, self._menu_effect,
                              on_close=self._keyboard_changed, speak=self.speech.say, notes=self._setting_notes,
                              requests=self.requests, surface=self.headset.menu_surface if self.headset else None)
        self._caption = None  # the narration caption being shown (a manifest Caption), in every language
        self._near_kiosk = None
        self._app_keys = []
        self._bind_app_keys()
        base.accept("mouse1", self._click_in_world)
        self.stats = RunStats(options.process_start)
        self.scene = None
        self.viewer = None
        self.model_info = None  # the viewer's panel: triangles, draw calls, texture memory, extensions
        self.controls = None
        self.lighting = None
        self.extras = None  # the scene's event parts: lanterns, sounds, ceremony (event_extras.py)
        self.loading = None  # the Job preparing the models of the scene being opened
        self._loading_screen = None
        self.load_error = None
        self.frames_since_ready = 0
        self._load_started = None
        base.accept("window-event", self._on_window_event)
        base.taskMgr.add(self._frame, "app-frame", sort=50)

    def _start_rendering(self, headset):
        """The headset (`headset`: an xr HeadsetSession or None) and the lighting pipeline."""
        g = self.settings.graphics
        self.headset = self.headset_ended = self.pbr = None
        if headset is not None:
            self.headset = HeadsetParts.start(self.base, headset, self.settings, self.font, self.strings,
                                              self.options.offscreen, g.vr == "required", on_end=self._headset_ended)
        # In a headset, fixed-function lighting: simplepbr's tone-mapping pass is tied to one camera
        # and one window, and each eye would need its own (colours match either way: 78ebba7).
        if g.pbr and self.headset is None:
            import simplepbr
            self.pbr = simplepbr.init(enable_shadows=g.shadows, msaa_samples=g.msaa,
                                      exposure=g.exposure, use_normal_maps=True, max_lights=6)
        # Without PBR, Panda3D's fixed-function lighting: it works on any OpenGL (the generated
        # shaders of setShaderAuto are refused by some drivers, Mesa's among them). Models are
        # converted for it when shown (fixed_function.py), lights in LightingRig.

    # --- opening scenes -------------------------------------------------------------------
    def open_scene(self, scene_id):
        manifest = self.catalog[scene_id]
        self._begin_load(pick(manifest.title, self.lang), manifest.all_model_files,
                         lambda models: self._show_scene(manifest, models))

    def open_model(self, path):
        self._begin_load(Path(path).name, [Path(path)], lambda models: self._show_model(models[0]))

    def _begin_load(self, title, paths, on_done):
        """Prepare the models off the main thread (checks, conversion in a child process: the engine is
        not used there), showing progress; then read them here and call on_done([model nodes])."""
        self._teardown()
        if self.loading is not None:  # a load still running is overtaken: its models are not wanted
            self.loading.cancel()
            self._loading_screen.destroy()
        self.base.win.setClearColor((0.06, 0.08, 0.12, 1))
        screen = LoadingScreen(self.overlay, self.font, self.strings("loading", title=title),
                               self.strings("loading_part", done=0, total=len(paths)),
                               self.settings.accessibility.text_scale)
        self._load_started = time.perf_counter()

        def prepare_all(report):
            prepared = []
            for path in paths:
                # Within a model the bar follows bytes hashed and converted, not only whole models.
                done = len(prepared)
                prepared.append(self.models.prepare(path, lambda f: report((done + f, done))))
            return prepared

        def progress(value):
            models, done = value
            screen.set_progress(models / len(paths), self.strings("loading_part", done=done, total=len(paths)))

        def prepared(results):
            self._finish_load(screen, paths, results, on_done)

        def failed(exc):
            screen.destroy()
            self.loading, self.load_error = None, exc

        self.loading = self.work.start(prepare_all, name="load-models", done=prepared, failed=failed,
                                       progress=progress)
        self._loading_screen = screen

    def _finish_load(self, screen, paths, prepared, on_done):
        screen.destroy()
        self.loading = None
        try:
            results = [self.models.read(one) for one in prepared]
        except InputError as exc:
            self.load_error = exc
            return
        self.stats.models = [{"file": str(p), "seconds": round(r.seconds, 4), "from_cache": r.from_cache,
                              "extensions": list(r.summary.extensions) if r.summary else []}
                             for p, r in zip(paths, results)]
        try:
            on_done([r.node for r in results])
        except InputError as exc:  # e.g. a manifest's lantern kind the lantern model does not have
            self._teardown()
            self.load_error = exc
            return
        self.stats.load_s = round(time.perf_counter() - self._load_started, 4)
        self.frames_since_ready = 0

    def _show_scene(self, manifest, models):
        titles = {sid: m.title for sid, m in self.catalog.items()}
        own = len(manifest.models)
        self.scene = Scene(manifest, models[:own], self.base.render, self.font, self.strings, self.lang, titles)
        if self.pbr is None:
            prepare_for_fixed_function(self.scene.root)
        self.base.camLens.setNearFar(0.1, 2000)
        set_lod_fov(self.base.cam, self.base.camLens.getFov()[1])  # levels switch by screen coverage
        camera = self.headset.camera if self.headset else self.base.camera
        self.lighting = LightingRig(self.base.render, camera, self.base.camLens,
                                    linear_output=self.pbr is not None,
                                    shadows=self.settings.graphics.shadows)
        self.lighting.apply_preset(manifest.lighting.preset)
        if self.headset:
            self.controls = self.headset.controls(self.scene, self._on_action)
        else:
            self.controls = DesktopControls(self.base, self.settings.controls, self.scene.spawn_pose(),
                                            self.scene.walker, self._on_action)
        self.controls.place_camera()
        self.controls.capture_pointer()
        self.extras = EventExtras(self, manifest, self.scene, models[own:])
        if self.banner is not None:
            self.banner.entered(manifest.id)
        self._start_narration(manifest.narration)
        self._maybe_show_first_hint()

    def _show_model(self, model):
        tame_imported_lights(model)
        prepare_static(model)
        if self.pbr is None:
            prepare_for_fixed_function(model)
        model.reparentTo(self.base.render)
        self.lighting = LightingRig(self.base.render, self.base.camera, self.base.camLens,
                                    linear_output=self.pbr is not None)
        self.lighting.apply_studio()
        self.viewer = OrbitControls(self.base, model)
        set_lod_fov(self.base.cam, self.base.camLens.getFov()[1])
        self.lighting.fit_sky()  # the viewer sets the clipping planes to the model's size
        self.model_info = ModelInfo(self.hud, model, self.stats.models[0]["extensions"], self.base.taskMgr,
                                    self.base.cam)
        self.hud.notice(self.strings("viewer_controls"), seconds=8)
        self.base.accept("f1", self.hud.notice, [self.strings("viewer_controls"), 8])

    def _teardown(self):
        for part in (self.extras, self.controls, self.viewer, self.scene, self.lighting, self.model_info):
            if part is not None:
                part.destroy()
        self.extras = self.controls = self.viewer = self.scene = self.lighting = self.model_info = None
        self._caption = None
        self.hud.hide_caption()
        self.kiosk_panel.close()
        self._near_kiosk = None
        self.hud.hide_prompt()
        self.base.taskMgr.remove("narration")

    # --- in the scene ----------------------------------------------------------------------
    def _on_action(self, action):
        if action == "help":
            self.hud.toggle_hint(self._hint_lines())
        elif action == "recentred":
            self.notice(self.strings("headset_recentred"))
        elif action == "home" and self.settings.home_scene in self.catalog:
            self.open_scene(self.settings.home_scene)
        elif action == "go_event" and self.banner is not None and self.banner.destination():
            self.open_scene(self.banner.destination())
        elif action == "next_lighting" and self.scene is not None:
            presets = self.scene.manifest.lighting.presets
            name = next_preset(self.lighting.preset, presets)
            if name != self.lighting.preset:
                self.lighting.apply_preset(name)
                self.notice(self.strings("lighting_now", name=self.strings(f"lighting_{name}")))
        elif action == "interact" and self.scene is not None:
            if self.kiosk_panel.visible:
                self.kiosk_panel.close()
            elif self._near_kiosk is not None:
                sign = self.scene.kiosk_sign_on_screen(self._near_kiosk, self.base.cam, self.base.getAspectRatio())
                self.kiosk_panel.open(self._near_kiosk, Place.of_scene(self.scene.manifest), sign)
        elif action == "pointer_released":
            self.notice(self.strings("pointer_released"))
        elif action == "menu":
            self._menu_key()
        elif action == "headset_menu":  # the controller's menu button opens the menu and closes it again
            if self.menu.visible:
                self.menu.close()
            else:
                self.open_menu()

    def _kiosk_panel_changed(self, visible, has_keyboard):
        self._keyboard_changed()
        self._show_kiosk_prompt()

    def _keyboard_changed(self):
        """Who has the keyboard and the pointer now: the menu over everything, else a kiosk's flow, else
        the feet. A panel needs the pointer free to be clicked; a flow with the keyboard must not walk."""
        menu_open = self.menu.visible
        self.kiosk_panel.listen(not menu_open)
        if self.controls is not None:
            self.controls.set_keys_enabled(not (menu_open or self.kiosk_panel.has_keyboard))
            self.controls.set_pointer_free(menu_open or self.kiosk_panel.visible)

    # --- the menu and settings -------------------------------------------------------------
    def _bind_app_keys(self):
        """F10 (settings) and F9 (speech) work everywhere, a kiosk form included."""
        for key in self._app_keys:
            self.base.ignore(key)
        keys = self.settings.controls.keys
        self._app_keys = keys.settings + keys.speech
        for key in keys.settings:
            self.base.accept(key, self.open_menu, [SETTINGS])
        for key in keys.speech:
            self.base.accept(key, self._toggle_speech)

    def _request_changed(self, record):
        self.notice(change_notice(record, self.strings), seconds=8)

    def _toggle_speech(self):
        self.apply_setting(Change("speech.enabled", not self.settings.speech.enabled))

    def _setting_notes(self):
        """Lines the settings panel shows under a setting: why reading aloud does not work here."""
        reason = self.speech.reason
        if reason is None:
            return {}
        return {"speech.enabled": self.strings("settings_speech_unavailable", reason=self.strings(reason))}

    def notice(self, text, seconds=3.0):
        """A short notice over the view, read aloud when speech is on."""
        self.hud.notice(text, seconds)
        self.speech.say(text)

    def _menu_key(self):
        # Esc in the world: an information panel closes; otherwise the menu opens.
        if self.kiosk_panel.visible and not self.kiosk_panel.has_keyboard:
            self.kiosk_panel.close()
        elif not self.menu.visible:
            self.open_menu()

    def open_menu(self, step="menu"):
        self.menu.open(step)
        self._keyboard_changed()

    def _menu_effect(self, effect):
        if isinstance(effect, Change):
            self.apply_setting(effect)
        elif effect == MenuAction("help"):
            self.menu.close()
            self.hud.show_hint(self._hint_lines())
        elif effect == MenuAction("requests") and self.requests is not None:
            self.requests.refresh()
        elif effect == MenuAction("quit"):
            self._write_stats()
            self.base.userExit()

    def apply_setting(self, change):
        """A setting changed in the app: kept in the user's file and applied to what is shown at once."""
        try:
            self.settings_file.change(self.settings, change.path, change.value)
        except InputError as exc:
            self.notice(str(exc))  # in effect for this session, not saved: say why
        if change.path == "language":
            self._language_changed()
        elif change.path in ("accessibility.text_scale", "accessibility.high_contrast",
                             "accessibility.reduce_motion"):
            self._restyle()
        elif change.path == "accessibility.captions":
            self._show_caption()
        elif change.path == "speech.enabled":
            self._speech_changed()
        elif change.path == "sound.enabled" and self.extras is not None:
            self.extras.sound_changed()
        elif change.path.startswith("controls.keys."):
            self._bind_app_keys()  # the feet's keys are bound again when the menu closes
        self.menu.redraw()

    def _speech_changed(self):
        if not self.settings.speech.enabled:
            self.speech.stop()
        state = self.strings("settings_on" if self.settings.speech.enabled else "settings_off")
        self.notice(f"{self.strings('settings_speech')}: {state}")

    def _language_changed(self):
        self.lang = self.settings.language
        self.strings = load_strings(ASSETS_DIR / "i18n", self.lang)
        self.hud.set_strings(self.strings)
        self.menu.set_strings(self.strings)
        self.kiosk_panel.set_strings(self.strings, self.lang)
        if self.requests is not None:
            self.requests.locale = open311_locale(self.lang)
            self.requests.refresh()
        if self.scene is not None:
            self.scene.relabel(self.strings, self.lang, {sid: m.title for sid, m in self.catalog.items()})
        if self.extras is not None:
            self.extras.language_changed(self.strings, self.lang)
        if self.banner is not None:
            self.banner.set_language(self.strings, self.lang)
        self._show_caption()
        self._show_kiosk_prompt()

    def _restyle(self):
        a11y = self.settings.accessibility
        self.hud.restyle(a11y.text_scale, a11y.high_contrast)
        if self.extras is not None:
            self.extras.motion_changed(a11y.reduce_motion)
        self.kiosk_panel.restyle()
        self.menu.restyle()

    def _show_kiosk_prompt(self):
        """Within reach of a kiosk and no panel open: 'Enter — File a complaint'."""
        kiosk = self._near_kiosk
        if kiosk is None or self.kiosk_panel.visible:
            self.hud.hide_prompt()
            return
        prompt = self.strings("kiosk_prompt", action=self.strings(f"kiosk_action_{kiosk.kind}"))
        if prompt != self.hud.prompt_text:
            self.hud.show_prompt(prompt)
            self.speech.say(prompt)

    def _click_in_world(self):
        # Within reach of a kiosk, a click uses it, as Enter does: a resident with only a mouse (or a
        # touch screen) can open it too.
        panel_open = self.kiosk_panel.visible or self.menu.visible
        if self._near_kiosk is not None and not panel_open and self.scene is not None:
            self._on_action("interact")

    def _start_narration(self, captions):
        """The place's narration, one caption after another; shown while captions are on (the setting
        can change while it runs)."""
        queue = list(captions)

        def next_caption(task):
            self._caption = queue.pop(0) if queue else None
            self._show_caption()
            if self._caption is None:
                return task.done
            task.delayTime = self._caption.seconds
            return task.again

        if queue:
            self.base.taskMgr.doMethodLater(1.0, next_caption, "narration")

    def _show_caption(self):
        text = self._caption.text(self.lang) if self._caption is not None else None
        if text and self.settings.accessibility.captions:
            self.hud.show_caption(text, self._caption.speaker)
        else:
            self.hud.hide_caption()
        if text and text != self.speech.last_text:
            self.speech.say(text)  # read aloud for those who cannot see it, captions shown or not

    def _hint_lines(self):
        return VR_HINT_LINES if self.headset else HINT_LINES

    def _maybe_show_first_hint(self):
        marker = user_data_dir() / "hint-shown"
        if not self.settings.show_hints or marker.exists():
            return
        self.hud.show_hint(self._hint_lines())
        self.base.taskMgr.doMethodLater(HINT_SECONDS, lambda task: self.hud.hide_hint(), "hide-hint")
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass  # a read-only profile only means the hint shows again next time

    def _frame(self, task):
        self.sound.update()
        if self.loading is None and self.scene is not None:
            pose = self.controls.pose
            self._update_near_kiosk(pose)
            portal = self.scene.portal_at(pose.x, pose.y)
            if portal is not None:
                self.open_scene(portal.to)
        return task.cont

    def _update_near_kiosk(self, pose):
        kiosk = nearest_kiosk(self.scene.manifest.kiosks, pose.x, pose.y)
        if kiosk is not self._near_kiosk:
            self._near_kiosk = kiosk
            if kiosk is None:
                self.kiosk_panel.close()  # walked away
            self._show_kiosk_prompt()

    def _on_window_event(self, window):
        if window is not None and window == self.base.win and not window.getProperties().getOpen():
            self._write_stats()
            self.base.userExit()

    # --- running -------------------------------------------------------------------------
    @property
    def ready(self):
        return self.loading is None and (self.scene is not None or self.viewer is not None)

    def wait_until_loaded(self, timeout=LOAD_TIMEOUT_S):
        """Step frames (drawing the loading screen) until the scene is in; raise its load error."""
        deadline = time.monotonic() + timeout
        while not self.ready:
            if self.load_error is not None:
                raise self.load_error
            if time.monotonic() > deadline:
                raise InputError("load", f"scene did not load within {timeout:.0f} s")
            self.base.taskMgr.step()
        if self.load_error is not None:
            raise self.load_error

    def step(self):
        """One frame, timed for the stats."""
        start, cpu_start = time.perf_counter(), time.process_time()
        self.base.taskMgr.step()
        if self.stats.first_frame_s is None and self.ready:
            self.stats.first_frame_s = round(time.time() - self.options.process_start, 4)
            if self.city is not None:
                self.city.start()  # only now: starting the server must not delay the first frame
                self.requests.refresh()  # what became of the resident's requests while the app was closed
                self.banner.check()  # a festival on now: say so
        elif self.ready:
            self.stats.frame_times.append(time.perf_counter() - start)
            self.stats.frame_cpu_times.append(time.process_time() - cpu_start)

    def run_offscreen(self, frames):
        self.wait_until_loaded()
        for _ in range(frames):
            if self.headset_ended:
                break
            self.step()
        if self.options.screenshot:
            self.save_screenshot(self.options.screenshot)
        self._finish_headset()
        self._write_stats()

    def run_interactive(self):
        self.wait_until_loaded()
        try:
            while not self.headset_ended:
                self.step()
                if self.load_error is not None:
                    raise self.load_error
        except SystemExit:
            pass
        finally:
            self._finish_headset()
            self._write_stats()

    def _headset_ended(self, lost):
        """The runtime ended the session (or lost the headset) without the app asking: the app closes,
        as OpenXR asks of an app whose session is exiting."""
        self.headset_ended = "lost" if lost else "ended"
        say(self.strings("headset_lost" if lost else "headset_ended"))

    def _finish_headset(self):
        if self.headset is not None:
            self.headset.finish()

    def save_screenshot(self, path):
        """The window's image as a PNG; in a headset, the left eye's image as the headset showed it."""
        path = Path(path)
        image = PNMImage()
        if self.headset is not None:
            image = self.headset.eye_image()
        elif not self.base.win.getScreenshot(image):
            raise InputError(path, "the renderer returned no image")
        try:
            with replaced_atomically(path, suffix=".png") as tmp:
                if not image.write(Filename.fromOsSpecific(str(tmp))):
                    raise InputError(path, "could not write the screenshot")
        except OSError as exc:
            raise InputError(path, f"cannot write the screenshot: {exc.strerror or exc}") from None

    def _write_stats(self):
        if not self.options.stats_file:
            return
        root = self.base.render
        geoms, triangles = count_geometry(root, self.base.cam)
        self.stats.scene = {"scene": self.scene.manifest.id if self.scene else None,
                            "geoms": geoms, "triangles": triangles,
                            "textures_mb": round(texture_megabytes(root), 3),
                            "size": list(self.options.size)}
        if self.headset is not None:
            self.stats.headset = self.headset.stats()
        if self.model_info is not None:
            self.stats.scene["drawn"] = self.model_info.figures()
        lanterns = self.extras.stats() if self.extras is not None else None
        if lanterns is not None:
            self.stats.scene["lanterns"] = lanterns
        self.stats.write(self.options.stats_file)

    def destroy(self):
        # An open menu's panel has tasks in the task manager, which outlives this ShowBase: closed
        # first, they would run against a destroyed window in the next app a process makes.
        self.menu.close()
        self._teardown()
        if self.requests is not None:
            self.requests.destroy()
        if self.banner is not None:
            self.banner.destroy()
        self.speech.destroy()
        self.sound.shutdown()
        self.work.destroy()
        self.hud.destroy()
        if self.headset is not None:
            self.headset.destroy()
        self.base.destroy()
