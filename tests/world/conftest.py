"""The app under test opens real windows (Panda3D's OpenGL display on a virtual X screen), so that
input reaches it where the operating system puts it: the window's input device (keys, typed
characters, the pointer), read by its mouse watcher and button thrower. See window_input.py."""

import os

import pytest
from panda3d.core import ExecutionEnvironment

from xvfb import Xvfb  # scripts/, on the path from tests/conftest.py


@pytest.fixture(scope="session", autouse=True)
def x_display():
    server = Xvfb().start()
    before = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = server.display
    ExecutionEnvironment.setEnvironmentVariable("DISPLAY", server.display)  # Panda3D keeps its own copy
    yield server
    if before is None:
        os.environ.pop("DISPLAY", None)
    else:
        os.environ["DISPLAY"] = before
    ExecutionEnvironment.setEnvironmentVariable("DISPLAY", before or "")
    server.stop()
