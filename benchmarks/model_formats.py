"""Models as cities ship them: file size, cold and warm load per format, and frame time with and
without generated levels of detail.

    python -m benchmarks.model_formats [--triangles 2000000] [--texture 8192] [--runs 2]
        [--model assets/models/seoul_plaza.glb] [--baseline PATH] [--work DIR]

For the generated scan (benchmarks/scan_model.py) and one of our models, in plain, Draco
(gltf-transform), meshopt (gltfpack -cc) and KTX2 (Basis ETC1S) form:
- size: bytes of the file;
- cold: a fresh process with an empty cache loads it (check, hash, conversion in its child process,
  read of the .bam); warm: a fresh process loads it again from the cache. Medians of --runs.
- frames (scan only, plain form): 1280x720 offscreen, the camera where the scan spans 100%, 25% and
  5% of the screen's height, 15 frames each, with the generated levels switching and with level 0
  forced everywhere: median frame time and the triangles drawn.
- baseline: with --baseline, a checkout of the code before this work (e.g. a worktree of main), the
  plain forms loaded cold and warm by it in the same run, for ratios on the same machine.
Prints JSON and writes benchmarks/results/model_formats.json.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.report import write_report
from benchmarks.scan_model import write_scan
from tools.build_model_variants import build

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
BLOCKS = ("bc1", "bc3")  # what Mesa llvmpipe keeps compressed (block_formats() of its GSG)

_LOAD_ONE = """
import json, sys
from metaverse_seoul.world.model_loader import ModelLoader
blocks = tuple(b for b in sys.argv[3].split(",") if b)
loader = ModelLoader(sys.argv[2], blocks) if blocks else ModelLoader(sys.argv[2])
loaded = loader.load(sys.argv[1])
print(json.dumps({"seconds": loaded.seconds, "from_cache": loaded.from_cache}))
"""

_FRAMES = """
import json, math, statistics, sys, time
from panda3d.core import loadPrcFileData
loadPrcFileData("", "window-type offscreen\\nload-display p3headlessgl\\nwin-size 1280 720\\nsync-video 0\\n"
                "audio-library-name null")
from direct.showbase.ShowBase import ShowBase
import simplepbr
from metaverse_seoul.world.decoded_textures import block_formats
from metaverse_seoul.world.drawn import drawn_geometry
from metaverse_seoul.world.lod_groups import coverage_distance, set_lod_fov
from metaverse_seoul.world.model_loader import ModelLoader
base = ShowBase()
simplepbr.init(enable_shadows=False, use_normal_maps=True)
model = ModelLoader(sys.argv[2], block_formats(base.win.getGsg())).load(sys.argv[1]).node
model.reparentTo(base.render)
base.disableMouse()
base.camLens.setFov(60 * 16 / 9, 60)
base.camLens.setNearFar(0.1, 10000)
set_lod_fov(base.cam, 60)
bounds = model.getBounds()
center, radius = bounds.getCenter(), bounds.getRadius()
out = {}
for forced in (False, True):
    for lod in model.findAllMatches("**/+LODNode"):
        lod.node().forceSwitch(0) if forced else lod.node().clearForceSwitch()
    for coverage in (1.0, 0.25, 0.05):
        distance = coverage_distance(radius, coverage, 60)
        base.camera.setPos(center.x, center.y - distance * 0.8, center.z + distance * 0.6)
        base.camera.lookAt(center)
        for _ in range(3):
            base.taskMgr.step()
        times = []
        for _ in range(15):
            start = time.perf_counter()
            base.taskMgr.step()
            times.append((time.perf_counter() - start) * 1000)
        # A forced switch is invisible to drawn_geometry (Panda3D has no getter): count level 0 then.
        levels = [lod.getChild(0) for lod in model.findAllMatches("**/+LODNode")] if forced else [model]
        geoms, triangles = map(sum, zip(*(drawn_geometry(level, base.cam) for level in levels)))
        key = f"{'level0' if forced else 'lods'}@{coverage:g}"
        out[key] = {"frame_ms": round(statistics.median(times), 1), "geoms": geoms, "triangles": triangles,
                    "distance_m": round(distance, 1)}
