"""Scene manifests (scenes/<id>.yaml): what a place is made of and how a visitor experiences it.

The format is documented in docs/scene-manifest.md. Loading checks everything that can be checked
without the engine: keys, types, ranges, the four languages, and that every path stays inside assets/.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .asset_paths import asset_path_problem, resolve_asset, resolve_model
from .errors import InputError
from .festival_manifest import Ceremony, Lanterns, SceneSound, check_lanterns, check_sounds
from .i18n import texts_problem
from .lighting import PRESETS
from .schema import build, rule
from .yaml_files import load_yaml

KIOSK_KINDS = ("complaint", "reservation", "information", "events", "suggestion")
SCENE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def _scene_id_problem(value):
    return None if SCENE_ID.match(value) else f"expected lower-case letters, digits and '-', got {value!r}"


def _texts(required=True):
    if required:
        return field(metadata=rule(check=texts_problem))
    return field(default=None, metadata=rule(check=texts_problem))


def _vec(n, default=None):
    if default is None:
        return field(metadata=rule(length=n))
    return field(default_factory=lambda: list(default), metadata=rule(length=n))


def _positive(value):
    return None if value > 0 else f"expected a positive number, got {value}"


@dataclass
class ModelPlacement:
    path: str = field(metadata=rule(check=asset_path_problem))
    position: list[float] = _vec(3, (0, 0, 0))
    heading: float = 0.0
    scale: float = field(default=1.0, metadata=rule(check=_positive))


@dataclass
class Spawn:
    position: list[float] = _vec(3)
    heading: float = 0.0


def _bounds_problem(value):
    if len(value) != 2 or any(len(corner) != 2 for corner in value):
        return "expected [[xmin, ymin], [xmax, ymax]]"
    (x0, y0), (x1, y1) = value
    return None if x0 < x1 and y0 < y1 else "expected xmin < xmax and ymin < ymax"


@dataclass
class Ground:
    height: Optional[float] = None
    mesh: Optional[str] = None
    bounds: Optional[list[list[float]]] = field(default=None, metadata=rule(check=_bounds_problem))


@dataclass
class Collider:
    box: Optional[list[float]] = field(default=None, metadata=rule(length=4))  # cx, cy, width, depth
    circle: Optional[list[float]] = field(default=None, metadata=rule(length=3))  # cx, cy, radius
    heading: float = 0.0


@dataclass
class Lighting:
    preset: str = field(default="day", metadata=rule(choices=tuple(PRESETS)))
    presets: list[str] = field(default_factory=list)


def _source_problem(value):
    return None if value.strip() else "expected where the coordinates come from"


@dataclass
class GeoLocation:
    """Where the place is on Earth (WGS84): what a complaint filed at one of its kiosks is about."""

    lat: float = field(metadata=rule(min=-90, max=90))
    long: float = field(metadata=rule(min=-180, max=180))
    source: str = field(metadata=rule(check=_source_problem))  # coordinates need provenance too


def _info_problem(lines):
    for i, texts in enumerate(lines):
        problem = texts_problem(texts)
        if problem:
            return f"[{i}]: {problem}"
    return None


@dataclass
class Kiosk:
    id: str = field(metadata=rule(check=_scene_id_problem))
    kind: str = field(metadata=rule(choices=KIOSK_KINDS))
    position: list[float] = _vec(3)
    heading: float = 0.0
    # An information kiosk's own lines about the place, each in every language, shown before the city's.
    info: list[dict[str, str]] = field(default_factory=list, metadata=rule(check=_info_problem))


@dataclass
class Portal:
    to: str = field(metadata=rule(check=_scene_id_problem))
    position: list[float] = _vec(3)
    heading: float = 0.0
    radius: float = field(default=1.5, metadata=rule(min=0.3, max=10))


@dataclass
class Caption:
    ko: str
    en: str
    zh: str
    ja: str
    seconds: float = field(default=7.0, metadata=rule(min=1, max=60))
    # Who speaks it, as a point in the scene: in a headset the caption hangs there while it is in view.
    speaker: Optional[list[float]] = field(default=None, metadata=rule(length=3))

    def text(self, lang):
        return getattr(self, lang)


@dataclass
class SceneManifest:
    id: str = field(metadata=rule(check=_scene_id_problem))
    title: dict[str, str] = _texts()
    models: list[ModelPlacement] = field(metadata=rule(check=lambda v: None if v else "expected at least one model"))
    spawn: Spawn
    summary: Optional[dict[str, str]] = _texts(required=False)
    location: Optional[GeoLocation] = None
    ground: Ground = field(default_factory=lambda: Ground(height=0.0))
    colliders: list[Collider] = field(default_factory=list)
    collider_file: Optional[str] = field(default=None, metadata=rule(check=asset_path_problem))
    lighting: Lighting = field(default_factory=Lighting)
    kiosks: list[Kiosk] = field(default_factory=list)
    portals: list[Portal] = field(default_factory=list)
    narration: list[Caption] = field(default_factory=list)
    lanterns: Optional[Lanterns] = None        # an event's lanterns (core/festival_manifest.py)
    sounds: list[SceneSound] = field(default_factory=list)
    ceremony: Optional[Ceremony] = None
    # Filled in by load_manifest, not written in the file:
    source: Optional[Path] = field(default=None, init=False)
    model_files: list[Path] = field(default_factory=list, init=False)

    @property
    def all_model_files(self):
        """Every model the scene loads: its own, then the lanterns' (the app loads them together)."""
        return self.model_files + ([self.lanterns.model_file] if self.lanterns is not None else [])

    @property
    def sound_files(self):
        """Every sound file the scene plays: its ambient sounds, then its ceremony's."""
        ceremony = [self.ceremony.sound_file] if self.ceremony is not None and self.ceremony.sound else []
        return [sound.file for sound in self.sounds] + ceremony


