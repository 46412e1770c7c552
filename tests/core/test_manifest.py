import json

import pytest
import yaml

from metaverse_seoul.core.asset_paths import asset_path_problem
from metaverse_seoul.core.errors import InputError
from metaverse_seoul.core.manifest import list_manifests, load_manifest
from metaverse_seoul.paths import ASSETS_DIR, SCENES_DIR

TITLE = {"ko": "시험", "en": "Test", "zh": "测试", "ja": "テスト"}


@pytest.fixture
def assets(tmp_path):
    folder = tmp_path / "assets"
    (folder / "models").mkdir(parents=True)
    (folder / "models" / "place.glb").write_bytes(b"glTF")  # only existence is checked here
    return folder


def manifest(tmp_path, data, name="place"):
    base = {"id": name, "title": TITLE, "models": [{"path": "models/place.glb"}],
            "spawn": {"position": [0, -5, 0], "heading": 0}}
    base.update(data)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(base, allow_unicode=True), encoding="utf-8")
    return path


def test_a_minimal_manifest_loads_with_defaults(tmp_path, assets):
    m = load_manifest(manifest(tmp_path, {}), assets)
    assert m.location is None  # optional: a complaint kiosk there asks the resident where
    assert m.id == "place" and m.title["ko"] == "시험"
    assert m.model_files == [(assets / "models" / "place.glb").resolve()]
    assert m.ground.height == 0.0 and m.lighting.preset == "day"
    assert m.models[0].position == [0, 0, 0] and m.models[0].scale == 1.0


def test_a_full_manifest_loads(tmp_path, assets):
    (assets / "models" / "place.colliders.json").write_text(json.dumps([{"circle": [1, 2, 0.5]}]))
    m = load_manifest(manifest(tmp_path, {
        "ground": {"height": 0, "mesh": "Terrain", "bounds": [[-10, -10], [10, 10]]},
        "colliders": [{"box": [0, 5, 4, 0.3], "heading": 15}],
        "collider_file": "models/place.colliders.json",
        "lighting": {"preset": "dusk", "presets": ["dawn", "day", "dusk", "night"]},
        "kiosks": [{"id": "k1", "kind": "complaint", "position": [1, 1, 0], "heading": 90}],
        "portals": [{"to": "other", "position": [5, 5, 0]}],
        "narration": [dict(TITLE, seconds=5)],
        "location": {"lat": 37.5656, "long": 126.9781, "source": "a survey"},
    }), assets)
    assert len(m.colliders) == 2 and m.colliders[1].circle == [1, 2, 0.5]
    assert (m.location.lat, m.location.long) == (37.5656, 126.9781)
    assert m.kiosks[0].kind == "complaint" and m.portals[0].radius == 1.5
    assert m.narration[0].text("ja") == "テスト"


