"""User settings: config/default.yaml, then the user's own file, then --config FILE, then CLI flags.

Each layer is checked on its own (so an error names the file it came from), merged key by key, and
turned into one typed Settings object.
"""

import copy
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .errors import InputError
from .i18n import LANGUAGES
from .schema import build, check_partial, describe, rule
from .yaml_files import load_yaml


def _api_url_problem(value):
    if value == "embedded":
        return None
    expected = f"expected 'embedded' or an http(s):// URL, got {value!r}"
    if not value.isprintable() or " " in value:
        return expected
    try:
        url = urlsplit(value)
        url.port  # noqa: B018 - raises ValueError for a port that is not a number in 0..65535
    except ValueError:
        return expected
    return None if url.scheme in ("http", "https") and url.hostname else expected


@dataclass
class ApiSettings:
    url: str = field(default="embedded", metadata=rule(check=_api_url_problem))
    api_key: str = "metaverse-seoul-dev"
    timeout_s: float = field(default=10.0, metadata=rule(min=0.5, max=120))
    # How often the city is asked what became of the resident's requests ("My requests").
    requests_poll_s: float = field(default=30.0, metadata=rule(min=5, max=3600))


def _vr_problem(value):
    if value in (True, False, "required"):
        return None
    return f"expected true, false or required, got {describe(value)}"


@dataclass
class GraphicsSettings:
    width: int = field(default=1280, metadata=rule(min=320, max=7680))
    height: int = field(default=720, metadata=rule(min=240, max=4320))
    fullscreen: bool = False
    vsync: bool = True
    pbr: bool = True
    shadows: bool = False  # simplepbr shadows crash Mesa's software renderer: opt-in
    msaa: int = field(default=0, metadata=rule(choices=(0, 2, 4, 8)))
    fov: float = field(default=70.0, metadata=rule(min=40, max=120))
    exposure: float = field(default=0.0, metadata=rule(min=-4, max=4))
    # Headset: true renders to an OpenXR headset when there is one (else the desktop), required
    # refuses to start without one (also --vr, --vr=required).
    vr: Any = field(default=False, metadata=rule(check=_vr_problem))


@dataclass
class AccessibilitySettings:
    text_scale: float = field(default=1.0, metadata=rule(min=0.75, max=2.5))
    high_contrast: bool = False
    captions: bool = True
    reduce_motion: bool = False  # no head bob, no smooth turning in VR


KEY_NAMES = (
    "a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9 "
    "arrow_up arrow_down arrow_left arrow_right shift lshift rshift control alt space enter "
    "escape tab backspace page_up page_down home end insert delete "
    "f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 , . / ; ' [ ] - ="
).split()


def _keys_problem(value):
    bad = [k for k in value if k not in KEY_NAMES]
    if bad:
        return f"unknown key name {bad[0]!r} (use names such as w, arrow_up, shift, space, f1)"
    if not value:
        return "expected at least one key"
    return None


def _keys(*names):
    return field(default_factory=lambda: list(names), metadata=rule(check=_keys_problem))


@dataclass
class KeyBindings:
    forward: list[str] = _keys("w", "arrow_up")
    back: list[str] = _keys("s", "arrow_down")
    strafe_left: list[str] = _keys("a")
    strafe_right: list[str] = _keys("d")
    turn_left: list[str] = _keys("arrow_left", "q")
    turn_right: list[str] = _keys("arrow_right", "e")
    look_up: list[str] = _keys("page_up")
    look_down: list[str] = _keys("page_down")
    run: list[str] = _keys("shift")
    interact: list[str] = _keys("enter", "space")
    menu: list[str] = _keys("escape")  # the menu (resume, settings, my requests, help, quit); frees the pointer
    settings: list[str] = _keys("f10")
    speech: list[str] = _keys("f9")  # speech on or off, from anywhere
    next_lighting: list[str] = _keys("l")
    help: list[str] = _keys("f1", "h")
    home: list[str] = _keys("f2")
    go_event: list[str] = _keys("g")  # to the festival the "now on" banner names


