"""Festival figures: frame time with 10,000 lanterns against 100 in the same scene, the draw calls the
lanterns take, and the warm first frame of each festival scene against Seoul Plaza's.

    python -m benchmarks.festival_load [--runs 3] [--frames 40] [--size 1280x720]

Prints JSON and writes it to benchmarks/results/festival_load.json. Every figure comes from
`main.py --offscreen --stats` in a fresh process with a warm model cache (a first run fills it and is
not counted). The two lantern counts run alternately, back to back, so both see the same load on a
shared machine; the ratio of their medians is the figure to read, not the milliseconds. Both the
wall-clock frame time and the CPU time a frame costs the process (every thread of the software
renderer included) are given: on a machine busy with other work the second is the steadier.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .scaled_scene import write_scaled
from .report import write_report

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
FESTIVALS = ("lantern-festival", "bosingak-new-year")
BASELINE = "seoul-plaza"


def run_scene(scene, env, frames, size, stats):
    subprocess.run([sys.executable, "main.py", "--scene", scene, "--offscreen", "--size", size,
                    "--frames", str(frames), "--stats", str(stats)], cwd=ROOT, env=env, check=True)
    return json.loads(stats.read_text())


def lantern_ratio(home, env, runs, frames, size):
    """Alternate 100 and 10,000 lanterns `runs` times each; frame time medians and their ratio."""
    scenes = Path(home) / "scenes"
    scenes.mkdir()
    for manifest in (ROOT / "scenes").glob("*.yaml"):
        (scenes / manifest.name).write_bytes(manifest.read_bytes())
    counts = (100, 10_000)
    for count in counts:
        write_scaled(scenes, count)
    env = {**env, "METAVERSE_SEOUL_SCENES_DIR": str(scenes), "METAVERSE_SEOUL_ASSETS_DIR": str(ROOT / "assets")}
    runs_by_count = {count: [] for count in counts}
    run_scene(f"lanterns-{counts[0]}", env, 2, size, Path(home) / "warm.json")  # fills the cache
    for i in range(runs):
        for count in counts:
            figures = run_scene(f"lanterns-{count}", env, frames, size, Path(home) / f"l{count}-{i}.json")
            runs_by_count[count].append(figures)
    summary = {str(count): _summary(results) for count, results in runs_by_count.items()}
    small, large = (summary[str(c)] for c in counts)
    return {"scene": "lantern-festival, counts scaled", "size": size, "frames": frames, "runs_each": runs,
            "by_count": summary,
            "frame_ratio_10000_to_100": round(large["frame_ms_median"] / small["frame_ms_median"], 3),
            "frame_cpu_ratio_10000_to_100": round(large["frame_cpu_ms_median"] / small["frame_cpu_ms_median"], 3)}


def _summary(results):
    medians = [r["frame_ms"]["median"] for r in results]
    cpu = [r["frame_cpu_ms"]["median"] for r in results]
    last = results[-1]
    return {"frame_ms_median": round(statistics.median(medians), 1), "frame_ms_runs": medians,
            "frame_cpu_ms_median": round(statistics.median(cpu), 1), "frame_cpu_ms_runs": cpu,
            "geoms": last["geoms"], "lantern_geoms": last["lanterns"]["geoms"],
            "lanterns": last["lanterns"]["lanterns"], "models_drawn": last["lanterns"]["models_drawn"],
            "lantern_triangles_drawn": last["lanterns"]["triangles_drawn"], "triangles": last["triangles"]}


def first_frames(home, env, runs, size):
    """Warm first frame (process start to the first frame of the loaded scene) of each scene."""
    out = {}
    for scene in (BASELINE,) + FESTIVALS:
        run_scene(scene, env, 2, size, Path(home) / "warm.json")
        results = [run_scene(scene, env, 5, size, Path(home) / f"{scene}-{i}.json") for i in range(runs)]
        firsts = sorted(r["first_frame_s"] for r in results)
        out[scene] = {"first_frame_s": firsts[len(firsts) // 2], "first_frame_s_all": firsts,
                      "load_s": statistics.median(r["load_s"] for r in results),
                      "geoms": results[-1]["geoms"], "triangles": results[-1]["triangles"],
                      "textures_mb": results[-1]["textures_mb"]}
    for scene in FESTIVALS:
        out[scene]["to_baseline"] = round(out[scene]["first_frame_s"] / out[BASELINE]["first_frame_s"], 2)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--frames", type=int, default=40)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--out", type=Path, default=RESULTS / "festival_load.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        for name in ("CACHE", "DATA", "CONFIG"):
            env[f"METAVERSE_SEOUL_{name}_DIR"] = str(Path(home) / name.lower())
        report = {"machine": {"cpus": os.cpu_count(), "platform": sys.platform, "load_before": os.getloadavg(),
                              "renderer": "Mesa llvmpipe via EGL (p3headlessgl)"},
                  "lanterns": lantern_ratio(home, env, args.runs, args.frames, args.size),
                  "first_frame": first_frames(home, env, args.runs, args.size)}
        report["machine"]["load_after"] = os.getloadavg()
    write_report(report, args.out)


if __name__ == "__main__":
    main()
