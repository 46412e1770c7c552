"""`python -m tools.build_all` rebuilds every model deterministically, and the committed models are current."""

import json

import pytest

from tools.build_all import ROOT, build_all, built_files, main, stale_files

MODELS = ROOT / "assets" / "models"
BUDGET = {"geoms": 150, "triangles": 300_000, "textures_mb": 64}


def test_two_builds_are_byte_identical(fresh_build, tmp_path):
    first, _ = fresh_build
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


def test_check_mode_passes_on_current_assets_and_unknown_flags_are_refused(capsys):
    assert main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["--bogus"])
    assert exit_info.value.code == 2