@dataclass
class ControlSettings:
    walk_speed: float = field(default=1.4, metadata=rule(min=0.2, max=5))  # m/s, human walking pace
    run_multiplier: float = field(default=2.2, metadata=rule(min=1, max=5))
    turn_speed: float = field(default=90.0, metadata=rule(min=10, max=360))  # deg/s for keyboard turns
    mouse_sensitivity: float = field(default=0.15, metadata=rule(min=0.01, max=2))  # deg per pixel
    invert_y: bool = False
    eye_height: float = field(default=1.6, metadata=rule(min=0.8, max=2.2))  # seated users lower it
    keys: KeyBindings = field(default_factory=KeyBindings)


@dataclass
class SpeechSettings:
    enabled: bool = False  # read aloud captions, kiosk screens and notices (F9 turns it on and off)
    rate: float = field(default=1.0, metadata=rule(min=0.5, max=2.0))  # 1.0: the voice's usual pace


@dataclass
class SoundSettings:
    enabled: bool = True  # the places' own sounds (water, crowds, bells); captions show either way
    volume: float = field(default=0.8, metadata=rule(min=0.0, max=1.0))


@dataclass
class ComfortSettings:
    """In a headset (core/controller_commands.py, turning.py, comfort_vignette.py, play_space.py)."""

    locomotion: str = field(default="teleport", metadata=rule(choices=("teleport", "smooth")))
    snap_turn_degrees: int = field(default=45, metadata=rule(choices=(0, 30, 45, 90)))  # 0: smooth turning
    smooth_turn_speed: float = field(default=90.0, metadata=rule(min=15, max=360))  # deg/s
    vignette: bool = True
    seated: bool = False  # raise the view to controls.eye_height, measured when recentring
    height_offset: float = field(default=0.0, metadata=rule(min=-1, max=1))  # metres, added in either mode
    one_handed: bool = False  # either controller alone walks and turns (smooth mode)


@dataclass
class Settings:
    language: str = field(default="ko", metadata=rule(choices=LANGUAGES))
    home_scene: str = "seoul-plaza"
    show_hints: bool = True
    api: ApiSettings = field(default_factory=ApiSettings)
    graphics: GraphicsSettings = field(default_factory=GraphicsSettings)
    accessibility: AccessibilitySettings = field(default_factory=AccessibilitySettings)
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    sound: SoundSettings = field(default_factory=SoundSettings)
    controls: ControlSettings = field(default_factory=ControlSettings)
    comfort: ComfortSettings = field(default_factory=ComfortSettings)


def merge(base, layer):
    """Deep-merge mapping `layer` over `base` (lists and values replace, mappings merge)."""
    out = copy.deepcopy(base)
    for key, value in layer.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def read_layer(path):
    """One settings file, checked against the schema; an empty file is an empty layer."""
    data = load_yaml(path)
    if data is None:
        return {}
    check_partial(Settings, data, str(path))
    return data


def load_settings(default_file, user_files=(), overrides=None, overrides_source="command line"):
    """Merge the layers in order and return Settings; InputError names the layer at fault."""
    data = read_layer(default_file)
    for path in user_files:
        if path is not None and path.exists():
            data = merge(data, read_layer(path))
    if overrides:
        check_partial(Settings, overrides, overrides_source)
        data = merge(data, overrides)
    return build(Settings, data, str(default_file))


def screen_size(text):
    """Parse 'WxH' from the command line."""
    try:
        w, h = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise InputError("--size", f"expected WIDTHxHEIGHT such as 1280x720, got {text!r}")
    if not (16 <= w <= 7680 and 16 <= h <= 4320):
        raise InputError("--size", f"expected a size between 16x16 and 7680x4320, got {text!r}")
    return w, h
