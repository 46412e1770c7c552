"""The parts of a scene manifest that make an event: lanterns placed by the thousand, sounds with their
captions, and a ceremony on the clock (a countdown, then a bell struck N times). Everything an event
needs is said here, so a new event is a manifest, a schedule entry and models: no engine code.

    lanterns:
      model: models/lanterns.glb        # one mesh per kind (tools/build_lanterns.py)
      groups:
        - {kind: lotus, count: 600, area: [[0, -4], [300, 4]], height: 0.05, bob: 0.04, float: true}
        - {kind: round, count: 400, along: [[0, -9, 3.2], [300, -9, 3.2]]}
        - {kind: tiger, at: [[60, 0, 0, 90]]}
    sounds:
      - {path: audio/stream.wav, caption: {ko: ..., en: "[water runs over the stones]", zh: ..., ja: ...}}
    ceremony:
      at: "01-01 00:00"                 # every year, Seoul time
      strikes: 33
      sound: audio/bosingak_bell.wav

Loaded and checked with the rest of the manifest (core/manifest.py); docs/scene-manifest.md has it all.
"""

import re
from dataclasses import dataclass, field
from typing import Optional

from .asset_paths import asset_path_problem, resolve_asset, resolve_model
from .errors import InputError
from .i18n import texts_problem as _texts_problem
from .schema import rule

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
CEREMONY_AT = re.compile(r"^(\d\d)-(\d\d) (\d\d):(\d\d)$")
MAX_LANTERNS = 100_000  # per scene: far beyond what any festival hangs, small enough to stay interactive


def _colours_problem(value):
    bad = [c for c in value if not COLOUR.match(c)]
    if bad:
        return f"expected colours as '#rrggbb', got {bad[0]!r}"
    return None if value else "expected at least one colour"


def _range_problem(value):
    if len(value) not in (1, 2):
        return f"expected one number or [low, high], got a list of {len(value)}"
    return None if value[0] <= value[-1] else f"expected low <= high, got {value}"


def _texts(required=True):
    if required:
        return field(metadata=rule(check=_texts_problem))
    return field(default=None, metadata=rule(check=_texts_problem))


@dataclass
class LanternGroup:
    """Lanterns of one kind placed together: along a line, scattered over an area, or at given spots."""

    kind: str = field(metadata=rule(check=lambda v: None if v.strip() else "expected a lantern kind"))
    count: Optional[int] = field(default=None, metadata=rule(min=1, max=MAX_LANTERNS))
    along: Optional[list[list[float]]] = None       # polyline [[x, y, z], ...]: evenly spaced
    area: Optional[list[list[float]]] = None        # [[xmin, ymin], [xmax, ymax]]: scattered
    at: Optional[list[list[float]]] = None          # [[x, y, z, heading], ...]: exactly there
    height: list[float] = field(default_factory=lambda: [0.0], metadata=rule(check=_range_problem))
    size: list[float] = field(default_factory=lambda: [1.0], metadata=rule(check=_range_problem))
    colours: list[str] = field(default_factory=lambda: ["#ffd9a0"], metadata=rule(check=_colours_problem))
    glow: float = field(default=1.0, metadata=rule(min=0, max=20))   # brightness of the lit paper
    bob: float = field(default=0.0, metadata=rule(min=0, max=2))     # metres of gentle up-and-down
    on_water: bool = False       # floats: its light is drawn on the water around it
    light: bool = False          # lights its surroundings (the nearest few such lanterns do)
    seed: int = 0


@dataclass
class Lanterns:
    model: str = field(metadata=rule(check=asset_path_problem))
    groups: list[LanternGroup] = field(metadata=rule(check=lambda v: None if v else "expected at least one group"))
    lod_distance: float = field(default=40.0, metadata=rule(min=1, max=2000))  # m: nearer ones as models
    max_models: int = field(default=300, metadata=rule(min=0, max=5000))     # at most this many as models
    lights: int = field(default=3, metadata=rule(min=0, max=4))              # point lights at `light` lanterns
    water_level: float = 0.0
    model_file: Optional[object] = field(default=None, init=False)


@dataclass
class SceneSound:
    """A sound of the place, looped while the visitor is there, with its caption for deaf visitors."""

    path: str = field(metadata=rule(check=asset_path_problem))
    caption: dict[str, str] = _texts()
    volume: float = field(default=0.8, metadata=rule(min=0, max=1))
    file: Optional[object] = field(default=None, init=False)


