"""The command line as a user meets it: real processes, exit codes, one-line errors, files written."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.core.gltf_fixtures import BoxModel, glb_bytes

ROOT = Path(__file__).resolve().parent.parent
KHRONOS = ROOT / "tests" / "data" / "khronos"
TITLE = {"ko": "상자", "en": "Box", "zh": "盒子", "ja": "箱"}


def run_main(*args, env=None, timeout=60):
    start = time.monotonic()
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                            text=True, timeout=timeout, env={**os.environ, **(env or {})}, cwd=ROOT)
    result.seconds = time.monotonic() - start
    return result


def assert_clean_error(result, *fragments):
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in lines[0]
    assert result.seconds < 10


# --- bad models: each refused before the engine sees it ---------------------------------------------

def _break(name, tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    box = BoxModel.make()
    if name == "missing":
        return tmp_path / "nowhere.glb", "file not found"
    if name == "truncated-glb":
        path = box.write_glb(tmp_path)
        path.write_bytes(path.read_bytes()[:200])
        return path, "glb"
    if name == "not-json":
        path = tmp_path / "bad.gltf"
        path.write_text("{ this is not json")
        return path, "JSON"
    if name == "json-not-gltf":
        path = tmp_path / "other.gltf"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
        return path, "asset"
    if name == "accessor-out-of-bounds":
        box.gltf["accessors"][0]["count"] = 5000
        return box.write_external(tmp_path), "accessors[0]"
    if name == "index-past-vertices":
        data = bytearray(box.bin)
        view = box.gltf["bufferViews"][3]
        data[view["byteOffset"]:view["byteOffset"] + 2] = (999).to_bytes(2, "little")
        box.bin = bytes(data)
        return box.write_external(tmp_path), "999"
    if name == "data-uri-not-base64":
        path = box.write_embedded(tmp_path)
        gltf = json.loads(path.read_text())
        gltf["buffers"][0]["uri"] = "data:application/octet-stream;base64,@@@not base64@@@"
        path.write_text(json.dumps(gltf))
        return path, "base64"
    if name == "uri-escapes-folder":
        box.gltf["buffers"][0]["uri"] = "../../etc/box.bin"
        return box.write_external(tmp_path), "buffers[0]"
    if name == "glb-bad-chunk":
        gltf, data = box.glb_parts()
        path = tmp_path / "chunk.glb"
        path.write_bytes(glb_bytes(json.dumps(gltf).encode(), data)[:-40])
        return path, "glb"
    raise AssertionError(name)


BAD_MODELS = ["missing", "truncated-glb", "not-json", "json-not-gltf", "accessor-out-of-bounds",
              "index-past-vertices", "data-uri-not-base64", "uri-escapes-folder",
              "glb-bad-chunk"]


@pytest.mark.parametrize("case", BAD_MODELS)
def test_bad_model_gets_one_error_line_and_writes_nothing(tmp_path, case):
    model, fragment = _break(case, tmp_path / "model")
    shot, stats = tmp_path / "out.png", tmp_path / "stats.json"
    result = run_main("--model", model, "--offscreen", "--size", "320x180", "--frames", "1",
                      "--screenshot", shot, "--stats", stats)
    assert_clean_error(result, str(model.name) if case != "missing" else "nowhere.glb")
    assert fragment.lower() in result.stderr.lower()
    assert not shot.exists() and not stats.exists()


def test_image_that_is_not_an_image_is_left_out(tmp_path):
    """Valid glTF (the validator warns): the model is drawn, without that texture."""
    path = BoxModel.make().write_external(tmp_path / "model")
    (tmp_path / "model" / "checker.png").write_bytes(b"this is a text file, not a PNG" * 4)
    shot = tmp_path / "shot.png"
    result = run_main("--model", path, "--offscreen", "--size", "320x180", "--frames", "1", "--screenshot", shot)
    assert result.returncode == 0, result.stderr
    assert covered_fraction(shot) > 0.1


# --- bad settings, manifests and arguments -----------------------------------------------------------

def scene_folder(tmp_path, manifest_text, with_model=True):
    scenes, assets = tmp_path / "scenes", tmp_path / "assets"
    scenes.mkdir()
    if with_model:
        BoxModel.make().write_glb(assets / "models")
    (scenes / "box-yard.yaml").write_text(manifest_text, encoding="utf-8")
    return {"METAVERSE_SEOUL_SCENES_DIR": str(scenes), "METAVERSE_SEOUL_ASSETS_DIR": str(assets)}


def manifest_text(**changes):
    data = {"id": "box-yard", "title": TITLE, "models": [{"path": "models/box.glb"}],
            "spawn": {"position": [0, -3, 0]}}
    data.update(changes)
    return yaml.safe_dump(data, allow_unicode=True)


def test_list_scenes_prints_id_tab_title(tmp_path):
    env = scene_folder(tmp_path, manifest_text())
    result = run_main("--list-scenes", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "box-yard\t상자\n"
    assert run_main("--list-scenes", "--lang", "ja", env=env).stdout == "box-yard\t箱\n"


def test_manifest_naming_a_missing_model(tmp_path):
    env = scene_folder(tmp_path, manifest_text(models=[{"path": "models/gone.glb"}]))
    assert_clean_error(run_main("--list-scenes", env=env), "box-yard.yaml", "models[0].path", "not found")


def test_manifest_with_an_unknown_key(tmp_path):
    env = scene_folder(tmp_path, manifest_text(weather="rain"))
    assert_clean_error(run_main("--scene", "box-yard", "--offscreen", env=env), "box-yard.yaml", "weather")


def test_manifest_with_python_tags(tmp_path):
    env = scene_folder(tmp_path, "id: !!python/object/apply:os.system ['touch /tmp/pwned']\n")
    assert_clean_error(run_main("--list-scenes", env=env), "box-yard.yaml", "not allowed")


def test_config_with_python_tags(tmp_path):
    config = tmp_path / "mine.yaml"
    config.write_text("language: !!python/object/apply:os.system ['true']\n")
    assert_clean_error(run_main("--config", config, "--list-scenes"), "mine.yaml", "not allowed")


def test_config_with_a_wrong_value(tmp_path):
    config = tmp_path / "mine.yaml"
    config.write_text("graphics:\n  fov: 500\n")
    assert_clean_error(run_main("--config", config, "--list-scenes"), "mine.yaml: graphics.fov")


@pytest.mark.parametrize("variable, value, fragment", [
    ("METAVERSE_SEOUL_SCENES_DIR", str(ROOT / "README.md"), "README.md: not a folder"),
    # /proc takes no new folders, whoever runs the tests.
    ("METAVERSE_SEOUL_CACHE_DIR", "/proc/no-cache", "/proc/no-cache/models: the model cache cannot be made here"),
])
def test_a_folder_that_cannot_serve_is_named(variable, value, fragment):
    assert_clean_error(run_main("--offscreen", "--frames", "1", env={variable: value}), fragment)


def test_missing_config_file(tmp_path):
    assert_clean_error(run_main("--config", tmp_path / "nope.yaml", "--list-scenes"), "nope.yaml", "not found")


@pytest.mark.parametrize("args, fragment", [
    (["--bogus"], "unrecognized arguments"),
    (["--size", "big", "--offscreen"], "--size"),
    (["--frames", "0", "--offscreen"], "--frames"),
    (["--frames", "many"], "invalid int"),
    (["--lang", "fr"], "invalid choice"),
    (["--scene", "atlantis", "--offscreen"], "no scene 'atlantis'"),
    (["--screenshot", "shot.jpg", "--offscreen"], "expected a .png"),
    (["--api-url", "ftp://x", "--list-scenes"], "api.url"),
    (["--vr=maybe", "--offscreen"], "--vr"),
    (["--vr", "--model", "x.glb"], "--model"),
    (["--scene", "\udcff\udcfe", "--offscreen"], "no scene '\\udcff\\udcfe'"),  # bytes that are not UTF-8
    (["--config", "/dev/null", "--list-scenes"], "not a regular file"),
    # Checked before anything is rendered; /proc takes no new files, whoever runs the tests.
    (["--screenshot", "/proc/shot.png", "--offscreen"], "--screenshot: cannot write /proc/shot.png"),
    (["--stats", "/proc/stats.json", "--offscreen"], "--stats: cannot write /proc/stats.json"),
])
def test_wrong_arguments(args, fragment):
    assert_clean_error(run_main(*args), fragment)


# --- headset mode with no headset: the runtime is made unfindable whatever the machine has ----------

NO_RUNTIME = {"XR_RUNTIME_JSON": "/nonexistent/openxr_runtime.json"}


def test_vr_without_a_runtime_says_so_in_one_line_and_shows_the_desktop(tmp_path):
    shot = tmp_path / "desktop.png"
    result = run_main("--vr", "--offscreen", "--size", "320x180", "--frames", "2", "--screenshot", shot,
                      env=NO_RUNTIME)
    assert result.returncode == 0, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("no headset (no OpenXR runtime") and line.endswith("showing the desktop instead")
    assert covered_fraction(shot) > 0.3


def test_vr_required_without_a_runtime_is_an_error(tmp_path):
    assert_clean_error(run_main("--vr=required", "--offscreen", "--frames", "1", env=NO_RUNTIME),
                       "--vr: no headset: no OpenXR runtime")
    config = tmp_path / "vr.yaml"
    config.write_text("graphics: {vr: required}\n")
    assert_clean_error(run_main("--config", config, "--offscreen", "--frames", "1", env=NO_RUNTIME),
                       "graphics.vr: no headset")


# --- good input ---------------------------------------------------------------------------------------

def rendered_pixels(path):
    from panda3d.core import PNMImage
    image = PNMImage(str(path))
    return [image.getXel(x, y) for x in range(0, image.getXSize(), 8) for y in range(0, image.getYSize(), 8)]


def covered_fraction(path):
    """Share of the picture that differs from the background colour (taken at a top corner)."""
    pixels = rendered_pixels(path)
    background = pixels[0]
    covered = sum(1 for p in pixels if max(abs(a - b) for a, b in zip(p, background)) > 0.08)
    return covered / len(pixels)


SAMPLES = ["BoxTextured/glTF/BoxTextured.gltf", "BoxTextured/glTF-Embedded/BoxTextured.gltf",
           "BoxTextured/glTF-Binary/BoxTextured.glb", "2CylinderEngine/glTF-Binary/2CylinderEngine.glb",
           "ClearCoatTest/glTF/ClearCoatTest.gltf", "AnimatedMorphCube/glTF/AnimatedMorphCube.gltf"]


@pytest.mark.parametrize("sample", SAMPLES)
def test_khronos_samples_render_in_the_viewer(tmp_path, sample):
    shot, stats = tmp_path / "shot.png", tmp_path / "stats.json"
    result = run_main("--model", KHRONOS / sample, "--offscreen", "--size", "320x180", "--frames", "3",
                      "--screenshot", shot, "--stats", stats)
    assert result.returncode == 0, result.stderr
    assert covered_fraction(shot) > 0.1  # the model is there, in view
    figures = json.loads(stats.read_text())
    assert figures["geoms"] > 0 and figures["triangles"] > 0


def test_the_model_is_framed_in_view(tmp_path):
    """The box fills a good part of the picture wherever it sits: the camera frames it."""
    box = BoxModel.make()
    box.gltf["nodes"][0]["translation"] = [250.0, -40.0, 900.0]
    box.gltf["nodes"][0]["scale"] = [30.0, 30.0, 30.0]
    shot = tmp_path / "far.png"
    result = run_main("--model", box.write_glb(tmp_path), "--offscreen", "--size", "320x180",
                      "--frames", "2", "--screenshot", shot)
    assert result.returncode == 0, result.stderr
    assert covered_fraction(shot) > 0.15


def test_cache_makes_the_second_load_come_from_bam(tmp_path):
    model = BoxModel.make().write_glb(tmp_path / "m")
    env = {"METAVERSE_SEOUL_CACHE_DIR": str(tmp_path / "cache")}
    for expected in (False, True):
        stats = tmp_path / "stats.json"
        result = run_main("--model", model, "--offscreen", "--frames", "1", "--stats", stats, env=env)
        assert result.returncode == 0, result.stderr
        assert json.loads(stats.read_text())["models"][0]["from_cache"] is expected
    # a changed source is converted again, not served stale from the cache
    BoxModel.make().copy().write_glb(tmp_path / "m")
    data = bytearray(model.read_bytes())
    model.write_bytes(bytes(data).replace(b"metaverse_seoul tests", b"metaverse_seoul TESTS"))
    result = run_main("--model", model, "--offscreen", "--frames", "1", "--stats", stats, env=env)
    assert json.loads(stats.read_text())["models"][0]["from_cache"] is False


@pytest.mark.parametrize("intensity", [0.0, 1e6])
def test_imported_lights_neither_black_nor_blown_out(tmp_path, intensity):
    """A model's own glTF lights (here absurdly bright, or dark) still give a readable picture."""
    box = BoxModel.make()
    box.gltf["extensionsUsed"] = ["KHR_lights_punctual"]
    box.gltf["extensions"] = {"KHR_lights_punctual": {"lights": [
        {"type": "directional", "intensity": intensity, "color": [1, 1, 1]},
        {"type": "point", "intensity": intensity, "color": [1, 0.9, 0.8]}]}}
    box.gltf["nodes"] += [{"name": "sun", "rotation": [-0.383, 0, 0, 0.924],
                           "extensions": {"KHR_lights_punctual": {"light": 0}}},
                          {"name": "lamp", "translation": [0.6, 0.8, 0.9],
                           "extensions": {"KHR_lights_punctual": {"light": 1}}}]
    box.gltf["scenes"][0]["nodes"] += [1, 2]
    shot = tmp_path / "lit.png"
    result = run_main("--model", box.write_glb(tmp_path), "--offscreen", "--size", "320x180",
                      "--frames", "2", "--screenshot", shot)
    assert result.returncode == 0, result.stderr
    from panda3d.core import PNMImage
    image = PNMImage(str(shot))
    # the box in the middle of the picture
    centre = [image.getBright(x, y) for x in range(130, 190, 4) for y in range(70, 110, 4)]
    mean = sum(centre) / len(centre)
    assert 0.08 < mean < 0.92, f"mean brightness {mean:.2f}"
    assert sum(1 for v in centre if v > 0.99) / len(centre) < 0.5  # not a white blob


