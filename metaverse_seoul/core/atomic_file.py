"""Files written whole or not at all: through a temporary file beside the target, then renamed over it,
so that a reader (a script waiting for --stats, the app reading its model cache) never sees half a
file. The temporary file is made with mkstemp: readable by the user alone, as is the file it becomes."""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def _new_file_beside(path, suffix):
    """An empty file of a new name in `path`'s folder (made if needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=suffix)
    os.close(fd)
    return Path(tmp)


@contextmanager
def replaced_atomically(path, suffix=".tmp"):
    """Yields the path of a new temporary file beside `path` to write; when the block ends without an
    error the file takes `path`'s place, otherwise it is removed."""
    path = Path(path)
    tmp = _new_file_beside(path, suffix)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def check_writable(path):
    """Raise OSError now if `path` could not be written later (its folder cannot be made, or no file
    can be made in it): a run that renders for a minute should not fail at its last step."""
    _new_file_beside(Path(path), ".check").unlink()