def _at_problem(value):
    match = CEREMONY_AT.match(value)
    if not match:
        return f"expected 'MM-DD HH:MM' (Seoul time, every year), got {value!r}"
    month, day, hour, minute = map(int, match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60):
        return f"expected a real month, day and time, got {value!r}"
    return None


def _placeholders_problem(*names):
    def check(texts):
        problem = _texts_problem(texts)
        if problem:
            return problem
        for code, text in texts.items():
            for name in names:
                if "{" + name + "}" not in text:
                    return f"{code}: expected the placeholder {{{name}}} in {text!r}"
            try:
                text.format(**dict.fromkeys(names, ""))
            except (KeyError, IndexError, ValueError):
                allowed = ", ".join("{" + n + "}" for n in names)
                return f"{code}: only the placeholders {allowed} may be used, got {text!r}"
        return None
    return check


@dataclass
class Ceremony:
    """A moment every year (Seoul time): a countdown to it, then a bell struck `strikes` times."""

    name: dict[str, str] = _texts()
    at: str = field(metadata=rule(check=_at_problem))
    countdown: dict[str, str] = field(metadata=rule(check=_placeholders_problem("time")))
    strike_caption: dict[str, str] = field(metadata=rule(check=_placeholders_problem("n", "total")))
    strikes: int = field(default=33, metadata=rule(min=1, max=1000))
    interval_s: float = field(default=20.0, metadata=rule(min=1, max=3600))
    sound: Optional[str] = field(default=None, metadata=rule(check=asset_path_problem))
    striker: Optional[str] = None              # a node of the models (glTF extras "moves") swung at each strike
    striker_pull: list[float] = field(default_factory=lambda: [-0.8, 0.0, 0.0], metadata=rule(length=3))
    after: dict[str, str] = _texts(required=False)   # shown once the last strike has rung
    sound_file: Optional[object] = field(default=None, init=False)

    def moment(self):
        """(month, day, hour, minute) of the ceremony."""
        return tuple(map(int, CEREMONY_AT.match(self.at).groups()))


def _placement_problem(group):
    ways = [name for name in ("along", "area", "at") if getattr(group, name) is not None]
    if len(ways) != 1:
        return "expected exactly one of 'along', 'area' or 'at'"
    if group.at is not None:
        if group.count is not None:
            return "'at' places one lantern per entry: leave out 'count'"
        if not group.at or any(len(spot) != 4 for spot in group.at):
            return "at: expected a list of [x, y, z, heading]"
        return None
    if group.count is None:
        return "expected 'count' with 'along' or 'area'"
    if group.along is not None and (len(group.along) < 2 or any(len(p) != 3 for p in group.along)):
        return "along: expected at least two points [x, y, z]"
    if group.area is not None:
        if len(group.area) != 2 or any(len(corner) != 2 for corner in group.area):
            return "area: expected [[xmin, ymin], [xmax, ymax]]"
        (x0, y0), (x1, y1) = group.area
        if not (x0 < x1 and y0 < y1):
            return "area: expected xmin < xmax and ymin < ymax"
    return None


def check_lanterns(lanterns, source, assets_dir):
    """Placement rules the schema cannot say, totals, and the model file; errors name the key."""
    total = 0
    for i, group in enumerate(lanterns.groups):
        problem = _placement_problem(group)
        if problem:
            raise InputError(source, f"lanterns.groups[{i}]: {problem}")
        total += group.count if group.count is not None else len(group.at)
    if total > MAX_LANTERNS:
        raise InputError(source, f"lanterns: {total} lanterns, at most {MAX_LANTERNS} per scene")
    lanterns.model_file, problem = resolve_model(assets_dir, lanterns.model)  # packaged: the .bam.pz
    if problem:
        raise InputError(source, f"lanterns.model: {problem}")


def check_kinds(lanterns, kinds, source):
    """Every group's kind is one the lantern model has (known once the model is loaded)."""
    for i, group in enumerate(lanterns.groups):
        if group.kind not in kinds:
            raise InputError(source, f"lanterns.groups[{i}].kind: {group.kind!r} is not in {lanterns.model} "
                                     f"(it has {', '.join(kinds)})")


def check_sounds(sounds, ceremony, source, assets_dir):
    for i, sound in enumerate(sounds):
        sound.file = _resolve(assets_dir, sound.path, source, f"sounds[{i}].path")
    if ceremony is not None and ceremony.sound:
        ceremony.sound_file = _resolve(assets_dir, ceremony.sound, source, "ceremony.sound")


def _resolve(assets_dir, text, source, key):
    resolved, problem = resolve_asset(assets_dir, text)
    if problem:
        raise InputError(source, f"{key}: {problem}")
    return resolved
