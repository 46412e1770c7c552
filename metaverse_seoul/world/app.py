"""The running app: one ShowBase, a current scene (a place or a viewed model), HUD and controls."""

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from panda3d.core import Filename, PNMImage

from ..core.complaint_form import Place
from ..core.errors import InputError
from ..core.i18n import load_strings, pick
from ..core.lighting import next_preset
from ..paths import ASSETS_DIR, user_cache_dir, user_data_dir
from .controls import DesktopControls
from .engine import configure_engine, start_showbase
from .fixed_function import prepare_for_fixed_function
from .hud import Hud, LoadingScreen
from .kiosk_panel import KioskPanel, nearest_kiosk
from .lighting_rig import LightingRig, tame_imported_lights
from .loading import BackgroundLoad
from .model_loader import ModelLoader
from .scene import Scene, count_geometry, prepare_static, texture_megabytes
from .stats import RunStats
from .text import ui_font
from .viewer import OrbitControls

HINT_LINES = ("controls_walk", "controls_look", "controls_pointer", "controls_more")
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
    def __init__(self, settings, options, catalog, city=None):
        """`catalog`: {scene id: SceneManifest}, already validated; `city`: a CityConnection or None."""
        self.settings = settings
        self.options = options
        self.catalog = catalog
        self.lang = settings.language
        g = settings.graphics
        configure_engine(*options.size, offscreen=options.offscreen, fullscreen=g.fullscreen,
                         vsync=g.vsync, msaa=g.msaa, title="Metaverse Seoul")
        self.base = base = start_showbase()
        base.disableMouse()
        base.camLens.setFov(g.fov)
        self.pbr = None
        if g.pbr:
            import simplepbr
            self.pbr = simplepbr.init(enable_shadows=g.shadows, msaa_samples=g.msaa,
                                      exposure=g.exposure, use_normal_maps=True, max_lights=6)
        # Without PBR, Panda3D's fixed-function lighting: it works on any OpenGL (the generated
        # shaders of setShaderAuto are refused by some drivers, Mesa's among them). Models are
        # converted for it when shown (fixed_function.py), lights in LightingRig.
        self.font = ui_font(base.loader)
        self.strings = load_strings(ASSETS_DIR / "i18n", self.lang)
        a11y = settings.accessibility
        self.hud = Hud(base.aspect2d, self.font, self.strings, a11y.text_scale, a11y.high_contrast,
                       base.taskMgr)
        self.models = ModelLoader(user_cache_dir() / "models")
        self.city = city
        self.kiosk_panel = KioskPanel(self.hud, self.strings, self.lang, city,
                                      on_keyboard=self._kiosk_has_keyboard)
        self._near_kiosk = None
        for key in settings.controls.keys.release_pointer:
            base.accept(key, self._close_kiosk_info)
        self.stats = RunStats(options.process_start)
        self.scene = None
        self.viewer = None
        self.controls = None
        self.lighting = None
        self.loading = None
        self.load_error = None
        self.frames_since_ready = 0
        self._load_started = None
        base.accept("window-event", self._on_window_event)
        base.taskMgr.add(self._frame, "app-frame", sort=50)

    # --- opening scenes -------------------------------------------------------------------
    def open_scene(self, scene_id):
        manifest = self.catalog[scene_id]
        self._begin_load(pick(manifest.title, self.lang), manifest.model_files,
                         lambda models: self._show_scene(manifest, models))

    def open_model(self, path):
        self._begin_load(Path(path).name, [Path(path)], lambda models: self._show_model(models[0]))

    def _begin_load(self, title, paths, on_done):
        self._teardown()
        self.base.win.setClearColor((0.06, 0.08, 0.12, 1))
        screen = LoadingScreen(self.base.aspect2d, self.font, self.strings("loading", title=title),
                               self.strings("loading_part", done=0, total=len(paths)),
                               self.settings.accessibility.text_scale)
        self._load_started = time.perf_counter()
        self.loading = (screen, BackgroundLoad(paths, self.models.prepare), on_done, len(paths))

    def _poll_loading(self):
        screen, job, on_done, total = self.loading
        event = job.poll()
        if event is None:
            return
        if event[0] == "progress":
            done = event[1]
            screen.set_progress(done / total, self.strings("loading_part", done=done, total=total))
            return
        screen.destroy()
        self.loading = None
        if event[0] == "error":
            self.load_error = event[1]
            return
        try:
            results = [self.models.read(prepared) for prepared in event[1]]
        except InputError as exc:
            self.load_error = exc
            return
        self.stats.models = [{"file": str(p), "seconds": round(r.seconds, 4), "from_cache": r.from_cache}
                             for p, r in zip(job.paths, results)]
        on_done([r.node for r in results])
        self.stats.load_s = round(time.perf_counter() - self._load_started, 4)
        self.frames_since_ready = 0

    def _show_scene(self, manifest, models):
        titles = {sid: m.title for sid, m in self.catalog.items()}
        self.scene = Scene(manifest, models, self.base.render, self.font, self.strings, self.lang, titles)
        if self.pbr is None:
            prepare_for_fixed_function(self.scene.root)
        self.base.camLens.setNearFar(0.1, 2000)
        self.lighting = LightingRig(self.base.render, self.base.camera, self.base.camLens,
                                    linear_output=self.pbr is not None,
                                    shadows=self.settings.graphics.shadows)
        self.lighting.apply_preset(manifest.lighting.preset)
        self.controls = DesktopControls(self.base, self.settings.controls, self.scene.spawn_pose(),
                                        self.scene.walker, self._on_action)
        self.controls.place_camera()
        self.controls.capture_pointer()
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
        self.lighting.fit_sky()  # the viewer sets the clipping planes to the model's size
        self.hud.notice(self.strings("viewer_controls"), seconds=8)
        self.base.accept("f1", self.hud.notice, [self.strings("viewer_controls"), 8])

    def _teardown(self):
        for part in (self.controls, self.viewer, self.scene, self.lighting):
            if part is not None:
                part.destroy()
        self.controls = self.viewer = self.scene = self.lighting = None
        self.hud.hide_caption()
        self.kiosk_panel.close()
        self._near_kiosk = None
        self.base.taskMgr.remove("narration")

    # --- in the scene ----------------------------------------------------------------------
    def _on_action(self, action):
        if action == "help":
            self.hud.toggle_hint(HINT_LINES)
        elif action == "home" and self.settings.home_scene in self.catalog:
            self.open_scene(self.settings.home_scene)
        elif action == "next_lighting" and self.scene is not None:
            presets = self.scene.manifest.lighting.presets
            name = next_preset(self.lighting.preset, presets)
            if name != self.lighting.preset:
                self.lighting.apply_preset(name)
                self.hud.notice(self.strings("lighting_now", name=self.strings(f"lighting_{name}")))
        elif action == "interact" and self.scene is not None:
            if self.kiosk_panel.visible:
                self.kiosk_panel.close()
            elif self._near_kiosk is not None:
                self.kiosk_panel.open(self._near_kiosk, Place.of_scene(self.scene.manifest))
        elif action == "pointer_released":
            self.hud.notice(self.strings("pointer_released"))

    def _kiosk_has_keyboard(self, taken):
        if self.controls is not None:
            self.controls.set_keys_enabled(not taken)

    def _close_kiosk_info(self):
        # Esc closes a panel that only shows information; a complaint form handles Esc itself (a step back).
        if not self.kiosk_panel.has_keyboard:
            self.kiosk_panel.close()

    def _start_narration(self, captions):
        if not captions or not self.settings.accessibility.captions:
            return
        queue = list(captions)

        def next_caption(task):
            if not queue:
                self.hud.hide_caption()
                return task.done
            caption = queue.pop(0)
            self.hud.show_caption(caption.text(self.lang))
            task.delayTime = caption.seconds
            return task.again

        self.base.taskMgr.doMethodLater(1.0, next_caption, "narration")

    def _maybe_show_first_hint(self):
        marker = user_data_dir() / "hint-shown"
        if not self.settings.show_hints or marker.exists():
            return
        self.hud.show_hint(HINT_LINES)
        self.base.taskMgr.doMethodLater(HINT_SECONDS, lambda task: self.hud.hide_hint(), "hide-hint")
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass  # a read-only profile only means the hint shows again next time

    def _frame(self, task):
        if self.loading is not None:
            self._poll_loading()
        elif self.scene is not None:
            pose = self.controls.pose
            self.kiosk_panel.poll()
            self._update_near_kiosk(pose)
            portal = self.scene.portal_at(pose.x, pose.y)
            if portal is not None:
                self.open_scene(portal.to)
        return task.cont

    def _update_near_kiosk(self, pose):
        kiosk = nearest_kiosk(self.scene.manifest.kiosks, pose.x, pose.y)
        if kiosk is not self._near_kiosk:
            self._near_kiosk = kiosk
            if kiosk is not None:
                self.hud.notice(self.strings("kiosk_hint"))
            else:
                self.kiosk_panel.close()  # walked away

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
        start = time.perf_counter()
        self.base.taskMgr.step()
        if self.stats.first_frame_s is None and self.ready:
            self.stats.first_frame_s = round(time.time() - self.options.process_start, 4)
            if self.city is not None:
                self.city.start()  # only now: starting the server must not delay the first frame
        elif self.ready:
            self.stats.frame_times.append(time.perf_counter() - start)

    def run_offscreen(self, frames):
        self.wait_until_loaded()
        for _ in range(frames):
            self.step()
        if self.options.screenshot:
            self.save_screenshot(self.options.screenshot)
        self._write_stats()

    def run_interactive(self):
        self.wait_until_loaded()
        try:
            while True:
                self.step()
                if self.load_error is not None:
                    raise self.load_error
        except SystemExit:
            pass
        finally:
            self._write_stats()

    def save_screenshot(self, path):
        path = Path(path)
        image = PNMImage()
        if not self.base.win.getScreenshot(image):
            raise InputError(path, "the renderer returned no image")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".png")
        os.close(fd)
        try:
            if not image.write(Filename.fromOsSpecific(tmp)):
                raise InputError(path, "could not write the screenshot")
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def _write_stats(self):
        if not self.options.stats_file:
            return
        root = self.base.render
        geoms, triangles = count_geometry(root)
        self.stats.scene = {"scene": self.scene.manifest.id if self.scene else None,
                            "geoms": geoms, "triangles": triangles,
                            "textures_mb": round(texture_megabytes(root), 3),
                            "size": list(self.options.size)}
        self.stats.write(self.options.stats_file)

    def destroy(self):
        self._teardown()
        self.hud.destroy()
        self.base.destroy()
