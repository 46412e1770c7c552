"""What a finished build must hold; build_apps.py stops with the list of what is missing.

build_apps carries on past a file it could not convert or find (it logs the failure and goes on), so
a package could ship without a model or without the migration scripts and only fail on a resident's
computer. This looks before the package is made.
"""

from pathlib import Path

from metaverse_seoul.core.asset_paths import PREBUILT_SUFFIX
from metaverse_seoul.core.manifest import list_manifests
from metaverse_seoul.paths import ASSETS_DIR, SCENES_DIR

SOURCE_ROOT = Path(__file__).resolve().parents[2]
APPS = ("metaverse-seoul",)  # it converts a resident's own glTF by starting itself (--convert-model)
# The display modules, a window (OpenGL) and --offscreen (EGL), and the sound module (OpenAL).
LINUX_PLUGINS = ("libpandagl.so", "libp3headlessgl.so", "libp3openal_audio.so")


class BuildIncomplete(RuntimeError):
    pass


def expected_files(platform):
    """Paths (relative to the build folder) that a build for `platform` must contain."""
    suffix = ".exe" if platform.startswith("win") else ""
    files = [app + suffix for app in APPS]
    files += ["cacert.pem", "config/default.yaml", "config/engine.prc", "assets/fonts/NotoSansCJK-Subset.otf",
              "city_services/migrations/env.py", "licences/python/LICENSE.txt"]
    files += [str(p.relative_to(SOURCE_ROOT)) for p in sorted((SOURCE_ROOT / "city_services/migrations/versions").glob("*.py"))]
    files += [str(p.relative_to(SOURCE_ROOT)) for p in sorted(SCENES_DIR.glob("*.yaml"))]
    for manifest in list_manifests(SCENES_DIR, ASSETS_DIR):
        files += [str(path.relative_to(SOURCE_ROOT).with_suffix(PREBUILT_SUFFIX)) for path in manifest.all_model_files]
        files += [str(path.relative_to(SOURCE_ROOT)) for path in manifest.sound_files]
    if platform.startswith("manylinux"):
        files += ["install.sh", "uninstall.sh", "metaverse-seoul.desktop",
                  "xr/library/linux_x86_64/libopenxr_loader.so", "xr/api_layer/linux_x86_64/libXrApiLayer_python.so",
                  "modules/meshoptimizer/__init__.py", "modules/meshoptimizer/_loader.py",
                  *LINUX_PLUGINS]
    return files


def check_build(build_dir, platform):
    if platform.startswith("macosx"):
        return  # build_apps moves everything into an .app bundle; its layout is not checked here
    build_dir = Path(build_dir)
    missing = [name for name in expected_files(platform) if not (build_dir / name).is_file()]
    shipped_gltf = sorted(str(p.relative_to(build_dir)) for p in build_dir.glob("assets/models/*.gl*"))
    problems = [f"missing: {name}" for name in missing] + [f"not converted: {name}" for name in shipped_gltf]
    if problems:
        raise BuildIncomplete(f"{build_dir} is incomplete:\n  " + "\n  ".join(problems))
