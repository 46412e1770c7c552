"""Reading pixels of the X root window in-process (Xlib's XGetImage through ctypes): a grab takes
about a millisecond, quick enough to see every frame the app draws, where a grab by ImageMagick
(a new process each time) takes 50-200 ms on a busy machine."""

import ctypes

import numpy as np

Z_PIXMAP = 2
ALL_PLANES = 0xFFFFFFFF


class _XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.POINTER(ctypes.c_ubyte)),
                ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int),
                ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int),
                ("bits_per_pixel", ctypes.c_int)]


def _xlib():
    x11 = ctypes.CDLL("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XGetImage.restype = ctypes.POINTER(_XImage)
    x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                              ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
    x11.XDestroyImage.argtypes = [ctypes.POINTER(_XImage)]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return x11


class RootPixels:
    """A connection to one X display for reading its root window; close() when done."""

    def __init__(self, display):
        self.x11 = _xlib()
        self.display = self.x11.XOpenDisplay(display.encode())
        if not self.display:
            raise RuntimeError(f"cannot open X display {display}")
        self.root = self.x11.XDefaultRootWindow(self.display)

    def grab(self, x, y, width, height):
        """Rows of RGB pixels (uint8 array height x width x 3) of the given part of the screen."""
        image = self.x11.XGetImage(self.display, self.root, x, y, width, height, ALL_PLANES, Z_PIXMAP)
        if not image:
            raise RuntimeError(f"XGetImage failed for {width}x{height}+{x}+{y}")
        try:
            info = image.contents
            if info.bits_per_pixel != 32:
                raise RuntimeError(f"expected a 24-bit screen (32 bits a pixel), got {info.bits_per_pixel}")
            raw = np.ctypeslib.as_array(info.data, shape=(height * info.bytes_per_line,))
            rows = raw.reshape(height, info.bytes_per_line)[:, :width * 4].reshape(height, width, 4)
            return rows[:, :, 2::-1].copy()  # BGRX in memory (little-endian 0xRRGGBB words) -> RGB
        finally:
            self.x11.XDestroyImage(image)

    def close(self):
        if self.display:
            self.x11.XCloseDisplay(self.display)
            self.display = None
