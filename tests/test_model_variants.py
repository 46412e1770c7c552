"""Models as cities ship them, through the real command line: compressed variants render the same
picture as their plain source (per-pixel comparison), our own models run through gltfpack and
gltf-transform render as the originals, and damaged compressed data is one `error:` line."""

import json
import shutil
import subprocess

import numpy as np
import pytest

from tests.core.gltf_variants import VARIANTS, damaged
from tests.test_cli import ROOT, assert_clean_error, covered_fraction, run_main

DATA = ROOT / "tests" / "data"
PLAIN = {"BoxTextured": DATA / "khronos" / "BoxTextured" / "glTF-Binary" / "BoxTextured.glb",
         "2CylinderEngine": DATA / "khronos" / "2CylinderEngine" / "glTF-Binary" / "2CylinderEngine.glb"}
SIZE = "320x180"
MODEL_ROWS = slice(45, 180)  # below the viewer's panels, whose text names the extensions used
NPM_BIN = ROOT / "tools" / "node_modules" / ".bin"


def render(model, shot, cache, stats=None):
    args = ["--model", model, "--offscreen", "--size", SIZE, "--frames", "2", "--screenshot", shot]
    result = run_main(*args, *(["--stats", stats] if stats else []),
                      env={"METAVERSE_SEOUL_CACHE_DIR": str(cache)}, timeout=180)
    assert result.returncode == 0, result.stderr
    return shot


def pixels(path) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"), dtype=np.float32)[MODEL_ROWS] / 255


def assert_same_picture(a, b, mean=0.01, share=0.02):
    """Mean per-pixel difference and share of clearly different pixels (> 0.1) under tolerances:
    compression moves vertices and texels a little, never the picture."""
    difference = np.abs(pixels(a) - pixels(b)).max(axis=2)
    assert difference.mean() < mean and (difference > 0.1).mean() < share, \
        f"mean {difference.mean():.4f}, share over 0.1 {(difference > 0.1).mean():.4f}"


@pytest.fixture(scope="module")
def plain_shots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plain")
    return {name: render(path, folder / f"{name}.png", folder / "cache") for name, path in PLAIN.items()}


# Every kind on the textured box; the engine's geometry through meshopt (Draco: the Khronos variant below;
# the other engine variants are decoded in tests/core/test_gltf_check.py's sample tests).
VARIANT_FILES = sorted(VARIANTS.glob("BoxTextured-*.glb")) + [VARIANTS / "2CylinderEngine-meshopt.glb"]


@pytest.mark.parametrize("variant", VARIANT_FILES, ids=lambda p: p.stem)
def test_compressed_variant_renders_like_the_plain_model(tmp_path, plain_shots, variant):
    stats = tmp_path / "stats.json"
    shot = render(variant, tmp_path / "shot.png", tmp_path / "cache", stats)
    assert_same_picture(plain_shots[variant.stem.rsplit("-", 1)[0]], shot)
    used = json.loads(stats.read_text())["models"][0]["extensions"]
    assert used, "a compressed variant names the extensions it uses"


def test_khronos_draco_sample_renders(tmp_path, plain_shots):
    """The Khronos glTF-Draco variant itself (another export of the engine: close, not identical)."""
    shot = render(DATA / "khronos" / "2CylinderEngine" / "glTF-Draco" / "2CylinderEngine.gltf",
                  tmp_path / "draco.png", tmp_path / "cache")
    assert_same_picture(plain_shots["2CylinderEngine"], shot, mean=0.03, share=0.1)


def test_an_indexed_triangle_fan_renders(tmp_path):
    """Strips, fans and loops are made lists before conversion (tests/core/test_gltf_plain.py); one
    of the Asset Generator's models shows it on screen."""
    model = DATA / "gltf-asset-generator" / "Mesh_PrimitiveMode" / "Mesh_PrimitiveMode_12.gltf"
    shot = render(model, tmp_path / "shot.png", tmp_path / "cache")
    assert covered_fraction(shot) > 0.2


@pytest.fixture(scope="module")
def own_model(tmp_path_factory):
    """Our Donuimun gate reconstruction, with the npm tools' compressions beside it."""
    if not (NPM_BIN / "gltfpack").exists():
        pytest.fail("tools/node_modules is missing: run `make .venv/.bootstrapped` (npm ci in tools/)")
    folder = tmp_path_factory.mktemp("own")
    source = folder / "civil_center_120.glb"
    shutil.copy(ROOT / "assets" / "models" / "civil_center_120.glb", source)
    tools = {"gltfpack-cc": [NPM_BIN / "gltfpack", "-i", source, "-o", folder / "gltfpack-cc.glb", "-cc", "-kn", "-km"],
             "gltf-transform-draco": [NPM_BIN / "gltf-transform", "draco", source, folder / "gltf-transform-draco.glb"]}
    for command in tools.values():
        subprocess.run([str(part) for part in command], check=True, capture_output=True, timeout=240)
    return folder, source, list(tools)


@pytest.mark.parametrize("tool", ["gltfpack-cc", "gltf-transform-draco"])
def test_our_model_through_npm_tools_renders_like_the_original(tmp_path, own_model, tool):
    folder, source, _ = own_model
    original = render(source, tmp_path / "original.png", folder / "cache")
    packed = render(folder / f"{tool}.glb", tmp_path / "packed.png", tmp_path / "cache")
    assert_same_picture(original, packed)


def test_damaged_compressed_geometry_is_one_error_line(tmp_path):
    """Through the app and its converter process; each decoder's damage is in test_gltf_plain.py."""
    model = damaged("meshopt", tmp_path)
    result = run_main("--model", model, "--offscreen", "--frames", "1",
                      env={"METAVERSE_SEOUL_CACHE_DIR": str(tmp_path / "cache")})
    assert_clean_error(result, model.name)
    assert "decode" in result.stderr


def test_ktx2_texture_stays_compressed_on_the_gpu_and_looks_the_same(tmp_path):
    """A KTX2 texture whose sides are multiples of 4 is kept as DXT1 blocks (llvmpipe takes them):
    a quarter of the memory, the same picture as its PNG (rows and blocks the right way up)."""
    from benchmarks.scan_model import write_scan
    from tools.build_model_variants import ktx2_variant, read_glb, repack, write_glb

    plain, ktx2 = tmp_path / "ground.glb", tmp_path / "ground-ktx2.glb"
    write_scan(plain, triangles=2_000, texture_side=8)
    gltf, binary = read_glb(plain)  # a texture whose top and bottom differ: a flip would show
    binary = repack(gltf, binary, {gltf["images"][0]["bufferView"]: _top_and_bottom_png(256)})
    write_glb(plain, gltf, binary)
    ktx2_variant(plain, ktx2, effort=0)
    shots, memory = [], []
    for model in (plain, ktx2):
        stats = tmp_path / f"{model.stem}.json"
        shots.append(render(model, tmp_path / f"{model.stem}.png", tmp_path / "cache", stats))
        memory.append(json.loads(stats.read_text())["drawn"]["textures_mb"])
    assert_same_picture(*shots, mean=0.02, share=0.05)
    assert memory[1] < memory[0] / 4


def _top_and_bottom_png(side: int) -> bytes:
    import io

    from PIL import Image

    rgb = np.zeros((side, side, 3), np.uint8)
    rgb[: side // 3] = (200, 40, 40)
    rgb[side // 3:] = (40, 60, 200)
    rgb[:, : side // 4, 1] = 220
    out = io.BytesIO()
    Image.fromarray(rgb).save(out, format="PNG")
    return out.getvalue()
