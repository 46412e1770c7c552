"""The app against a real OpenXR runtime (Monado's simulated headset): started with --vr=required in
Seoul Plaza, it runs the runtime's frame loop for a few hundred frames, hands both eyes over with the
located views, syncs its actions, and ends the session cleanly. Without the runtime, --vr falls back
to the desktop in one line and --vr=required is an error. The packaged app does the same.

The left eye's images and the runs' figures are written to .tmp/vr-test/ to be looked at."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from panda3d.core import PNMImage

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / ".tmp" / "vr-test"
FRAMES = 300


def run_app(env, *args, timeout=240):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, env={**os.environ, **env})


def check_headset_run(result, stats_file, frames):
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    headset = json.loads(stats_file.read_text())["headset"]
    assert headset["runtime"].startswith("Monado") and "Simulated" in headset["runtime"]
    # Every frame of the run went through wait/begin/end; all but the runtime's first (synchronizing)
    # ones were shown, each with both eyes at the located views, and the actions were read each time.
    assert headset["frames_begun"] >= frames
    assert headset["frames_submitted"] >= frames - 10
    assert headset["views_located"] >= headset["frames_submitted"]
    assert headset["actions_synced"] >= frames - 10
    assert headset["states"][:5] == ["IDLE", "READY", "SYNCHRONIZED", "VISIBLE", "FOCUSED"]
    assert headset["states"][-3:] == ["STOPPING", "IDLE", "EXITING"]
    assert headset["ended_cleanly"] is True
    return headset


def eye_image_is_the_plaza(path):
    image = PNMImage(str(path))
    pixels = np.array([[image.getXel(x, y) for x in range(0, image.getXSize(), 4)]
                       for y in range(0, image.getYSize(), 4)])
    sky, ground = pixels[: len(pixels) // 5].mean(axis=(0, 1)), pixels[-len(pixels) // 5:].mean(axis=(0, 1))
    assert pixels.std() > 0.05                 # not a blank image
    assert sky[2] > sky[0] and sky[2] > 0.5    # blue sky above
    assert abs(ground[0] - ground[2]) < 0.15   # grey paving below


def test_seoul_plaza_in_the_simulated_headset(monado, display):
    OUT.mkdir(parents=True, exist_ok=True)
    stats, eye = OUT / "stats.json", OUT / "left-eye.png"
    result = run_app({**monado, "DISPLAY": display}, "--vr=required", "--scene", "seoul-plaza",
                     "--frames", FRAMES, "--size", "640x360", "--stats", stats, "--screenshot", eye)
    headset = check_headset_run(result, stats, FRAMES)
    assert headset["eye_size"] == [320, 240]  # Monado's recommendation for its simulated headset
    eye_image_is_the_plaza(eye)


def test_the_packaged_app_in_the_simulated_headset(monado, display, tmp_path):
    """The installable app carries pyopenxr, its OpenXR loader, PyOpenGL and SQLite itself: this root has
    no development packages and no Python of the app's (scripts/vr_test.sh unpacks the package)."""
    app = OUT / "package" / "metaverse-seoul"
    assert app.is_file(), f"no packaged app at {app}: scripts/vr_test.sh unpacks it there"
    stats, eye = OUT / "stats-package.json", OUT / "left-eye-package.png"
    result = subprocess.run([str(app), "--vr=required", "--scene", "seoul-plaza", "--frames", "100", "--size",
                             "640x360", "--stats", str(stats), "--screenshot", str(eye)], capture_output=True,
                            text=True, timeout=240, cwd=tmp_path,
                            env={**os.environ, **monado, "DISPLAY": display, "HOME": str(tmp_path)})
    check_headset_run(result, stats, 100)
    eye_image_is_the_plaza(eye)


def test_offscreen_through_egl(monado):
    """No X server: Panda3D renders through EGL and the session binds through XR_MNDX_egl_enable."""
    stats, eye = OUT / "stats-egl.json", OUT / "left-eye-egl.png"
    env = {**monado, "DISPLAY": ""}
    result = run_app(env, "--vr=required", "--offscreen", "--scene", "seoul-plaza", "--frames", 60,
                     "--size", "320x180", "--stats", stats, "--screenshot", eye)
    check_headset_run(result, stats, 60)
    eye_image_is_the_plaza(eye)


def app_lines(stderr):
    """The app's own lines: without /dev/input (a container) the engine notes that in its own format."""
    return [line for line in stderr.strip().splitlines() if not line.startswith(":")]


def test_without_the_runtime_vr_falls_back_and_required_is_an_error(monado, tmp_path):
    gone = {**monado, "XDG_RUNTIME_DIR": str(tmp_path)}  # no service's socket there
    fallback = run_app(gone, "--vr", "--offscreen", "--frames", 2, "--size", "160x90")
    assert fallback.returncode == 0, fallback.stderr
    lines = app_lines(fallback.stderr)
    assert len(lines) == 1 and lines[0].startswith("no headset (") and "desktop" in lines[0]
    required = run_app(gone, "--vr=required", "--offscreen", "--frames", 2, "--size", "160x90")
    assert required.returncode == 2
    [line] = app_lines(required.stderr)
    assert line.startswith("error: --vr: no headset")