def _check_colliders(colliders, source, key):
    for i, collider in enumerate(colliders):
        where = f"{key}[{i}]"
        if (collider.box is None) == (collider.circle is None):
            raise InputError(source, f"{where}: expected exactly one of 'box' or 'circle'")
        if collider.box is not None and min(collider.box[2:]) <= 0:
            raise InputError(source, f"{where}.box: width and depth must be positive")
        if collider.circle is not None and collider.circle[2] <= 0:
            raise InputError(source, f"{where}.circle: radius must be positive")


@dataclass
class _ColliderFile:
    colliders: list[Collider]


def _load_collider_file(path, source):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"not a readable JSON collider list ({exc})")
    colliders = build(_ColliderFile, {"colliders": data}, str(path)).colliders
    _check_colliders(colliders, str(path), "colliders")
    return colliders


def load_manifest(path, assets_dir):
    """Read and validate one manifest; every error names the file and the key."""
    path = Path(path)
    source = str(path)
    manifest = build(SceneManifest, load_yaml(path), source)
    if manifest.id != path.stem:
        raise InputError(source, f"id: {manifest.id!r} must match the file name {path.stem!r}")
    ground = manifest.ground
    if ground.height is None and ground.mesh is None:
        raise InputError(source, "ground: expected 'height', 'mesh' or both")
    for i, placement in enumerate(manifest.models):
        resolved, problem = resolve_model(assets_dir, placement.path)
        if problem:
            raise InputError(source, f"models[{i}].path: {problem}")
        manifest.model_files.append(resolved)
    _check_colliders(manifest.colliders, source, "colliders")
    if manifest.collider_file:
        resolved, problem = resolve_asset(assets_dir, manifest.collider_file)
        if problem:
            raise InputError(source, f"collider_file: {problem}")
        manifest.colliders = manifest.colliders + _load_collider_file(resolved, source)
    lighting = manifest.lighting
    for i, name in enumerate(lighting.presets):
        if name not in PRESETS:
            raise InputError(source, f"lighting.presets[{i}]: expected one of {', '.join(PRESETS)}, got {name!r}")
    if lighting.presets and lighting.preset not in lighting.presets:
        raise InputError(source, f"lighting.preset: {lighting.preset!r} is not in lighting.presets")
    kiosk_ids = [k.id for k in manifest.kiosks]
    for kid in kiosk_ids:
        if kiosk_ids.count(kid) > 1:
            raise InputError(source, f"kiosks: id {kid!r} is used twice")
    if manifest.lanterns is not None:
        check_lanterns(manifest.lanterns, source, assets_dir)
    check_sounds(manifest.sounds, manifest.ceremony, source, assets_dir)
    manifest.source = path
    return manifest


def list_manifests(scenes_dir, assets_dir):
    """All scenes, sorted by id. A broken manifest raises InputError naming it, and so does a scenes
    folder that is not a folder (METAVERSE_SEOUL_SCENES_DIR pointing at a file, say)."""
    if not Path(scenes_dir).is_dir():
        raise InputError(scenes_dir, "not a folder (scenes are read from a folder of .yaml manifests)")
    return [load_manifest(p, assets_dir) for p in sorted(Path(scenes_dir).glob("*.yaml"))]
