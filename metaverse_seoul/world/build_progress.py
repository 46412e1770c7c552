"""How far panda3d-gltf has got building a model's nodes, for the loading screen's bar.

Most of a big model's conversion is spent in two of panda3d-gltf's calls that say nothing while they
run: decoding a texture's image (1.9 s for an 11 MB PNG of 4096² pixels) and building a primitive
(about 3 µs a vertex; 4.6 s for a 500,000-triangle grid). So the build is shared out among the
textures and primitives by the time each is expected to take, measured on this project's machines,
and while one is being built the bar moves on with the clock, stopping short of the end of its part
until it is done. The bar never goes back.
"""

import threading
import time
from contextlib import contextmanager

SECONDS_PER_VERTEX = 3e-6
SECONDS_PER_IMAGE_BYTE = 1.7e-7  # of the encoded image (PNG or JPEG)
TICK_S = 0.1
RUNNING_SHARE = 0.9  # of a step's part of the bar that the clock may fill before the step is done


def primitive_seconds(gltf, primitive):
    return gltf["accessors"][primitive["attributes"]["POSITION"]]["count"] * SECONDS_PER_VERTEX


def texture_seconds(gltf, texture):
    images = gltf.get("images", [])
    source = texture.get("source")
    if source is None or source >= len(images) or "bufferView" not in (images[source] or {}):
        return 0.0
    return gltf["bufferViews"][images[source]["bufferView"]]["byteLength"] * SECONDS_PER_IMAGE_BYTE


def expected_seconds(gltf):
    """What building the nodes of the plain model `gltf` is expected to take, in all."""
    return (sum(primitive_seconds(gltf, p) for mesh in gltf.get("meshes", []) for p in mesh["primitives"])
            + sum(texture_seconds(gltf, t) for t in gltf.get("textures", [])))


class BuildProgress:
    def __init__(self, report, start, end, total_seconds):
        """Reports fractions from `start` to `end` of the bar through `report(fraction)`."""
        self.report, self.start, self.end = report, start, end
        self.total = max(total_seconds, 1e-9)
        self.done = 0.0  # expected seconds of the steps finished
        self.shown = start
        self.lock = threading.Lock()

    def _at(self, seconds):
        return self.start + (self.end - self.start) * min(seconds / self.total, 1.0)

    def _show(self, fraction):
        with self.lock:
            if fraction > self.shown:
                self.shown = fraction
                self.report(fraction)

    @contextmanager
    def step(self, seconds):
        """A step expected to take `seconds`: the bar follows the clock while it runs, then its end."""
        begin, end = self._at(self.done), self._at(self.done + seconds)
        stop = threading.Event()

        def follow_the_clock():
            started = time.monotonic()
            while not stop.wait(TICK_S):
                share = min((time.monotonic() - started) / max(seconds, 1e-9), RUNNING_SHARE)
                self._show(begin + (end - begin) * share)

        ticker = threading.Thread(target=follow_the_clock, name="build-progress", daemon=True)
        ticker.start()
        try:
            yield
        finally:
            stop.set()
            ticker.join()
            self.done += seconds
            self._show(end)