def test_scene_renders_without_pbr(tmp_path):
    config = tmp_path / "plain.yaml"
    config.write_text("graphics:\n  pbr: false\n")
    shot = tmp_path / "plain.png"
    result = run_main("--config", config, "--scene", "seoul-plaza", "--offscreen", "--size", "320x180",
                      "--frames", "2", "--screenshot", shot)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    pixels = rendered_pixels(shot)
    assert len({tuple(round(c, 1) for c in p) for p in pixels}) > 10


def test_home_scene_renders_with_stats(tmp_path):
    shot, stats = tmp_path / "plaza.png", tmp_path / "plaza.json"
    result = run_main("--offscreen", "--size", "480x270", "--frames", "3", "--screenshot", shot,
                      "--stats", stats)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    figures = json.loads(stats.read_text())
    assert figures["scene"] == "seoul-plaza"
    assert set(figures["frame_ms"]) >= {"median", "p95", "p99"}
    assert 0 < figures["geoms"] <= 150 and 0 < figures["triangles"] <= 300_000
    assert figures["textures_mb"] <= 64 and figures["load_s"] > 0 and figures["first_frame_s"] > 0
    assert covered_fraction(shot) > 0.3


# --- links, --version, --self-check, the run log --------------------------------------------------------

def test_version():
    result = run_main("--version")
    assert result.returncode == 0 and result.stdout.strip().startswith("metaverse-seoul ")


