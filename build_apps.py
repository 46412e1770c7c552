"""Build the installable app with Panda3D's build_apps (the plain options are in setup.cfg).

    make dist                                                    # the Linux package, into dist/
    python build_apps.py bdist_apps                              # every platform in setup.cfg
    python build_apps.py bdist_apps -p manylinux2014_x86_64      # one platform

What is set here rather than in setup.cfg, and why:
- setup.cfg hands options over as strings, and build_apps reads some of them as Python values: the
  string "False" is true, and a string given as pypi_extra_indexes is read letter by letter.
- Only PyPI is reachable where the project builds, so neither Panda3D's optimized wheels nor its
  third-party index are asked for.
- build_apps' own log_filename would send stdout and stderr to the file alone (see run_log.py);
  the app writes its log to the user data folder itself.
- The scenes' models are converted to .bam here, with their textures inside, by the app's own loader
  (the same conversion and cache as a run from source), so the packaged app never converts them.
"""

import importlib
import os
import pkgutil
from pathlib import Path

from setuptools import setup

from tools.dist import checks, licences, meshoptimizer_files, requirements, sqlite_module, ssl_modules

BUILD_DIR = Path("build")
REQUIREMENTS = BUILD_DIR / "app-requirements.txt"
ICON_SIZES = (16, 32, 48, 64, 128, 256)

# Modules imported by name at run time, which the freezer cannot see in the code. (build_apps' own
# "package.*" form reads a package's __all__, which numpy and pydantic fill with other names.)
# The migration scripts (read as files) use alembic.op and alembic.context; cryptography's compiled
# bindings (the idempotency store's sealed answers) load cffi's backend from C; Pillow finds its WebP
# reader (a model's EXT_texture_webp images) by name: all unseen by the freezer.
HIDDEN_IMPORTS = ["alembic.op", "alembic.context", "_cffi_backend", "PIL.WebPImagePlugin",
                  # PyOpenGL's platform (headset mode shares the engine's GLX or EGL context) is chosen
                  # at run time and imported by name.
                  "OpenGL.platform.glx", "OpenGL.platform.egl", "OpenGL.platform.win32",
                  # What meshoptimizer's files (shipped as files, not frozen) import from the standard library.
                  "ctypes", "glob", "platform", "typing"]
# Packages whose modules import each other by name (SQLAlchemy's preloaded modules, Alembic's and
# SQLAlchemy's per-database code, uvicorn's loops and protocols, pydantic's lazy names, numpy 2's C
# core): every module in them is frozen, but the parts named beside each.
HIDDEN_TREES = {"sqlalchemy": ("sqlalchemy.testing", "sqlalchemy.ext.mypy", "sqlalchemy.dialects.mysql",
                               "sqlalchemy.dialects.oracle", "sqlalchemy.dialects.mssql",
                               "sqlalchemy.dialects.postgresql"),
                "alembic": ("alembic.testing",), "uvicorn": (), "starlette": (), "fastapi": (),
                "pydantic": ("pydantic.v1", "pydantic.mypy"), "numpy._core": ("numpy._core.tests",)}
# Data files that build_apps must copy out of their packages' wheels, because they are opened by path
# and not imported (certifi's CA bundle is in build_apps' own table already): pyopenxr's OpenXR loader
# library and the small library its module xr.api_layer loads when imported (not its debugging layers,
# 18 MB), in the wheel's own layout under the executable's folder, where
# metaverse_seoul/xr/frozen_resources.py has pyopenxr look for them. {module: [(pattern in the wheel,
# folder in the build, flags)]}; the wheel is the same for every platform, so each build gets the
# Linux and the Windows files (2.4 MB).
PACKAGE_DATA = {"xr": [(f"xr/{folder}/{name}", f"xr/{folder}", {}) for folder, name in (
    ("library/linux_x86_64", "libopenxr_loader.so"), ("library/windows_x86_64", "openxr_loader.dll"),
    ("api_layer/linux_x86_64", "libXrApiLayer_python.so"), ("api_layer/windows_x86_64", "XrApiLayer_python.dll"))]}
