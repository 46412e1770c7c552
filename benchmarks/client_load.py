"""Desktop client figures: model cache speed-up, scene --stats, and start-up to first frame.

    python -m benchmarks.client_load [--scene seoul-plaza] [--runs 3] [--frames 60]

Prints JSON and writes it to benchmarks/results/client_load.json. What it measures:
- cache: the same glTF loaded cold (check + conversion to .bam in a child process + read) and warm
  (check + hash + read of the cached .bam), each in a fresh process so nothing is shared in memory;
- scene: `main.py --scene ID --offscreen --stats` with a warm cache (load_s, first_frame_s,
  frame_ms, geoms, triangles, textures_mb), the median run of --runs;
- startup: first_frame_s of those runs (process start to the first frame of the loaded scene).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.report import write_report

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"

_LOAD_ONE = """
import json, sys, time
from metaverse_seoul.world.model_loader import ModelLoader
loaded = ModelLoader(sys.argv[2]).load(sys.argv[1])
print(json.dumps({"seconds": loaded.seconds, "from_cache": loaded.from_cache}))
"""


def load_in_fresh_process(model, cache_dir):
    out = subprocess.run([sys.executable, "-c", _LOAD_ONE, str(model), str(cache_dir)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cache_speedup(model, runs):
    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            first = load_in_fresh_process(model, cache)
            second = load_in_fresh_process(model, cache)
            assert not first["from_cache"] and second["from_cache"]
            cold.append(first["seconds"])
            warm.append(second["seconds"])
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    return {"model": str(Path(model).relative_to(ROOT)), "cold_load_s": round(cold_s, 4),
            "warm_load_s": round(warm_s, 4), "speedup": round(cold_s / warm_s, 1), "runs": runs}


def scene_stats(scene, runs, frames, size):
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as home:
        for name in ("CACHE", "DATA", "CONFIG"):
            env[f"METAVERSE_SEOUL_{name}_DIR"] = str(Path(home) / name.lower())
        results = []
        for i in range(runs + 1):  # the first run fills the cache and is not counted
            stats = Path(home) / f"stats{i}.json"
            subprocess.run([sys.executable, "main.py", "--scene", scene, "--offscreen", "--size", size,
                            "--frames", str(frames), "--stats", str(stats)], cwd=ROOT, env=env, check=True)
            if i:
                results.append(json.loads(stats.read_text()))
    results.sort(key=lambda r: r["first_frame_s"])
    median = results[len(results) // 2]
    return {"scene": scene, "size": size, "frames": frames, "warm_runs": runs,
            "first_frame_s_all": [r["first_frame_s"] for r in results],
            **{k: median[k] for k in ("load_s", "first_frame_s", "frame_ms", "geoms", "triangles",
                                      "textures_mb")}}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", default="seoul-plaza")
    parser.add_argument("--model", default="assets/models/seoul_plaza.glb")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--out", type=Path, default=RESULTS / "client_load.json")
    args = parser.parse_args(argv)
    report = {"machine": {"cpus": os.cpu_count(), "platform": sys.platform,
                          "renderer": "Mesa llvmpipe via EGL (p3headlessgl)"},
              "cache": cache_speedup(ROOT / args.model, args.runs),
              "scene": scene_stats(args.scene, args.runs, args.frames, args.size)}
    write_report(report, args.out)


if __name__ == "__main__":
    main()
