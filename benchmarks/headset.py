"""Headset figures: stereo against mono frame cost, the OpenXR frame loop's overhead under Monado, the
cost of a draw call, and the 90 Hz budget per scene that follows.

    python -m benchmarks.headset [--scenes seoul-plaza,deoksugung] [--eye 512x512] [--frames 40]
                                 [--runs 3] [--monado-frames 300] [--no-monado]

Prints JSON and writes it to benchmarks/results/headset.json. Each figure comes from fresh processes:

- stereo_vs_mono: the app in headset mode on the scripted runtime (no pacing), offscreen (EGL), the same
  scene and head pose, each eye `--eye` pixels; `stereo` draws both eyes (two cameras, two passes),
  `mono` the left one only, `desktop` is the app without a headset drawing one view of the same size
  into its window: the baseline, measured in the same run. Frame time = one app step followed by
  glFinish (llvmpipe draws lazily; without it the cost lands in a later frame). Runs of the three
  kinds are interleaved, so the machine's other load falls on all of them alike, and each run's
  figure is its 25th-percentile frame: on a shared machine the slow frames are other jobs' time
  slices, the fast ones the frame's own work (the median is kept beside it).
- monado_loop: `main.py --vr=required --frames N` against Monado's simulated headset (in the Debian 13
  root on Debian 12: scripts/in_monado_root.sh): the loop's own calls per frame (poll, begin, locate,
  sync, hand the eyes over, end) apart from the wait for the runtime's pacing.
- draw_call: Panda3D's CPU cost per geom drawn per eye: N separate small boxes drawn into two 16x16
  eyes (so nothing is left to rasterise) with the scene and sky hidden, at N = 0 (the app's fixed
  work per frame: its tasks, the frame loop, the mirror) and N = 500; the slope is one more draw call.
"""

import argparse
import ctypes
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .report import write_report

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SCENES = ("seoul-plaza", "deoksugung", "donuimun", "mayors-office", "120-center")
MODES = ("desktop", "mono", "stereo")


def _size(text):
    width, height = (int(part) for part in text.lower().split("x"))
    return width, height


