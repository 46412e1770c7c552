"""The conversion's bar while panda3d-gltf builds a model (world/build_progress.py): it follows the
clock through a long step, never goes back, and reaches each step's end when the step is done; a
model with a large texture reports through the whole build, not only at its end."""

import time

import pytest

from benchmarks.scan_model import texture_png
from metaverse_seoul.world.convert_model import BUILD_SHARE, PLAIN_SHARE
from metaverse_seoul.world.model_loader import HASH_SHARE, ModelLoader
from metaverse_seoul.world.build_progress import BuildProgress
from tests.core.gltf_fixtures import BoxModel


def test_the_bar_follows_the_clock_through_a_long_step_and_never_goes_back():
    seen = []
    progress = BuildProgress(seen.append, 0.2, 0.8, total_seconds=1.0)
    with progress.step(0.25):
        time.sleep(0.05)
    assert seen[-1] == pytest.approx(0.2 + 0.6 * 0.25)  # a quick step: straight to its end
    before = len(seen)
    with progress.step(0.5):
        time.sleep(0.7)  # longer than expected: the bar waits short of the step's end
    during = seen[before:-1]
    assert len(during) >= 3 and max(during) <= 0.35 + 0.6 * 0.5 * 0.9 + 1e-9
    assert seen[-1] == pytest.approx(0.2 + 0.6 * 0.75)
    with progress.step(0.25):
        pass
    assert seen == sorted(seen) and seen[-1] == pytest.approx(0.8)


def test_a_large_texture_moves_the_bar_while_it_is_built(tmp_path):
    model = BoxModel.make()
    model.png = texture_png(4096)  # 11 MB of PNG: about 2 s of decoding on two cores
    path = model.write_glb(tmp_path)
    seen = []
    ModelLoader(tmp_path / "cache").prepare(path, seen.append)  # the converter in its own process, as the app runs it
    assert seen == sorted(seen) and seen[-1] == 1.0
    # Building is three quarters of the bar, nearly all of it the image: the bar moves while the image
    # is decoded, not only when it is done. (How far it gets before the end of the step depends on how
    # fast this machine decodes against the expected time: a fast one finishes early and the bar jumps.)
    converting = 1 - HASH_SHARE  # of the bar; hashing the file comes first
    low, high = (HASH_SHARE + converting * share for share in (PLAIN_SHARE, PLAIN_SHARE + BUILD_SHARE))
    assert len([fraction for fraction in seen if low < fraction < high]) >= 3
