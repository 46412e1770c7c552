"""The model viewer's panel of what was loaded: triangles and draw calls as drawn now (the level of
detail the camera sees), texture memory, and the glTF extensions the file uses."""

from .drawn import drawn_geometry
from .scene import texture_megabytes

REFRESH_S = 0.5
MAX_EXTENSION_CHARS = 160


class ModelInfo:
    def __init__(self, hud, model, extensions, task_mgr, camera):
        self.hud, self.model, self.camera, self.task_mgr = hud, model, camera, task_mgr
        self.extensions = list(extensions)
        self.textures_mb = texture_megabytes(model)  # fixed once loaded; walking them each refresh is waste
        self.panel = None
        self.refresh()
        task_mgr.doMethodLater(REFRESH_S, self._tick, "model-info")

    def figures(self):
        geoms, triangles = drawn_geometry(self.model, self.camera)
        return {"geoms": geoms, "triangles": triangles, "textures_mb": round(self.textures_mb, 3),
                "extensions": self.extensions}

    def text(self):
        figures = self.figures()
        names = ", ".join(self.extensions) or self.hud.t("model_info_none")
        if len(names) > MAX_EXTENSION_CHARS:
            names = names[:MAX_EXTENSION_CHARS - 1] + "…"
        return self.hud.t("model_info", triangles=f"{figures['triangles']:,}", geoms=figures["geoms"],
                          textures_mb=f"{figures['textures_mb']:.1f}", extensions=names)

    def refresh(self):
        text = self.text()
        if self.panel is not None and self.panel.node().getText() == text:
            return
        if self.panel is not None:
            self.panel.removeNode()
        self.panel = self.hud.text("model-info", text, (-1.7, 0.9), scale=0.6, align="left", wordwrap=60)

    def _tick(self, task):
        self.refresh()
        return task.again

    def destroy(self):
        self.task_mgr.remove("model-info")
        if self.panel is not None:
            self.panel.removeNode()
