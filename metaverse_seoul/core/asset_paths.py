"""Resolve a path written in a manifest to a file inside the project's asset folder, or refuse it."""

import re
from pathlib import Path, PurePosixPath

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
GLTF_SUFFIXES = (".gltf", ".glb")
PREBUILT_SUFFIX = ".bam.pz"  # a packaged app's models: compressed .bam files (world/model_loader.py)


def asset_path_problem(text):
    """Why `text` is not an acceptable relative asset path, or None if it is."""
    if not text:
        return "expected a path relative to assets/, got nothing"
    if "\\" in text:
        return f"use forward slashes in {text!r}"
    if _SCHEME.match(text):
        return f"{text!r} is a URL or drive path; expected a path relative to assets/"
    if text.startswith("/"):
        return f"{text!r} is absolute; expected a path relative to assets/"
    if ".." in PurePosixPath(text).parts:
        return f"{text!r} leaves the assets folder ('..' is not allowed)"
    return None


def resolve_asset(assets_dir, text):
    """The absolute path of asset `text`; (None, problem) if it escapes or does not exist."""
    problem = asset_path_problem(text)
    if problem:
        return None, problem
    root = Path(assets_dir).resolve()
    target = (root / text).resolve()
    if root not in target.parents:  # a symlink may still point outside
        return None, f"{text!r} resolves outside the assets folder"
    if not target.is_file():
        return None, f"{text!r} not found in assets/"
    return target, None


def resolve_model(assets_dir, text):
    """resolve_asset for a model. A packaged app ships each glTF converted to .bam at build time
    (build_apps.py) under the same name, and not the glTF: that .bam stands in when the glTF is absent."""
    target, problem = resolve_asset(assets_dir, text)
    if target is None and PurePosixPath(text).suffix.lower() in GLTF_SUFFIXES:
        prebuilt, _ = resolve_asset(assets_dir, str(PurePosixPath(text).with_suffix(PREBUILT_SUFFIX)))
        if prebuilt is not None:
            return prebuilt, None
    return target, problem
