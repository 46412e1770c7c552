"""The packaged app as a resident gets it: built by build_apps, unpacked, installed with install.sh into
a home folder of its own, started from there, and uninstalled.

The package comes from tools/dist/build.py: a package built from the same sources is reused from the
user cache folder, so only the first run after a change pays for a build (about five minutes).
"""

import json
import os
import shutil
import subprocess
import tarfile
import time

import pytest

from metaverse_seoul import __version__
from metaverse_seoul.core.i18n import pick
from metaverse_seoul.core.manifest import list_manifests
from metaverse_seoul.paths import ASSETS_DIR, SCENES_DIR
from tests.test_cli import KHRONOS, covered_fraction
from tools.dist import build

APP = "metaverse-seoul"


@pytest.fixture(scope="module")
def package():
    path, _ = build.package(reuse=True)
    return path


@pytest.fixture(scope="module")
def home(package, tmp_path_factory):
    """A home folder with the package unpacked in Downloads and installed by install.sh."""
    home = tmp_path_factory.mktemp("home")
    with tarfile.open(package) as archive:
        archive.extractall(home / "Downloads", filter="tar")
    result = run_script(home, "Downloads/metaverse-seoul/install.sh")
    assert result.returncode == 0, result.stderr
    return home


def home_env(home, **extra):
    """The environment of a resident whose home is `home` (no XDG overrides, nothing of this checkout)."""
    keep = {key: os.environ[key] for key in ("PATH", "LANG", "TZ", "DISPLAY") if key in os.environ}
    return {**keep, "HOME": str(home), **extra}


def run_script(home, script, *args):
    return subprocess.run(["sh", str(home / script), *args], capture_output=True, text=True, timeout=120,
                          env=home_env(home))


def run_app(home, *args, timeout=120):
    start = time.monotonic()
    result = subprocess.run([str(home / ".local/bin" / APP), *map(str, args)], capture_output=True, text=True,
                            timeout=timeout, env=home_env(home), cwd=home)
    result.seconds = time.monotonic() - start
    return result


