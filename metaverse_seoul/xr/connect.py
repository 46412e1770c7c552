"""Finding a headset: the real runtime's driver, or XrUnavailable saying in a few words why not."""

from . import frozen_resources
from .types import XrUnavailable


def connect(offscreen=False):
    """A driver for the OpenXR runtime and headset on this machine (see openxr_runtime.connect_runtime)."""
    try:
        frozen_resources.install()  # the packaged app: pyopenxr's files beside the executable
        from .openxr_runtime import connect_runtime
    except (ImportError, OSError) as exc:  # pyopenxr, its loader library or PyOpenGL missing
        raise XrUnavailable(f"the OpenXR library could not be loaded ({exc})")
    return connect_runtime(offscreen)
