import pytest

from metaverse_seoul.core.errors import InputError
from metaverse_seoul.core.settings import Settings, load_settings, merge, screen_size
from metaverse_seoul.paths import DEFAULT_CONFIG


def write(tmp_path, text, name="user.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_default_file_matches_the_typed_defaults():
    # config/default.yaml documents every setting; it must say what the code assumes.
    assert load_settings(DEFAULT_CONFIG) == Settings()


def test_layers_merge_in_order(tmp_path):
    user = write(tmp_path, "language: en\ngraphics:\n  fov: 90\n")
    extra = write(tmp_path, "graphics:\n  width: 800\n", "extra.yaml")
    s = load_settings(DEFAULT_CONFIG, [user, extra], {"language": "ja"})
    assert s.language == "ja"              # the command line wins
    assert s.graphics.fov == 90            # from the user file
    assert s.graphics.width == 800         # from --config
    assert s.graphics.height == 720        # untouched default
    assert s.controls.keys.forward == ["w", "arrow_up"]


def test_missing_user_file_is_not_an_error(tmp_path):
    assert load_settings(DEFAULT_CONFIG, [tmp_path / "absent.yaml"]).language == "ko"


def test_empty_user_file_is_an_empty_layer(tmp_path):
    assert load_settings(DEFAULT_CONFIG, [write(tmp_path, "")]) == Settings()


@pytest.mark.parametrize("text, expected", [
    ("graphic:\n  fov: 30\n", "graphic: unknown key"),
    ("graphics:\n  fov: wide\n", "graphics.fov: expected a number, got text 'wide'"),
    ("graphics:\n  fov: 300\n", "graphics.fov: expected a value between 40 and 120"),
    ("graphics:\n  width: 12.5\n", "graphics.width: expected a whole number"),
    ("graphics:\n  pbr: 'yes'\n", "graphics.pbr: expected true or false"),
    ("language: fr\n", "language: expected one of ko, en, zh, ja"),
    ("controls:\n  keys:\n    forward: [warp]\n", "controls.keys.forward: unknown key name 'warp'"),
    ("api:\n  url: ftp://city\n", "api.url: expected 'embedded' or an http(s):// URL"),
    ("api:\n  url: 'http://'\n", "api.url: expected 'embedded' or an http(s):// URL"),
    ("api:\n  url: 'http://[::1'\n", "api.url: expected 'embedded' or an http(s):// URL"),
    ("api:\n  url: 'https://city.example:99999'\n", "api.url: expected 'embedded' or an http(s):// URL"),
    ("api:\n  url: 'https://city.example/a b'\n", "api.url: expected 'embedded' or an http(s):// URL"),
    ("graphics: 3\n", "graphics: expected a mapping"),
    ("- a\n- b\n", "expected a mapping"),
    ("controls:\n  walk_speed: .nan\n", "controls.walk_speed: expected a finite number"),
])
def test_bad_values_name_the_file_and_key(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as err:
        load_settings(DEFAULT_CONFIG, [path])
    assert str(err.value).startswith(f"{path}: ")
    assert expected in str(err.value)


def test_python_tags_are_refused(tmp_path):
    path = write(tmp_path, "language: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(InputError, match="tag '!!python/object/apply:os.system' is not allowed"):
        load_settings(DEFAULT_CONFIG, [path])


def test_malformed_yaml_gives_the_line(tmp_path):
    path = write(tmp_path, "graphics:\n  fov: [1, 2\n")
    with pytest.raises(InputError, match=r"line \d+"):
        load_settings(DEFAULT_CONFIG, [path])


def test_duplicate_keys_are_refused(tmp_path):
    path = write(tmp_path, "language: en\nlanguage: ko\n")
    with pytest.raises(InputError, match="duplicate key 'language'"):
        load_settings(DEFAULT_CONFIG, [path])


def test_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("language: 'é'\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_settings(DEFAULT_CONFIG, [path])


def test_command_line_overrides_are_checked_too():
    with pytest.raises(InputError, match="command line: api.url"):
        load_settings(DEFAULT_CONFIG, [], {"api": {"url": "gopher://x"}})


def test_merge_replaces_lists_and_merges_mappings():
    base = {"a": {"b": 1, "c": [1, 2]}, "d": 1}
    assert merge(base, {"a": {"c": [3]}}) == {"a": {"b": 1, "c": [3]}, "d": 1}
    assert base == {"a": {"b": 1, "c": [1, 2]}, "d": 1}  # the base is not modified


@pytest.mark.parametrize("text, size", [("1280x720", (1280, 720)), ("640X360", (640, 360))])
def test_screen_size(text, size):
    assert screen_size(text) == size


@pytest.mark.parametrize("text", ["1280", "axb", "0x0", "100000x10", "-5x10"])
def test_bad_screen_size(text):
    with pytest.raises(InputError, match="--size"):
        screen_size(text)


def test_headset_settings_default_to_the_comfortable_choices():
    settings = load_settings(DEFAULT_CONFIG)
    assert settings.graphics.vr is False
    comfort = settings.comfort
    assert (comfort.locomotion, comfort.snap_turn_degrees, comfort.vignette) == ("teleport", 45, True)
    assert not comfort.seated and comfort.height_offset == 0.0 and not comfort.one_handed


@pytest.mark.parametrize("value", [True, False, "required"])
def test_graphics_vr_takes_true_false_or_required(tmp_path, value):
    path = tmp_path / "settings.yaml"
    path.write_text(f"graphics: {{vr: {str(value).lower()}}}\n")
    assert load_settings(DEFAULT_CONFIG, [path]).graphics.vr == value


@pytest.mark.parametrize("text, fragment", [("graphics: {vr: maybe}", "graphics.vr: expected true, false or required"),
                                            ("comfort: {snap_turn_degrees: 60}", "comfort.snap_turn_degrees"),
                                            ("comfort: {locomotion: fly}", "comfort.locomotion")])
def test_bad_headset_settings_are_refused_by_name(tmp_path, text, fragment):
    path = tmp_path / "settings.yaml"
    path.write_text(text + "\n")
    with pytest.raises(InputError, match=fragment.replace(".", r"\.")):
        load_settings(DEFAULT_CONFIG, [path])
