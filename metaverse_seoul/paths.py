"""Where things live: the project's own folders and the user's config, cache and data folders."""

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "metaverse-seoul"
# A packaged app (Panda3D build_apps) runs frozen: its modules live inside the executable, and the
# scenes, assets and config it ships lie beside it.
FROZEN = bool(getattr(sys, "frozen", False))
PROJECT_ROOT = Path(sys.executable).resolve().parent if FROZEN else Path(__file__).resolve().parent.parent
ASSETS_DIR = PROJECT_ROOT / "assets"
SCENES_DIR = PROJECT_ROOT / "scenes"
CONFIG_DIR = PROJECT_ROOT / "config"
DEFAULT_CONFIG = CONFIG_DIR / "default.yaml"
FONT_FILE = ASSETS_DIR / "fonts" / "NotoSansCJK-Subset.otf"


def _user_dir(env_var, platform_dir):
    # The environment variable lets tests and portable installs keep everything in one place.
    override = os.environ.get(env_var)
    return Path(override) if override else Path(platform_dir(APP_NAME, appauthor=False))


def scenes_dir():
    """Scene manifests; METAVERSE_SEOUL_SCENES_DIR points at another set (a city's own, or tests')."""
    return Path(os.environ.get("METAVERSE_SEOUL_SCENES_DIR") or SCENES_DIR)


def scene_assets_dir():
    """The folder manifest paths are relative to; METAVERSE_SEOUL_ASSETS_DIR goes with the above."""
    return Path(os.environ.get("METAVERSE_SEOUL_ASSETS_DIR") or ASSETS_DIR)


def user_config_dir():
    return _user_dir("METAVERSE_SEOUL_CONFIG_DIR", platformdirs.user_config_dir)


def user_cache_dir():
    return _user_dir("METAVERSE_SEOUL_CACHE_DIR", platformdirs.user_cache_dir)


def user_data_dir():
    return _user_dir("METAVERSE_SEOUL_DATA_DIR", platformdirs.user_data_dir)


def user_settings_file():
    return user_config_dir() / "settings.yaml"