# Panda3D publishes Linux wheels for manylinux2014 (glibc 2.17), numpy 2.3 and newer for glibc 2.28
# only: pip must accept both, but build_apps passes it one platform. pip adds the platforms in
# PIP_PLATFORM to those on its command line. The Linux package so needs glibc 2.28 or newer.
MORE_PLATFORMS = {"manylinux2014_x86_64": "manylinux_2_28_x86_64"}
# Installed in the .venv for development, not shipped (tools/dist/requirements.py says why).
LEFT_OUT_MODULES = ["uvloop", "httptools", "websockets", "wsproto", "watchfiles",
                    "psycopg", "psycopg_binary", "psycopg_c", "pytest", "hypothesis", "schemathesis",
                    "meshoptimizer",  # shipped as files, not frozen (tools/dist/meshoptimizer_files.py)
                    # Reached only through optional imports: panda3d-gltf's Bullet collision shapes
                    # (our models have none), a Tk console nobody opens, and Mako's highlighting of
                    # template errors (pygments comes with pytest; half-frozen, it breaks Alembic).
                    "panda3d.bullet", "tkinter", "_tkinter", "pygments"]


def modules_in(package, left_out=()):
    """Every module in `package` and below, as installed here (the version the package ships)."""
    path = importlib.import_module(package).__path__
    names = [info.name for info in pkgutil.walk_packages(path, package + ".", onerror=lambda name: None)]
    return [name for name in names if not name.startswith(tuple(left_out))]


def convert_model(build_cmd, source, target):
    """build_apps file handler: ship a glTF as the .bam the app's loader makes of it, compressed."""
    from metaverse_seoul.core.asset_paths import PREBUILT_SUFFIX
    from metaverse_seoul.paths import user_cache_dir
    from metaverse_seoul.world.model_loader import ModelLoader, pack

    prepared = ModelLoader(user_cache_dir() / "models").prepare(Path(source))
    target = Path(target).with_suffix(PREBUILT_SUFFIX)
    pack(prepared.bam, target)
    return str(target)


class BuildApps:
    """Mixed into build_apps by make_command: after the build, a working ssl, a sqlite3 that carries
    SQLite, meshoptimizer and the licences go in (tools/dist/ssl_modules.py, sqlite_module.py,
    meshoptimizer_files.py, licences.py), and the result is checked."""

    def download_wheels(self, platform):
        more = MORE_PLATFORMS.get(platform)
        before = os.environ.pop("PIP_PLATFORM", None)
        try:
            if more:
                os.environ["PIP_PLATFORM"] = more
            return super().download_wheels(platform)
        finally:
            os.environ.pop("PIP_PLATFORM", None)
            if before is not None:
                os.environ["PIP_PLATFORM"] = before

    def run(self):
        super().run()
        for platform in self.platforms:
            build_dir = Path(self.build_base) / platform
            ssl_modules.use_host_modules(build_dir, platform)
            licences.collect(requirements.pinned_closure(), build_dir / "licences")
            sqlite_module.use_bundled_sqlite(build_dir, platform, Path(self.build_base) / "__sqlite_wheel__")
            meshoptimizer_files.ship_meshoptimizer(build_dir, platform, Path(self.build_base) / "__meshoptimizer__")
            checks.check_build(build_dir, platform)


def make_command():
    from direct.dist.commands import build_apps
    return type("build_apps", (BuildApps, build_apps), {})


def build_apps_options():
    return {
        "requirements_path": str(requirements.write(REQUIREMENTS)),
        "use_optimized_wheels": False,
        "pypi_extra_indexes": [],
        "strip_docstrings": False,  # FastAPI and pydantic read docstrings at run time
        "log_filename": None,
        "include_modules": {"*": HIDDEN_IMPORTS + [name for package, left_out in HIDDEN_TREES.items()
                                                   for name in modules_in(package, left_out)]},
        "exclude_modules": {"*": LEFT_OUT_MODULES},
        "file_handlers": {".glb": convert_model},
        "package_data_dirs": PACKAGE_DATA,
        "icons": {"*": [f"assets/icons/metaverse-seoul-{size}.png" for size in ICON_SIZES]},
    }


if __name__ == "__main__":
    setup(options={"build_apps": build_apps_options()}, cmdclass={"build_apps": make_command()})
