"""The packaged app: its size, and its time to the first frame against a run from this checkout.

    python -m benchmarks.package [--scene donuimun] [--runs 5] [--size 1280x720]

Builds the Linux package (or reuses one of the same sources, tools/dist/build.py), unpacks it in a
temporary folder, then starts `--scene ID --offscreen --stats` alternately from the package and from
source, on the same machine in the same run, so both meet the same load. The first run of each warms
the caches (the source run converts nothing afterwards; the package's .bam.pz files are unpacked into
its cache) and is not
counted. Prints JSON and writes it to benchmarks/results/package.json.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from tools.dist import build

from benchmarks.report import write_report

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
# What takes the space in an installed package, by where it lies or what its name starts with.
PARTS = [("models (.bam.pz: compressed, textures inside)", lambda p: p.startswith("assets/models/")),
         ("font (Noto Sans CJK subset)", lambda p: p.startswith("assets/fonts/")),
         ("frozen Python code (the executable)", lambda p: p == "metaverse-seoul"),
         ("Panda3D engine libraries", lambda p: p.startswith(("libpanda", "libp3", "panda3d."))),
         ("NVIDIA Cg runtime (needed by libpandagl)", lambda p: p.startswith("libCg")),
         ("numpy and its OpenBLAS", lambda p: p.startswith(("numpy.", "libscipy_openblas", "libgfortran",
                                                             "libquadmath"))),
         ("other Python extension modules", lambda p: p.endswith(".so") or ".so." in p)]


def _size_by_part(folder):
    sizes = {name: 0 for name, _ in PARTS} | {"the rest (scenes, config, licences, scripts)": 0}
    for file in folder.rglob("*"):
        if file.is_file():
            relative = str(file.relative_to(folder))
            part = next((name for name, test in PARTS if test(relative)), "the rest (scenes, config, licences, scripts)")
            sizes[part] += file.stat().st_size
    return {name: round(size / 1e6, 1) for name, size in sizes.items()}


def _first_frame(command, env, stats, scene, size, frames, cwd):
    subprocess.run([*command, "--scene", scene, "--offscreen", "--size", size, "--frames", str(frames),
                    "--stats", str(stats)], cwd=cwd, env=env, check=True, capture_output=True)
    return json.loads(stats.read_text())


def _summary(results):
    return {"first_frame_s_median": round(statistics.median(r["first_frame_s"] for r in results), 3),
            "first_frame_s_all": [round(r["first_frame_s"], 3) for r in results],
            "load_s_median": round(statistics.median(r["load_s"] for r in results), 3)}


def measure(scene, runs, size, frames):
    package, build_s = build.package(reuse=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with tarfile.open(package) as archive:
            archive.extractall(tmp / "unpacked", filter="tar")
        app_dir = tmp / "unpacked" / "metaverse-seoul"
        env = dict(os.environ, **{f"METAVERSE_SEOUL_{n}_DIR": str(tmp / n.lower()) for n in ("CACHE", "DATA", "CONFIG")})
        commands = {"source": ([sys.executable, "main.py"], ROOT), "packaged": ([str(app_dir / "metaverse-seoul")], tmp)}
        results = {name: [] for name in commands}
        for i in range(runs + 1):
            for name, (command, cwd) in commands.items():
                figures = _first_frame(command, env, tmp / f"{name}{i}.json", scene, size, frames, cwd)
                if i:  # the first run of each warms the caches
                    results[name].append(figures)
        installed = sum(f.stat().st_size for f in app_dir.rglob("*") if f.is_file())
        return {"package": {"file": package.name, "download_mb": round(package.stat().st_size / 1e6, 1),
                            "installed_mb": round(installed / 1e6, 1), "by_part_mb": _size_by_part(app_dir),
                            "build_s": round(build_s) or "reused"},
                "scene": scene, "size": size, "frames": frames, "runs": runs,
                **{name: _summary(found) for name, found in results.items()}}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", default="donuimun")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--frames", type=int, default=10)
    parser.add_argument("--out", type=Path, default=RESULTS / "package.json")
    args = parser.parse_args(argv)
    report = {"machine": {"cpus": os.cpu_count(), "platform": sys.platform, "load_average": os.getloadavg(),
                          "renderer": "Mesa llvmpipe via EGL (p3headlessgl)"},
              **measure(args.scene, args.runs, args.size, args.frames)}
    write_report(report, args.out)


if __name__ == "__main__":
    main()
