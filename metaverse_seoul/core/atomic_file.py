"""Files written whole or not at all: through a temporary file beside the target, then renamed over it,
so that a reader (a script waiting for --stats, a viewer of a screenshot) never sees half a file."""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replaced_atomically(path, suffix=".tmp"):
    """Yields the path of a new temporary file beside `path` to write; when the block ends without an
    error the file takes `path`'s place, otherwise it is removed. The folder is made if needed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=suffix)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def check_writable(path):
    """Raise OSError now if `path` could not be written later (its folder cannot be made, or no file
    can be made in it): a run that renders for a minute should not fail at its last step."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".check")
    os.close(fd)
    os.unlink(tmp)
