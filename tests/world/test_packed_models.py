"""A packaged app ships its models as compressed .bam files (.bam.pz): the loader unpacks one into the
cache once and reads it from there; a damaged one is one clear error, not a crash."""

import pytest

from metaverse_seoul.core.errors import InputError
from metaverse_seoul.paths import ASSETS_DIR
from metaverse_seoul.world.model_loader import ModelLoader, pack


@pytest.fixture(scope="module")
def plaza_bam(tmp_path_factory):
    loader = ModelLoader(tmp_path_factory.mktemp("cache"))
    return loader.prepare(ASSETS_DIR / "models" / "seoul_plaza.glb").bam


def test_a_packed_model_is_unpacked_once_and_reads_as_the_plain_one(tmp_path, plaza_bam):
    packed = tmp_path / "seoul_plaza.bam.pz"
    pack(plaza_bam, packed)
    assert packed.stat().st_size < plaza_bam.stat().st_size / 2  # most of it is raw texture
    loader = ModelLoader(tmp_path / "cache")
    first = loader.prepare(packed)
    assert not first.from_cache and first.bam.read_bytes() == plaza_bam.read_bytes()
    assert loader.prepare(packed).from_cache
    model = loader.read(first)
    assert model.node.find("**/+GeomNode")


def test_a_damaged_packed_model_is_one_clear_error(tmp_path):
    packed = tmp_path / "broken.bam.pz"
    packed.write_bytes(b"not zlib at all")
    with pytest.raises(InputError, match="could not be unpacked"):
        ModelLoader(tmp_path / "cache").prepare(packed)
    with pytest.raises(InputError, match="file not found"):
        ModelLoader(tmp_path / "cache").prepare(tmp_path / "missing.bam.pz")