@pytest.mark.parametrize("data, expected", [
    ({"colour": "red"}, "colour: unknown key"),
    ({"title": {"ko": "시험", "en": "Test"}}, "title: missing text for zh, ja"),
    ({"title": dict(TITLE, fr="Essai")}, "title: unknown language 'fr'"),
    ({"models": []}, "models: expected at least one model"),
    ({"models": [{"path": "models/missing.glb"}]}, "models[0].path: 'models/missing.glb' not found"),
    ({"models": [{"path": "../secret.glb"}]}, "'..' is not allowed"),
    ({"models": [{"path": "/etc/passwd"}]}, "is absolute"),
    ({"models": [{"path": "https://example.org/a.glb"}]}, "is a URL"),
    ({"models": [{"path": "C:/a.glb"}]}, "is a URL or drive path"),
    ({"models": [{"path": "models\\place.glb"}]}, "use forward slashes"),
    ({"models": [{"path": "models/place.glb", "scale": 0}]}, "models[0].scale: expected a positive number"),
    ({"spawn": {"position": [0, 0]}}, "spawn.position: expected a list of 3"),
    ({"spawn": {"heading": 0}}, "spawn.position: is required"),
    ({"ground": {}}, "ground: expected 'height', 'mesh' or both"),
    ({"ground": {"height": 0, "bounds": [[5, 5], [0, 0]]}}, "ground.bounds: expected xmin < xmax"),
    ({"colliders": [{"heading": 3}]}, "colliders[0]: expected exactly one of 'box' or 'circle'"),
    ({"colliders": [{"box": [0, 0, -1, 1]}]}, "colliders[0].box: width and depth must be positive"),
    ({"lighting": {"preset": "noon"}}, "lighting.preset: expected one of dawn, day, dusk, night"),
    ({"lighting": {"preset": "day", "presets": ["dusk"]}}, "lighting.preset: 'day' is not in lighting.presets"),
    ({"kiosks": [{"id": "k", "kind": "vending", "position": [0, 0, 0]}]}, "kiosks[0].kind: expected one of"),
    ({"kiosks": [{"id": "k", "kind": "events", "position": [0, 0, 0]}] * 2}, "kiosks: id 'k' is used twice"),
    ({"portals": [{"to": "Bad Name", "position": [0, 0, 0]}]}, "portals[0].to: expected lower-case"),
    ({"narration": [{"ko": "가", "en": "a", "zh": "甲"}]}, "narration[0].ja: is required"),
    ({"collider_file": "models/none.json"}, "collider_file: 'models/none.json' not found"),
    ({"location": "37.5656, 126.9781"}, "location: expected a mapping, got text"),
    ({"location": {"lat": 37.5, "source": "x"}}, "location.long: is required"),
    ({"location": {"lat": 137.5, "long": 126.9, "source": "x"}}, "location.lat: expected a value between -90 and 90"),
    ({"location": {"lat": "37.5", "long": 126.9, "source": "x"}}, "location.lat: expected a number, got text"),
    ({"location": {"lat": 37.5, "long": 126.9, "source": " "}}, "location.source: expected where the coordinates"),
])
def test_bad_manifests_name_file_and_key(tmp_path, assets, data, expected):
    path = manifest(tmp_path, data)
    with pytest.raises(InputError) as err:
        load_manifest(path, assets)
    assert str(err.value).startswith(f"{path}: ")
    assert expected in str(err.value)


def test_id_must_match_file_name(tmp_path, assets):
    path = manifest(tmp_path, {"id": "elsewhere"})
    with pytest.raises(InputError, match="must match the file name"):
        load_manifest(path, assets)


def test_symlink_out_of_assets_is_refused(tmp_path, assets):
    outside = tmp_path / "outside.glb"
    outside.write_bytes(b"glTF")
    (assets / "models" / "link.glb").symlink_to(outside)
    with pytest.raises(InputError, match="resolves outside the assets folder"):
        load_manifest(manifest(tmp_path, {"models": [{"path": "models/link.glb"}]}), assets)


def test_python_tags_in_a_manifest_are_refused(tmp_path, assets):
    path = tmp_path / "place.yaml"
    path.write_text("id: !!python/object/new:os.system [ls]\n")
    with pytest.raises(InputError, match="not allowed"):
        load_manifest(path, assets)


def test_bad_collider_file_is_named(tmp_path, assets):
    (assets / "models" / "c.json").write_text("[{\"box\": [1, 2]}]")
    with pytest.raises(InputError, match=r"c.json: colliders\[0\].box: expected a list of 4"):
        load_manifest(manifest(tmp_path, {"collider_file": "models/c.json"}), assets)


@pytest.mark.parametrize("text", ["models/a.glb", "a/b/c.gltf", "x.glb"])
def test_good_asset_paths(text):
    assert asset_path_problem(text) is None


def test_every_shipped_scene_is_valid():
    scenes = list_manifests(SCENES_DIR, ASSETS_DIR)
    ids = {m.id for m in scenes}
    for m in scenes:
        for portal in m.portals:
            assert portal.to != m.id, f"{m.id} has a portal to itself"
        if m.location is not None:  # inside Seoul: catches swapped or mistyped coordinates
            assert 37.42 < m.location.lat < 37.71 and 126.76 < m.location.long < 127.19, m.id
    assert len(ids) == len(scenes)


# --- an event's parts: lanterns, sounds, a ceremony ------------------------------------------------
LOTUS = {"kind": "lotus", "count": 10, "area": [[0, 0], [5, 5]]}
CEREMONY = {"name": TITLE, "at": "01-01 00:00", "countdown": {c: "{time}" for c in TITLE},
            "strike_caption": {c: "{n}/{total}" for c in TITLE}, "sound": "audio/bell.wav"}


@pytest.fixture
def event_assets(assets):
    (assets / "models" / "lanterns.glb").write_bytes(b"glTF")
    (assets / "audio").mkdir()
    (assets / "audio" / "bell.wav").write_bytes(b"RIFF")
    return assets