def assert_one_error_line(result, fragment):
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0], result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_version(home):
    result = run_app(home, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"metaverse-seoul {__version__}"


def test_list_scenes_matches_the_sources(home):
    result = run_app(home, "--list-scenes")
    assert result.returncode == 0, result.stderr
    expected = [f"{m.id}\t{pick(m.title, 'ko')}" for m in list_manifests(SCENES_DIR, ASSETS_DIR)]
    assert result.stdout.splitlines() == expected


def test_the_package_ships_models_as_bam_only(home):
    models = home / ".local/lib" / APP / "assets/models"
    shipped = sorted(p.name.removesuffix(".bam.pz") for p in models.glob("*.bam.pz"))
    assert shipped == sorted(p.stem for p in ASSETS_DIR.glob("models/*.glb"))
    assert not list(models.glob("*.gl*"))


def test_offscreen_screenshot_of_a_reconstruction(home, tmp_path):
    shot, stats = tmp_path / "donuimun.png", tmp_path / "stats.json"
    result = run_app(home, "--scene", "donuimun", "--offscreen", "--size", "320x180", "--frames", "3",
                     "--screenshot", shot, "--stats", stats)
    assert result.returncode == 0, result.stderr
    assert covered_fraction(shot) > 0.3
    figures = json.loads(stats.read_text())
    assert figures["triangles"] > 10_000
    assert all(model["file"].endswith(".bam.pz") for model in figures["models"])


def test_a_festival_scene_draws_its_lanterns(home, tmp_path):
    shot, stats = tmp_path / "lanterns.png", tmp_path / "stats.json"
    result = run_app(home, "--scene", "lantern-festival", "--offscreen", "--size", "320x180", "--frames", "3",
                     "--screenshot", shot, "--stats", stats)
    assert result.returncode == 0, result.stderr
    figures = json.loads(stats.read_text())
    assert figures["lanterns"]["lanterns"] > 1000 and figures["lanterns"]["models_drawn"] > 0
    assert any(model["file"].endswith("lanterns.bam.pz") for model in figures["models"])


def test_a_link_opens_its_scene(home, tmp_path):
    shot = tmp_path / "deoksugung.png"
    result = run_app(home, "metaverse-seoul://scene/deoksugung", "--offscreen", "--size", "320x180",
                     "--screenshot", shot)
    assert result.returncode == 0, result.stderr
    assert covered_fraction(shot) > 0.3


@pytest.mark.parametrize("link, fragment", [("metaverse-seoul://scene/atlantis", "no scene 'atlantis'"),
                                            ("metaverse-seoul://event/lantern", "only scene links"),
                                            ("metaverse-seoul:scene", "only scene links")])
def test_a_bad_link_is_refused(home, link, fragment):
    assert_one_error_line(run_app(home, link), fragment)


def test_headset_mode_loads_openxr_and_says_there_is_no_runtime(home, tmp_path):
    # The loader library and pyopenxr are in the package: what is missing here is a runtime, not them
    # (an empty folder of active runtimes; the Monado test runs the app from source).
    empty = tmp_path / "no-runtimes"
    empty.mkdir()
    result = subprocess.run([str(home / ".local/bin" / APP), "--vr=required", "--offscreen", "--frames", "1"],
                            capture_output=True, text=True, timeout=120, cwd=home,
                            env=home_env(home, XDG_CONFIG_DIRS=str(empty)))
    assert_one_error_line(result, "--vr: no headset: no OpenXR runtime")


def test_sqlite_is_inside_the_package(home):
    # Panda3D's own _sqlite3 needs a libsqlite3.so that only development packages install.
    needed = subprocess.run(["readelf", "-d", str(home / ".local/lib/metaverse-seoul/_sqlite3.so")],
                            capture_output=True, text=True, check=True).stdout
    assert "NEEDED" in needed and "libsqlite3" not in needed


def test_a_bad_argument_is_refused(home):
    assert_one_error_line(run_app(home, "--frames", "0"), "--frames")


def test_self_check_finds_everything_and_the_embedded_server_answers(home):
    result = run_app(home, "--self-check")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = dict(line.split(": ", 2)[1:] for line in result.stdout.splitlines())
    assert "(packaged)" in lines["version"]
    assert str(home / ".local/lib" / APP / "cacert.pem") in lines["CA bundle"]
    assert lines["city services"].startswith("embedded at http://127.0.0.1:")
    assert " 0 " not in lines["city services"]  # complaint kinds, facilities and events from the seed data
    assert (home / ".local/share" / APP / "city-services.sqlite3").is_file()


def test_a_users_own_gltf_opens_in_the_viewer(home, tmp_path):
    """A packaged app converts a glTF by starting itself as the converter (no `python -m` in a frozen app)."""
    shot = tmp_path / "box.png"
    result = run_app(home, "--model", KHRONOS / "BoxTextured/glTF-Binary/BoxTextured.glb", "--offscreen",
                     "--size", "320x180", "--screenshot", shot)
    assert result.returncode == 0, result.stderr
    assert covered_fraction(shot) > 0.05
    assert list((home / ".cache" / APP / "models").glob("*.bam"))


def test_a_meshopt_compressed_gltf_opens_in_the_viewer(home, tmp_path):
    """meshoptimizer has no wheel to freeze: the package carries it as files (tools/dist/meshoptimizer_files.py)."""
    shot, stats = tmp_path / "engine.png", tmp_path / "stats.json"
    result = run_app(home, "--model", KHRONOS.parent / "khronos-variants/2CylinderEngine-meshopt.glb", "--offscreen",
                     "--size", "320x180", "--screenshot", shot, "--stats", stats)
    assert result.returncode == 0, result.stderr
    assert covered_fraction(shot) > 0.05
    [model] = json.loads(stats.read_text())["models"]
    assert "EXT_meshopt_compression" in model["extensions"]


def test_a_broken_gltf_is_refused(home, tmp_path):
    broken = tmp_path / "broken.glb"
    broken.write_bytes(b"glTF" + bytes(40))
    assert_one_error_line(run_app(home, "--model", broken), "broken.glb")


def test_the_run_log_is_in_the_user_data_folder(home):
    run_app(home, "--scene", "nowhere")
    log = (home / ".local/share" / APP / "metaverse-seoul.log").read_text()
    assert f"metaverse-seoul {__version__} (packaged)" in log
    assert "error: --scene: no scene 'nowhere'" in log


def test_desktop_entry_icon_and_link_scheme(home):
    entry = home / ".local/share/applications" / f"{APP}.desktop"
    text = entry.read_text()
    assert f'Exec="{home}/.local/lib/{APP}/{APP}" %u' in text
    assert "MimeType=x-scheme-handler/metaverse-seoul;" in text
    assert (home / ".local/share/icons/hicolor/256x256/apps" / f"{APP}.png").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    if shutil.which("xdg-mime"):
        query = subprocess.run(["xdg-mime", "query", "default", "x-scheme-handler/metaverse-seoul"],
                               capture_output=True, text=True, env=home_env(home))
        assert query.stdout.strip() == f"{APP}.desktop"


def test_uninstall_removes_the_app_and_keeps_the_residents_data(package, tmp_path):
    home = tmp_path / "home"
    with tarfile.open(package) as archive:
        archive.extractall(home / "Downloads", filter="tar")
    assert run_script(home, "Downloads/metaverse-seoul/install.sh").returncode == 0
    (home / ".local/share" / APP).mkdir(parents=True, exist_ok=True)  # --version during install made it
    (home / ".local/share" / APP / "outbox.sqlite3").write_bytes(b"a complaint not yet sent")
    result = run_script(home, f".local/lib/{APP}/uninstall.sh")
    assert result.returncode == 0, result.stderr
    assert not (home / ".local/lib" / APP).exists() and not (home / ".local/bin" / APP).exists()
    assert not (home / ".local/share/applications" / f"{APP}.desktop").exists()
    assert not list((home / ".local/share/icons").rglob(f"{APP}.png"))
    assert "metaverse-seoul" not in (home / ".config/mimeapps.list").read_text() \
        if (home / ".config/mimeapps.list").exists() else True
    assert (home / ".local/share" / APP / "outbox.sqlite3").is_file()
