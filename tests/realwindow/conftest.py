"""Fixtures of the real-window tests: an X server of the test's own, the city server on loopback,
the app in a window, a person at its keyboard and mouse. Everything is stopped by process id at
the end of the test; screenshots stay in the test's tmp_path (shots/)."""

import pytest
from xvfb import Xvfb  # scripts/, on the path from tests/conftest.py

from .app_window import CityServer
from .ibus import IbusHangul
from .tools import X_TOOLS, MissingTools, require
from .visit import Visit


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory):
    """One model cache for every app run of the session: the plaza is converted once."""
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture
def xvfb(tmp_path):
    try:
        require(*X_TOOLS)
        server = Xvfb(tmp_path / "xvfb.log")
    except MissingTools as exc:
        pytest.fail(str(exc), pytrace=False)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """One city server for a module's tests (each test reads back what its own app sent)."""
    server = CityServer(tmp_path_factory.mktemp("city")).wait_until_up()
    yield server
    server.stop()


@pytest.fixture
def ibus_hangul(tmp_path, xvfb):
    try:
        ime = IbusHangul(tmp_path / "ime-home", xvfb.env)
    except MissingTools as exc:
        pytest.fail(str(exc), pytrace=False)
    ime.start()
    yield ime
    ime.stop()


@pytest.fixture
def launch(tmp_path, xvfb, city, model_cache):
    """launch(app_env=None, **user_options) -> (AppWindow, NewUser): the app started in Seoul Plaza
    and shown, a person in front of it (plaza.NewUser takes the options). Screenshots in
    tmp_path/shots, the last screen as last.png."""
    visits = []

    def start(app_env=None, **user_options):
        visits.append(Visit(tmp_path, xvfb, city, cache_dir=model_cache, app_env=app_env, **user_options))
        return visits[-1].app, visits[-1].start()

    yield start
    for visit in visits:
        visit.stop()
