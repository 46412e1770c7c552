"""The packaged app's requirements file for build_apps: what the app runs on, pinned to this .venv.

build_apps downloads a wheel of every requirement for each target platform. The list is worked out
from the project's own metadata (setup.cfg: install_requires and the `server` extra, for the embedded
city-services server) and every dependency below them, each pinned to the version installed here, so
the frozen app runs the code the tests ran. What a desktop app does not need is left out (below):

    python -m tools.dist.requirements build/app-requirements.txt
"""

import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PROJECT = "metaverse-seoul"
EXTRAS = ("server",)
# Why each is left out of the package (build_apps.py also keeps their modules out of the freezer):
LEFT_OUT = {
    "psycopg": "PostgreSQL is for a city's own deployment; the embedded server uses SQLite",
    "meshoptimizer": "PyPI has only its source (no wheel to freeze): the Linux package gets the one "
                     "compiled here as files (tools/dist/meshoptimizer_files.py)",
}
# uvicorn's `standard` extra (uvloop, httptools, websockets, watchfiles, python-dotenv) speeds up a
# deployed server; the embedded one serves one resident on asyncio and h11.
PLAIN = {"uvicorn"}


def _applies(requirement, extra):
    return requirement.marker is None or requirement.marker.evaluate({"extra": extra})


def _requirements_of(name, extras):
    """(requirement, extra it came through) for each requirement of an installed distribution."""
    found = []
    for text in metadata.distribution(name).requires or []:
        requirement = Requirement(text)
        for extra in ("", *extras):
            if _applies(requirement, extra):
                found.append(requirement)
                break
    return found


def pinned_closure(project=PROJECT, extras=EXTRAS):
    """{canonical name: "name==version"} for everything the app needs at run time."""
    pins, queue = {}, _requirements_of(project, extras)
    while queue:
        requirement = queue.pop()
        key = canonicalize_name(requirement.name)
        if key in pins or key in LEFT_OUT:
            continue
        dist = metadata.distribution(requirement.name)
        pins[key] = f"{dist.metadata['Name']}=={dist.version}"
        wanted = () if key in PLAIN else tuple(requirement.extras)
        queue += _requirements_of(requirement.name, wanted)
    return dict(sorted(pins.items()))


def write(path):
    lines = ["# Written by tools/dist/requirements.py for build_apps.py: the packaged app's requirements,",
             "# pinned to the versions the project's .venv has. Do not edit.", *pinned_closure().values()]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("\n".join(lines) + "\n")
    return path


if __name__ == "__main__":
    print(write(sys.argv[1] if len(sys.argv) > 1 else "build/app-requirements.txt"))
