"""The Linux package's meshoptimizer: its Python files and its library beside the executable, not frozen.

PyPI has meshoptimizer's binding only as source (the bootstrap compiles it), so build_apps finds no
wheel of it to freeze, and without it the packaged app would refuse meshopt-compressed glTF and
generate no levels of detail for big scans. Its library is a plain shared object that the binding
loads with ctypes (no Python ABI in it), found beside the loader's own `__file__`, which a frozen
module lacks. So the package goes in as files, under modules/ beside the executable, where
metaverse_seoul/packaged.py lets Python import it from; the library is the one compiled here,
checked to need nothing newer than the package promises (glibc 2.28), and stripped.
"""

import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from .downloads import downloaded

FOLDER = "modules"  # beside the executable; metaverse_seoul/packaged.py puts it on sys.path
# What the Linux package promises (README: glibc 2.28), and the libstdc++ of the same systems (GCC 8).
NEWEST = {"GLIBC": (2, 28), "GLIBCXX": (3, 4, 25)}


def _versions_needed(library):
    """{"GLIBC": newest version needed, ...} from the library's dynamic symbols."""
    symbols = subprocess.run(["objdump", "-T", str(library)], capture_output=True, text=True, check=True).stdout
    needed = {}
    for name, version in re.findall(r"\b(GLIBC|GLIBCXX)_([0-9.]+)\b", symbols):
        numbers = tuple(int(part) for part in version.split("."))
        needed[name] = max(needed.get(name, numbers), numbers)
    return needed


def _licence(version, cache_dir):
    """meshoptimizer's MIT notice, from the end of meshoptimizer.h in its source distribution."""
    sdist = downloaded(cache_dir, f"meshoptimizer-{version}.tar.gz", "--no-binary", "meshoptimizer",
                       f"meshoptimizer=={version}")
    with tarfile.open(sdist) as source:
        header = source.extractfile(f"meshoptimizer-{version}/src/meshoptimizer.h").read().decode("utf-8")
    notice = header[header.rindex("Copyright (c)"):header.rindex("*/")]
    return "\n".join(line.strip().lstrip("*").strip() for line in notice.splitlines()).strip() + "\n"


def ship_meshoptimizer(build_dir, platform, cache_dir):
    """Copy this environment's meshoptimizer into the Linux build's modules/; True when it was."""
    if not platform.startswith("manylinux"):
        return False
    import meshoptimizer
    from importlib import metadata

    source = Path(meshoptimizer.__file__).parent
    [library] = source.glob("_meshoptimizer*.so")
    target = Path(build_dir) / FOLDER / "meshoptimizer"
    target.mkdir(parents=True, exist_ok=True)
    for module in source.glob("*.py"):
        shutil.copyfile(module, target / module.name)
    shutil.copyfile(library, target / library.name)
    subprocess.run(["strip", "--strip-unneeded", str(target / library.name)], check=True)
    too_new = {name: version for name, version in _versions_needed(target / library.name).items()
               if version > NEWEST[name]}
    if too_new:
        raise RuntimeError(f"{library} needs {too_new}, newer than the package promises ({NEWEST})")
    version = metadata.version("meshoptimizer")
    licence = Path(build_dir) / "licences" / f"meshoptimizer-{version}" / "LICENSE"
    licence.parent.mkdir(parents=True, exist_ok=True)
    licence.write_text(_licence(version, cache_dir), encoding="utf-8")
    return True