@pytest.mark.parametrize("link, fragment", [("metaverse-seoul://scene/atlantis", "no scene 'atlantis'"),
                                            ("metaverse-seoul://festival/lantern", "only scene links"),
                                            ("metaverse-seoul://scene/Lantern", "lower-case letters"),
                                            ("metaverse-seoul://scene/x?y=1", "no '?' or '#'")])
def test_a_bad_link_is_refused(link, fragment):
    assert_clean_error(run_main(link), "link: ", fragment)


@pytest.mark.parametrize("argument", ["https://example.org", "lantern-festival"])
def test_an_argument_that_is_no_link_is_refused(argument):
    assert_clean_error(run_main(argument), "arguments: ", "unexpected argument")


def test_a_link_and_a_scene_cannot_both_be_given():
    assert_clean_error(run_main("--scene", "donuimun", "metaverse-seoul://scene/donuimun"), "one of")


def test_self_check_starts_the_embedded_server(tmp_path):
    result = run_main("--self-check", env={"METAVERSE_SEOUL_DATA_DIR": str(tmp_path)}, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: city services: embedded at http://127.0.0.1:" in result.stdout
    assert "problem:" not in result.stdout


def test_the_run_log_copies_stderr_and_keeps_the_previous_run(tmp_path):
    env = {"METAVERSE_SEOUL_DATA_DIR": str(tmp_path)}
    assert_clean_error(run_main("--scene", "first", env=env), "first")
    assert_clean_error(run_main("--scene", "second", env=env), "second")  # still one line on stderr
    assert "error: --scene: no scene 'second'" in (tmp_path / "metaverse-seoul.log").read_text()
    assert "error: --scene: no scene 'first'" in (tmp_path / "metaverse-seoul.log.1").read_text()


# --- festival scenes, opened by a link --------------------------------------------------------------

def night_and_lanterns(path):
    """(median brightness, share of bright pixels) of a screenshot."""
    values = sorted(sum(p) / 3 for p in rendered_pixels(path))
    return values[len(values) // 2], sum(1 for v in values if v > 0.8) / len(values)


@pytest.mark.parametrize("scene", ["lantern-festival", "bosingak-new-year"])
def test_a_link_opens_a_festival_scene_at_night(tmp_path, scene):
    shot, stats = tmp_path / f"{scene}.png", tmp_path / f"{scene}.json"
    result = run_main(f"metaverse-seoul://scene/{scene}", "--offscreen", "--size", "480x270", "--frames", "2",
                      "--screenshot", shot, "--stats", stats, timeout=120)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    median, bright = night_and_lanterns(shot)
    assert median < 0.45 and bright > 0.003 and covered_fraction(shot) > 0.3
    figures = json.loads(stats.read_text())
    assert figures["scene"] == scene and figures["lanterns"]["geoms"] <= 10
    assert figures["geoms"] <= 150 and figures["textures_mb"] <= 64


def test_an_event_added_as_a_manifest_alone_opens_from_its_link(tmp_path):
    """A third event: a manifest in a scenes folder, the models and lanterns already built; no code."""
    scenes = tmp_path / "scenes"
    scenes.mkdir()
    for manifest in (ROOT / "scenes").glob("*.yaml"):
        (scenes / manifest.name).write_bytes(manifest.read_bytes())
    title = {"ko": "연등 행렬", "en": "Lotus Lantern Parade", "zh": "燃灯游行", "ja": "燃灯行列"}
    (scenes / "lotus-lantern-parade.yaml").write_text(yaml.safe_dump({
        "id": "lotus-lantern-parade", "title": title, "models": [{"path": "models/cheonggyecheon.glb"}],
        "spawn": {"position": [40, -7.6, 0.6], "heading": -90}, "ground": {"mesh": "Terrain"},
        "lighting": {"preset": "night"},
        "lanterns": {"model": "models/lanterns.glb", "groups": [
            {"kind": "lotus", "count": 900, "area": [[5, -4.5], [318, 4.5]], "on_water": True}]},
    }, allow_unicode=True), encoding="utf-8")
    env = {"METAVERSE_SEOUL_SCENES_DIR": str(scenes), "METAVERSE_SEOUL_ASSETS_DIR": str(ROOT / "assets")}
    listed = run_main("--list-scenes", "--lang", "en", env=env)
    assert "lotus-lantern-parade\tLotus Lantern Parade" in listed.stdout.splitlines()
    shot, stats = tmp_path / "parade.png", tmp_path / "parade.json"
    result = run_main("metaverse-seoul://scene/lotus-lantern-parade", "--offscreen", "--size", "320x180",
                      "--frames", "2", "--screenshot", shot, "--stats", stats, env=env, timeout=120)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert json.loads(stats.read_text())["lanterns"]["lanterns"] == 900
    assert night_and_lanterns(shot)[1] > 0.003


def test_a_lantern_kind_the_model_lacks_is_one_error_line(tmp_path):
    scenes = tmp_path / "scenes"
    scenes.mkdir()
    title = {"ko": "유니콘", "en": "Unicorns", "zh": "独角兽", "ja": "ユニコーン"}
    (scenes / "unicorns.yaml").write_text(yaml.safe_dump({
        "id": "unicorns", "title": title, "models": [{"path": "models/cheonggyecheon.glb"}],
        "spawn": {"position": [40, -7.6, 0.6]}, "ground": {"mesh": "Terrain"},
        "lanterns": {"model": "models/lanterns.glb", "groups": [{"kind": "unicorn", "at": [[50, 0, 0, 0]]}]},
    }, allow_unicode=True), encoding="utf-8")
    env = {"METAVERSE_SEOUL_SCENES_DIR": str(scenes), "METAVERSE_SEOUL_ASSETS_DIR": str(ROOT / "assets")}
    result = run_main("--scene", "unicorns", "--offscreen", "--size", "160x90", env=env, timeout=120)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "unicorns.yaml: lanterns.groups[0].kind: 'unicorn' is not in models/lanterns.glb" in result.stderr
    assert "Traceback" not in result.stderr
