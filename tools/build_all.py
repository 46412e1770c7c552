"""Rebuild every procedural model in assets/models (what `make assets` runs).

    python -m tools.build_all              # write into assets/models, print the budget figures as JSON
    python -m tools.build_all --out DIR    # write somewhere else
    python -m tools.build_all --check      # build into a temporary folder; exit 1 if assets/models differs

Each builder writes <name>.glb and <name>.colliders.json; the provenance files (<name>.json) beside
them are written by hand. Builds are deterministic: two runs give byte-identical files.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

from . import (build_120_center, build_bosingak, build_cheonggyecheon, build_deoksugung, build_donuimun,
               build_lanterns, build_mayors_office, build_plaza)

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "assets" / "models"


def builders():
    """(model name, build function) for every model; build(out_dir) returns its budget figures."""
    return [(build_plaza.MODEL_NAME, build_plaza.build), (build_donuimun.MODEL_NAME, build_donuimun.build),
            (build_deoksugung.MODEL_NAME, build_deoksugung.build),
            (build_mayors_office.MODEL_NAME, build_mayors_office.build),
            (build_120_center.MODEL_NAME, build_120_center.build),
            (build_lanterns.MODEL_NAME, build_lanterns.build),
            (build_cheonggyecheon.MODEL_NAME, build_cheonggyecheon.build),
            (build_bosingak.MODEL_NAME, build_bosingak.build)]


def clear_caches():
    """Forget the cached surfaces (textures), so the next build generates everything again."""
    from . import build_cheonggyecheon, build_lanterns, interior, materials, night_city
    from .hanok import palette
    for module in (materials, palette, interior, night_city, build_cheonggyecheon, build_lanterns):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def build_all(out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return {name: build(out_dir) for name, build in builders()}


def built_files(out_dir):
    """The files the builders own in out_dir (so --check ignores hand-written provenance files)."""
    names = [name for name, _ in builders()]
    return sorted(p.name for name in names for p in Path(out_dir).glob(f"{name}.*")
                  if p.name.endswith((".glb", ".colliders.json")))


def stale_files(out_dir, reference_dir=MODELS_DIR):
    """Names of built files that are missing from reference_dir or differ from it."""
    return [name for name in built_files(out_dir)
            if not (Path(reference_dir) / name).is_file()
            or (Path(reference_dir) / name).read_bytes() != (Path(out_dir) / name).read_bytes()]


def main(argv=None):
    parser = argparse.ArgumentParser(description="Rebuild every procedural model in assets/models.")
    parser.add_argument("--out", type=Path, default=MODELS_DIR, help="output folder (default assets/models)")
    parser.add_argument("--check", action="store_true", help="only report whether assets/models is up to date")
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            build_all(tmp)
            stale = stale_files(tmp)
        if stale:
            print(f"error: assets/models is out of date: {', '.join(stale)} (run `make assets`)", file=sys.stderr)
            return 1
        print("assets/models is up to date")
        return 0
    print(json.dumps(build_all(args.out), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
