"""`python -m tools.build_all` rebuilds every model deterministically, and the committed models are current."""

import json

import pytest

from tools.build_all import ROOT, build_all, built_files, clear_caches, main, stale_files

MODELS = ROOT / "assets" / "models"
BUDGET = {"geoms": 150, "triangles": 300_000, "textures_mb": 64}


def test_two_builds_are_byte_identical(fresh_build, tmp_path):
    first, _ = fresh_build
    clear_caches()  # regenerate the textures too, not only the geometry
    build_all(tmp_path)
    assert built_files(tmp_path) == built_files(first) and built_files(first)
    for name in built_files(first):
        assert (tmp_path / name).read_bytes() == (first / name).read_bytes(), name


def test_committed_models_match_the_builders(fresh_build):
    out, _ = fresh_build
    assert stale_files(out, MODELS) == [], "assets/models is out of date: run `make assets`"


def test_every_model_is_within_the_scene_budget(fresh_build):
    _, stats = fresh_build
    for name, figures in stats.items():
        for key, limit in BUDGET.items():
            assert figures[key] <= limit, f"{name}: {key} {figures[key]} > {limit}"


def test_every_model_has_a_provenance_file(fresh_build):
    _, stats = fresh_build
    for name in stats:
        provenance = json.loads((MODELS / f"{name}.json").read_text(encoding="utf-8"))
        source_ids = {s["id"] for s in provenance["sources"]}
        assert provenance["model"] == f"{name}.glb" and provenance["conjecture"]
        for dim in provenance["dimensions"]:
            assert dim["status"] in ("sourced", "derived", "conjecture"), dim
            if dim["status"] != "conjecture":
                assert dim.get("source") in source_ids, dim


def test_check_mode_reports_stale_models(fresh_build, monkeypatch, tmp_path, capsys):
    import shutil

    import tools.build_all as build_module
    out, _ = fresh_build
    # Reuse the session's build instead of building a third time.
    monkeypatch.setattr(build_module, "build_all", lambda target: shutil.copytree(out, target, dirs_exist_ok=True))
    assert main(["--check"]) == 0 and "up to date" in capsys.readouterr().out
    stale_dir = tmp_path / "models"
    shutil.copytree(MODELS, stale_dir)
    (stale_dir / "donuimun.colliders.json").write_text("[]\n")
    monkeypatch.setattr(build_module, "MODELS_DIR", stale_dir)
    monkeypatch.setattr(build_module.stale_files, "__defaults__", (stale_dir,))
    assert main(["--check"]) == 1
    assert "donuimun.colliders.json" in capsys.readouterr().err


def test_unknown_flags_are_refused():
    with pytest.raises(SystemExit) as exit_info:
        main(["--bogus"])
    assert exit_info.value.code == 2
