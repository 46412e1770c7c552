"""Fixtures of the core tests: the city's real answers, for forms and flows built from them."""

import pytest

from metaverse_seoul.core.settings import ApiSettings
from metaverse_seoul.services.connection import CityConnection


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """The reference server, in-process on a fresh SQLite file, with the app's client and outbox."""
    connection = CityConnection(ApiSettings(), data_dir=tmp_path_factory.mktemp("data")).start()
    assert connection.wait(timeout=60), connection.error
    yield connection
    connection.stop()
