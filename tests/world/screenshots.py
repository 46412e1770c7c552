"""What the app under test shows: its last frame as an array of pixels."""

import numpy as np
from panda3d.core import PNMImage


def screenshot_pixels(app, tmp_path, every=4):
    """The window's last frame as a (rows, columns, 3) array of 0..1 colours, every `every`-th pixel
    of every `every`-th row (enough to find what is drawn, quick to read)."""
    path = tmp_path / "frame.png"
    app.save_screenshot(path)
    image = PNMImage(str(path))
    return np.array([[image.getXel(x, y) for x in range(0, image.getXSize(), every)]
                     for y in range(0, image.getYSize(), every)])