def test_an_event_manifest_loads_with_its_lanterns_sounds_and_ceremony(tmp_path, event_assets):
    m = load_manifest(manifest(tmp_path, {
        "lanterns": {"model": "models/lanterns.glb", "groups": [LOTUS, {"kind": "tiger", "at": [[1, 2, 0, 90]]}]},
        "sounds": [{"path": "audio/bell.wav", "caption": TITLE}],
        "ceremony": CEREMONY,
        "kiosks": [{"id": "k", "kind": "information", "position": [0, 0, 0], "info": [TITLE]}],
    }), event_assets)
    assert m.lanterns.model_file == (event_assets / "models" / "lanterns.glb").resolve()
    assert m.all_model_files == m.model_files + [m.lanterns.model_file]
    assert m.sounds[0].file.name == "bell.wav" and m.ceremony.sound_file.name == "bell.wav"
    assert m.ceremony.strikes == 33 and m.ceremony.moment() == (1, 1, 0, 0)
    assert m.kiosks[0].info[0]["ja"] == "テスト"


@pytest.mark.parametrize("data, expected", [
    ({"lanterns": {"model": "models/lanterns.glb", "groups": []}}, "lanterns.groups: expected at least one group"),
    ({"lanterns": {"model": "models/none.glb", "groups": [LOTUS]}}, "lanterns.model: 'models/none.glb' not found"),
    ({"lanterns": {"model": "models/lanterns.glb", "groups": [{"kind": "lotus", "count": 3}]}},
     "lanterns.groups[0]: expected exactly one of 'along', 'area' or 'at'"),
    ({"lanterns": {"model": "models/lanterns.glb", "groups": [{"kind": "lotus", "area": [[0, 0], [1, 1]]}]}},
     "lanterns.groups[0]: expected 'count'"),
    ({"lanterns": {"model": "models/lanterns.glb", "groups": [dict(LOTUS, area=[[5, 5], [0, 0]])]}},
     "area: expected xmin < xmax"),
    ({"lanterns": {"model": "models/lanterns.glb", "groups": [{"kind": "tiger", "count": 2, "at": [[0, 0, 0, 0]]}]}},
     "leave out 'count'"),
    ({"lanterns": {"model": "models/lanterns.glb", "groups": [{"kind": "tiger", "at": [[0, 0, 0]]}]}},
     "at: expected a list of [x, y, z, heading]"),
    ({"lanterns": {"model": "models/lanterns.glb", "groups": [dict(LOTUS, colours=["red"])]}},
     "lanterns.groups[0].colours: expected colours as '#rrggbb'"),
    ({"lanterns": {"model": "models/lanterns.glb", "groups": [dict(LOTUS, count=10 ** 9)]}},
     "lanterns.groups[0].count: expected a value between 1 and 100000"),
    ({"lanterns": {"model": "models/lanterns.glb", "groups": [dict(LOTUS, size=[2, 1])]}}, "expected low <= high"),
    ({"sounds": [{"path": "audio/none.wav", "caption": TITLE}]}, "sounds[0].path: 'audio/none.wav' not found"),
    ({"sounds": [{"path": "audio/bell.wav"}]}, "sounds[0].caption: is required"),
    ({"ceremony": dict(CEREMONY, at="midnight")}, "ceremony.at: expected 'MM-DD HH:MM'"),
    ({"ceremony": dict(CEREMONY, at="13-01 00:00")}, "ceremony.at: expected a real month"),
    ({"ceremony": dict(CEREMONY, strike_caption=dict(TITLE))}, "expected the placeholder {n}"),
    ({"ceremony": dict(CEREMONY, countdown={c: "{time} {when}" for c in TITLE})},
     "ceremony.countdown: en: only the placeholders {time} may be used"),
    ({"ceremony": dict(CEREMONY, strikes=0)}, "ceremony.strikes: expected a value between 1 and 1000"),
    ({"kiosks": [{"id": "k", "kind": "information", "position": [0, 0, 0], "info": [{"ko": "가"}]}]},
     "kiosks[0].info: [0]: missing text for en, zh, ja"),
])
def test_bad_event_parts_name_file_and_key(tmp_path, event_assets, data, expected):
    path = manifest(tmp_path, data)
    with pytest.raises(InputError) as err:
        load_manifest(path, event_assets)
    assert str(err.value).startswith(f"{path}: ") and expected in str(err.value)
