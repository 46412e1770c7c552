"""A real OpenXR runtime for the tests here: Monado with its simulated headset and null compositor.

These tests run under `make vr-test` (scripts/vr_test.sh), which provides Monado (in a Debian 13 root
on a Debian 12 machine) and sets METAVERSE_MONADO; elsewhere they are skipped."""

import os

import pytest
from monado_service import MonadoService

from xvfb import Xvfb  # scripts/, on the path from tests/conftest.py


def pytest_collection_modifyitems(items):
    if os.environ.get("METAVERSE_MONADO"):
        return
    skip = pytest.mark.skip(reason="needs Monado: runs under `make vr-test`")
    for item in items:
        if "xr_runtime" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def monado():
    """monado-service for this session; the environment that points a client at it."""
    with MonadoService() as service:
        yield service.client_env


@pytest.fixture(scope="session")
def display():
    server = Xvfb().start()
    yield server.display
    server.stop()
