"""Start Panda3D: engine settings (PRC) for a window or an offscreen buffer, then ShowBase."""

import sys

from panda3d.core import ConfigVariableString, loadPrcFile, loadPrcFileData

from ..core.errors import InputError
from ..paths import CONFIG_DIR


def configure_engine(width, height, offscreen, fullscreen=False, vsync=True, msaa=0, title=None):
    """Load config/engine.prc and the per-run settings; must run before ShowBase is created."""
    loadPrcFile(str(CONFIG_DIR / "engine.prc"))
    lines = [f"win-size {width} {height}", f"fullscreen {int(fullscreen)}", f"sync-video {int(vsync)}"]
    if title:
        lines.append(f"window-title {title}")
    if msaa:
        lines += ["framebuffer-multisample 1", f"multisamples {msaa}"]
    if offscreen:
        # EGL needs no X server; offscreen runs are for screenshots, tests and benchmarks.
        lines += ["window-type offscreen", "load-display p3headlessgl",
                  "sync-video 0"]
    loadPrcFileData("metaverse-seoul", "\n".join(lines))


def start_showbase():
    """Create ShowBase; a missing display becomes one clear error instead of a traceback."""
    from direct.showbase.ShowBase import ShowBase

    try:
        return ShowBase()
    except Exception as exc:  # Panda3D raises a bare Exception when no window can be opened
        display = ConfigVariableString("load-display", "").getValue() or "the default display"
        hint = "use --offscreen, or run under Xvfb" if sys.platform.startswith("linux") else ""
        raise InputError("display", f"could not open a window with {display} ({exc}); {hint}".rstrip("; "))
