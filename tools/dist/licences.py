"""The licences of what a packaged app contains, gathered into its licences/ folder.

A frozen app carries the code of every package it was built from, and the Python runtime itself; their
licences (MIT, BSD, Apache, MPL, PSF) ask that their notices travel with it. The model and font
licences are shipped with the assets (assets/fonts/LICENSE-OFL.txt, assets/models/*.json).
"""

import shutil
import sys
from importlib import metadata
from pathlib import Path

NOTICE_WORDS = ("LICEN", "COPYING", "NOTICE", "AUTHORS")


def _notice_files(dist):
    return [file for file in dist.files or [] if any(word in file.name.upper() for word in NOTICE_WORDS)]


def collect(pins, target):
    """Copy each pinned distribution's notice files to target/<name>-<version>/, plus Python's own."""
    target = Path(target)
    for pin in pins.values():
        name, version = pin.split("==")
        dist = metadata.distribution(name)
        folder = target / f"{name}-{version}"
        for file in _notice_files(dist):
            # numpy keeps the licences of its vendored parts in subfolders: keep their paths apart.
            relative = Path(*file.parts[1:]) if file.parts[0].endswith(".dist-info") else Path(file)
            destination = folder / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(dist.locate_file(file), destination)
    python_licence = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "LICENSE.txt"
    if python_licence.is_file():
        (target / "python").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(python_licence, target / "python" / "LICENSE.txt")
    return target
