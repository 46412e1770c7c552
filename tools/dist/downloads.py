"""Files the Linux build takes from PyPI itself (a wheel, a source distribution), fetched once with pip."""

import subprocess
import sys
from pathlib import Path


def downloaded(cache_dir, pattern, *pip_args):
    """The newest file in `cache_dir` matching `pattern`, after `pip download PIP_ARGS` into it if none."""
    cache_dir = Path(cache_dir)
    found = sorted(cache_dir.glob(pattern))
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--dest", str(cache_dir),
                        *pip_args], check=True)
        found = sorted(cache_dir.glob(pattern))
    return found[-1]