def _child(*args, env=None):
    """Run this module in a fresh process with `args`; its last stdout line is JSON."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.headset", *map(str, args)], cwd=ROOT,
                         capture_output=True, text=True, env={**os.environ, **(env or {})})
    if out.returncode != 0:
        raise RuntimeError(f"benchmark child {args} failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- in a child: one scene, one mode ------------------------------------------------------------------

def _app(scene, mode, eye, headless=True):
    from metaverse_seoul.core.manifest import list_manifests
    from metaverse_seoul.core.settings import load_settings
    from metaverse_seoul.paths import DEFAULT_CONFIG, scene_assets_dir, scenes_dir
    from metaverse_seoul.world.app import MetaverseApp, RunOptions
    from metaverse_seoul.xr.fake import LEFT_EYE_FOV, FakeRuntime, FakeScript
    from metaverse_seoul.xr.session import HeadsetSession

    settings = load_settings(DEFAULT_CONFIG)
    settings.graphics.pbr = False  # as in a headset, so that only the number of views differs
    settings.show_hints = False
    settings.accessibility.captions = False
    catalog = {m.id: m for m in list_manifests(scenes_dir(), scene_assets_dir())}
    headset = None if mode == "desktop" else HeadsetSession(FakeRuntime(FakeScript(eye_size=eye)))
    size = eye if mode == "desktop" else (320, 180)  # the mirror window: the same small size for both
    app = MetaverseApp(settings, RunOptions(scene_id=scene, offscreen=headless, size=size), catalog,
                       headset=headset)
    app.open_scene(scene)
    app.wait_until_loaded()
    if mode == "desktop":
        # As wide and tall a view as the scripted headset's left eye, from the same spot.
        fov = LEFT_EYE_FOV
        app.base.camLens.setFov(math.degrees(fov.right - fov.left), math.degrees(fov.up - fov.down))
    return app


def _time_frames(app, frames):
    finish = ctypes.CDLL("libGL.so.1").glFinish  # dispatched to the current context, EGL's here
    for _ in range(10):  # shaders compiled, textures uploaded
        app.step()
    times = []
    for _ in range(frames):
        start = time.perf_counter()
        app.step()
        finish()
        times.append(time.perf_counter() - start)
    return times


def run_frames(scene, mode, eye, frames):
    app = _app(scene, mode, eye)
    if mode == "mono":
        app.headset.mode.eyes.eyes[1].buffer.setActive(False)
    times = _time_frames(app, frames)
    from metaverse_seoul.world.scene import count_geometry
    geoms, triangles = count_geometry(app.base.render)
    app._finish_headset()
    return {"scene": scene, "mode": mode, "eye": list(eye), **_summary(times), "geoms": geoms, "triangles": triangles}


def _summary(times):
    ms = sorted(1000 * t for t in times)
    return {"frame_ms": round(ms[len(ms) // 4], 3), "median_ms": round(statistics.median(ms), 3)}


def run_draw_calls(count, frames):
    """Two 16x16 eyes drawing `count` separate boxes: the CPU cost of the draw calls alone."""
    from metaverse_seoul.world.shapes import MeshBuilder
    app = _app("120-center", "stereo", (16, 16))
    app.scene.root.hide()
    app.lighting.sky.hide()
    root = app.base.render.attachNewNode("boxes")
    for i in range(count):
        box = MeshBuilder(f"box-{i}").box((0, 0, 0), (0.05, 0.05, 0.05), (0.5, 0.5, 0.5, 1)).node()
        box.reparentTo(root)
        box.setPos((i % 40) * 0.1 - 2, 2 + (i // 40) * 0.1, 1.5)
    times = _time_frames(app, frames)
    app._finish_headset()
    return {"boxes": count, **_summary(times)}


# --- in the Monado root ----------------------------------------------------------------------------------

def run_monado(frames, runs):
    sys.path.insert(0, str(ROOT / "scripts"))
    from monado_service import MonadoService
    from xvfb import Xvfb
    results = []
    with MonadoService() as monado, tempfile.TemporaryDirectory() as folder:
        display = Xvfb().start()
        try:
            for run in range(runs):
                stats = Path(folder) / f"stats{run}.json"
                subprocess.run([sys.executable, "main.py", "--vr=required", "--scene", "seoul-plaza", "--frames",
                                str(frames), "--size", "640x360", "--stats", str(stats)], cwd=ROOT, check=True,
                               capture_output=True, env={**os.environ, **monado.client_env, "DISPLAY": display.display})
                figures = json.loads(stats.read_text())
                results.append({"frame_ms": figures["frame_ms"], **figures["headset"]})
        finally:
            display.stop()
    return results


def monado_loop(frames, runs):
    out = subprocess.run(["bash", "scripts/in_monado_root.sh", "python", "-m", "benchmarks.headset",
                          "--inside-monado", str(frames), "--runs", str(runs)],
                         cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"the Monado run failed: {out.stderr[-2000:]}")
    runs_out = json.loads(out.stdout.strip().splitlines()[-1])
    def of_runs(key):
        return statistics.median(r[key]["median"] for r in runs_out)

    return {"frames": frames, "runs": runs_out, "overhead_ms": of_runs("overhead_ms"), "begin_ms": of_runs("begin_ms"),
            "submit_ms": of_runs("submit_ms"), "end_ms": of_runs("end_ms"), "wait_ms": of_runs("wait_ms"),
            "runtime": runs_out[0]["runtime"], "eye_size": runs_out[0]["eye_size"]}


# --- the parent ----------------------------------------------------------------------------------------

def stereo_vs_mono(scenes, eye, frames, runs):
    out = {}
    for scene in scenes:
        samples = {mode: [] for mode in MODES}
        medians_ms = {mode: [] for mode in MODES}
        counts = None
        for _ in range(runs):
            for mode in MODES:
                result = _child("--child", scene, mode, f"{eye[0]}x{eye[1]}", frames)
                samples[mode].append(result["frame_ms"])
                medians_ms[mode].append(result["median_ms"])
                if mode == "stereo":
                    counts = {"geoms": result["geoms"], "triangles": result["triangles"]}
        medians = {mode: statistics.median(values) for mode, values in samples.items()}
        out[scene] = {"frame_ms": medians, "samples_ms": samples, "median_frame_ms": medians_ms, **counts,
                      "stereo_over_mono": round(medians["stereo"] / medians["mono"], 3),
                      "stereo_over_desktop": round(medians["stereo"] / medians["desktop"], 3)}
    return out


def draw_call_cost(frames):
    few, many = (_child("--draw-calls", n, frames) for n in (0, 500))
    per_geom_per_eye = (many["frame_ms"] - few["frame_ms"]) / (many["boxes"] - few["boxes"]) / 2
    return {"runs": [few, many], "ms_per_geom_per_eye": round(per_geom_per_eye, 4)}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.headset")
    parser.add_argument("--scenes", default=",".join(SCENES))
    parser.add_argument("--eye", default="512x512", help="pixels per eye")
    parser.add_argument("--frames", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--monado-frames", type=int, default=300)
    parser.add_argument("--no-monado", action="store_true")
    parser.add_argument("--child", nargs=4, metavar=("SCENE", "MODE", "EYE", "FRAMES"), help=argparse.SUPPRESS)
    parser.add_argument("--draw-calls", nargs=2, type=int, metavar=("COUNT", "FRAMES"), help=argparse.SUPPRESS)
    parser.add_argument("--inside-monado", type=int, metavar="FRAMES", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        scene, mode, eye, frames = args.child
        print(json.dumps(run_frames(scene, mode, _size(eye), int(frames))))
        return
    if args.draw_calls:
        print(json.dumps(run_draw_calls(*args.draw_calls)))
        return
    if args.inside_monado:
        print(json.dumps(run_monado(args.inside_monado, args.runs)))
        return
    write_report(run_all(args), RESULTS / "headset.json")


def run_all(args):
    from .headset_budget import budgets
    eye = _size(args.eye)
    report = {"machine": _machine(), "eye": list(eye), "frames": args.frames, "runs": args.runs,
              "stereo_vs_mono": stereo_vs_mono(args.scenes.split(","), eye, args.frames, args.runs),
              "draw_call": draw_call_cost(args.frames)}
    if not args.no_monado:
        report["monado_loop"] = monado_loop(args.monado_frames, args.runs)
    report["budget_90hz"] = budgets(report)
    return report


def _machine():
    load = os.getloadavg()
    return {"cpus": os.cpu_count(), "load_average": [round(v, 2) for v in load],
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


if __name__ == "__main__":
    main()
