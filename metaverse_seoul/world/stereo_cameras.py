"""One camera per eye, each drawing into its own texture at the headset's size.

Each eye is a separate camera and render-to-texture buffer (two passes over the scene: Panda3D 1.10
has no single-pass stereo for arbitrary shaders). A camera is placed at its eye's located pose and
its lens takes the eye's own field of view: headsets give each eye an asymmetric frustum (more to
the outer side), which a symmetric fov with the right centre cannot express, so the lens is set by
its film: focal length 1, the film spanning the tangents of the four angles, offset to their centre.

The textures are 8-bit RGBA so that the OpenXR driver can copy them into 32-bit swapchain images
as they are.
"""

import math

from panda3d.core import FrameBufferProperties, LQuaternion, PerspectiveLens, PNMImage, Texture

NEAR, FAR = 0.05, 2000.0  # metres: a hand held close to the face is still drawn


def film_of(fov):
    """(width, height, offset x, offset y) of a lens film at focal length 1 for an OpenXR-style fov."""
    left, right = math.tan(fov.left), math.tan(fov.right)
    down, up = math.tan(fov.down), math.tan(fov.up)
    return right - left, up - down, (right + left) / 2, (up + down) / 2


class EyeCamera:
    def __init__(self, base, parent, index, size, clear_colour):
        self.base = base
        self.size = size
        self.texture = Texture(f"eye-{index}")
        properties = FrameBufferProperties()
        properties.setRgbaBits(8, 8, 8, 8)
        properties.setDepthBits(24)
        self.buffer = base.win.makeTextureBuffer(f"eye-{index}", size[0], size[1], self.texture, False, properties)
        if self.buffer is None:
            raise RuntimeError(f"no {size[0]}x{size[1]} render buffer for eye {index}")
        self.buffer.setClearColor(clear_colour)
        self.buffer.setSort(-10 + index)  # drawn before the window that mirrors them
        self.lens = PerspectiveLens()
        self.lens.setNearFar(NEAR, FAR)
        self.lens.setFocalLength(1.0)
        self.camera = base.makeCamera(self.buffer, lens=self.lens, camName=f"eye-{index}")
        self.camera.reparentTo(parent)
        self._gl_name = None

    def place(self, view):
        self.camera.setPos(*view.pose.position)
        self.camera.setQuat(LQuaternion(*view.pose.orientation))
        width, height, offset_x, offset_y = film_of(view.fov)
        self.lens.setFilmSize(width, height)
        self.lens.setFilmOffset(offset_x, offset_y)

    def gl_name(self):
        """The OpenGL name of the eye's texture (it exists once the buffer has drawn)."""
        if self._gl_name is None:
            gsg = self.buffer.getGsg()
            self._gl_name = self.texture.prepareNow(0, gsg.getPreparedObjects(), gsg).getNativeId()
        return self._gl_name

    def image(self):
        """The eye's last image, read back from the graphics card (tests, screenshots)."""
        self.base.graphicsEngine.extractTextureData(self.texture, self.buffer.getGsg())
        image = PNMImage()
        self.texture.store(image)
        return image

    def destroy(self):
        self.base.graphicsEngine.removeWindow(self.buffer)
        self.camera.removeNode()


class StereoCameras:
    def __init__(self, base, parent, sizes, clear_colour=(0.06, 0.08, 0.12, 1)):
        self.eyes = [EyeCamera(base, parent, i, size, clear_colour) for i, size in enumerate(sizes)]
        self.drawing = True

    def place(self, views):
        for eye, view in zip(self.eyes, views):
            eye.place(view)

    def set_drawing(self, drawing):
        """Frames the runtime will not show are not drawn."""
        if drawing != self.drawing:
            self.drawing = drawing
            for eye in self.eyes:
                eye.buffer.setActive(drawing)

    def set_clear_colour(self, colour):
        for eye in self.eyes:
            eye.buffer.setClearColor(colour)

    def textures(self):
        """[(GL texture name, (w, h))] per eye, for HeadsetSession.end_frame."""
        return [(eye.gl_name(), eye.size) for eye in self.eyes]

    def destroy(self):
        for eye in self.eyes:
            eye.destroy()
        self.eyes = []
