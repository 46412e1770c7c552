"""Every shipped model passes the Khronos glTF validator (npm package gltf-validator) with zero errors."""

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODELS = sorted((ROOT / "assets" / "models").glob("*.glb"))
SCRIPT = ROOT / "tools" / "validate_gltf.js"


def test_every_model_passes_the_khronos_validator():
    assert MODELS, "assets/models has no .glb files (run `make assets`)"
    node = shutil.which("node")
    assert node, "Node.js is missing: scripts/bootstrap.sh installs it (apt nodejs npm)"
    assert (ROOT / "tools" / "node_modules" / "gltf-validator").is_dir(), \
        "gltf-validator is not installed: run `npm ci` in tools/ (scripts/bootstrap.sh does)"
    run = subprocess.run([node, str(SCRIPT), *map(str, MODELS)], capture_output=True, text=True, timeout=120)
    assert run.returncode in (0, 1), run.stderr
    reports = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    assert [Path(r["file"]).name for r in reports] == [m.name for m in MODELS]
    failures = {Path(r["file"]).name: r["messages"] for r in reports if r["errors"]}
    assert not failures, f"validator errors: {json.dumps(failures, indent=1)}"
