"""The packaging helpers that need no build: the pinned requirements, the icons, the build's checks."""

from importlib import metadata

from tools import make_icon
from tools.dist import build, checks, requirements


def test_requirements_pin_what_the_app_runs_on_to_the_installed_versions():
    pins = requirements.pinned_closure()
    for name in ("panda3d", "panda3d-gltf", "panda3d-simplepbr", "fastapi", "uvicorn", "sqlalchemy", "alembic",
                 "certifi", "requests", "numpy"):
        assert pins[name] == f"{metadata.distribution(name).metadata['Name']}=={metadata.version(name)}"
    # a desktop app's embedded server needs neither PostgreSQL nor uvicorn's optional speed-ups
    assert not {"psycopg", "psycopg-binary", "uvloop", "httptools", "watchfiles"} & set(pins)
    assert not {"pytest", "hypothesis", "schemathesis"} & set(pins)


def test_icons_are_current():
    assert make_icon.main(["--check"]) == 0


def test_icon_is_opaque_inside_and_transparent_at_the_corners():
    pixels = make_icon.draw(32)
    assert pixels.shape == (32, 32, 4)
    assert pixels[0, 0, 3] == 0 and pixels[16, 16, 3] == 255


def test_the_build_checks_every_scene_model_as_compressed_bam():
    expected = checks.expected_files("manylinux2014_x86_64")
    assert "assets/models/donuimun.bam.pz" in expected and "libp3headlessgl.so" in expected
    assert "city_services/migrations/versions/0001_initial_schema.py" in expected


def test_the_build_key_follows_the_sources(tmp_path, monkeypatch):
    key = build.source_key()
    assert key == build.source_key()
    changed = tmp_path / "main.py"
    changed.write_text(build.ROOT.joinpath("main.py").read_text() + "\n# changed\n")
    monkeypatch.setattr(build, "ROOT", tmp_path)
    monkeypatch.setattr(build, "INPUTS", ["main.py"])
    other = build.source_key()
    assert other != key