print(json.dumps(out))
"""


def _run_json(code, args, cwd=ROOT, timeout=1800):
    done = subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def loads(model: Path, runs: int, blocks=BLOCKS, cwd=ROOT) -> dict:
    """Median cold and warm load of `model`, each in a fresh process."""
    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            first = _run_json(_LOAD_ONE, [model, cache, ",".join(blocks)], cwd)
            second = _run_json(_LOAD_ONE, [model, cache, ",".join(blocks)], cwd)
            assert not first["from_cache"] and second["from_cache"]
            cold.append(first["seconds"])
            warm.append(second["seconds"])
    return {"cold_s": round(statistics.median(cold), 3), "warm_s": round(statistics.median(warm), 3),
            "cold_all": [round(s, 3) for s in cold], "warm_all": [round(s, 3) for s in warm]}


def variants_of(source: Path, folder: Path, kinds) -> tuple[dict, float | None]:
    """The variants, built unless a previous run left them in `folder` (building takes minutes)."""
    paths = {kind: folder / f"{source.stem}-{kind}.glb" for kind in kinds}
    missing = [kind for kind, path in paths.items() if not path.exists()]
    started = time.perf_counter()
    if missing:
        build(source, folder, missing, ktx2_effort=0)
    return {"plain": source, **paths}, (round(time.perf_counter() - started, 1) if missing else None)


def formats(source: Path, folder: Path, runs: int, kinds) -> dict:
    variants, seconds = variants_of(source, folder, kinds)
    report = {"variants_built_s": seconds}
    for kind, path in variants.items():
        report[kind] = {"file": path.name, "bytes": path.stat().st_size, **loads(path, runs)}
    return report


def frames(model: Path) -> dict:
    with tempfile.TemporaryDirectory() as cache:
        _run_json(_LOAD_ONE, [model, cache, ",".join(BLOCKS)])  # fill the cache
        return _run_json(_FRAMES, [model, cache])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triangles", type=int, default=2_000_000)
    parser.add_argument("--texture", type=int, default=8192)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--model", type=Path, default=Path("assets/models/seoul_plaza.glb"))
    parser.add_argument("--baseline", type=Path, help="a checkout of the code before this work")
    parser.add_argument("--work", type=Path, help="folder for the generated files (default: a temporary one)")
    parser.add_argument("--out", type=Path, default=RESULTS / "model_formats.json")
    parser.add_argument("--parts", help="measure only these (comma-separated: scan_formats, own_formats, "
                                        "scan_frames, baseline), keeping the others from --out")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="model-formats-"))
    work.mkdir(parents=True, exist_ok=True)
    scan = work / "scan.glb"
    report = {"machine": {"cpus": os.cpu_count(), "renderer": "Mesa llvmpipe via EGL (p3headlessgl)"},
              "scan": write_scan(scan, args.triangles, args.texture) if not scan.exists() else
              {"file": "reused from --work", "bytes": scan.stat().st_size}}
    kinds = ("draco", "meshopt", "ktx2")
    own = ROOT / args.model
    parts = {"scan_formats": lambda: formats(scan, work / "scan-variants", args.runs, kinds),
             "own_formats": lambda: {"model": str(args.model),
                                     **formats(own, work / "own-variants", args.runs, kinds)},
             "scan_frames": lambda: frames(scan)}
    if args.baseline:  # the code before this work, on the same files, right after
        parts["baseline"] = lambda: {"scan_plain": loads(scan, args.runs, (), args.baseline.resolve()),
                                     "own_plain": loads(own, args.runs, (), args.baseline.resolve())}
    if args.parts:
        wanted = args.parts.split(",")
        report = {**(json.loads(args.out.read_text()) if args.out.exists() else {}), "machine": report["machine"]}
        parts = {name: part for name, part in parts.items() if name in wanted}
    for name, part in parts.items():
        report[name] = part()
        write_report(report, args.out)  # a late failure keeps what was measured


if __name__ == "__main__":
    main()
