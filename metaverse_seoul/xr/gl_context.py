"""The app's OpenGL context as a headset runtime needs it: the handles of the context that is current.

Panda3D leaves its context current after it has drawn a frame, so the app draws one and then reads
the handles here. Under X11 (a window) that is GLX: display, drawable, context. Offscreen (Panda3D's
p3headlessgl) it is EGL: display, config, context, which a runtime takes through XR_MNDX_egl_enable.

The one GL call the headset needs (glCopyImageSubData, into the runtime's images) is looked up here
through the same window system's GetProcAddress. Not through PyOpenGL: pyopenxr pins PyOpenGL to GLX,
whose checks find no current context when it is EGL's, and the function then stays null.
"""

import ctypes
from dataclasses import dataclass

from .types import XrUnavailable


# void glCopyImageSubData(src, srcTarget, srcLevel, srcX, srcY, srcZ, dst, dstTarget, dstLevel, dstX, dstY,
#                         dstZ, width, height, depth)
COPY_IMAGE = ctypes.CFUNCTYPE(None, *([ctypes.c_uint, ctypes.c_uint] + [ctypes.c_int] * 4) * 2,
                              ctypes.c_int, ctypes.c_int, ctypes.c_int)


@dataclass(frozen=True)
class GlContext:
    kind: str            # "glx" or "egl"
    display: object
    context: object
    copy_image: object        # glCopyImageSubData of this context
    drawable: object = None   # GLX
    config: object = None     # EGL
    get_proc_address: object = None   # EGL: the C function eglGetProcAddress


def _gl_function(get_proc_address, name, prototype):
    get_proc_address.restype = ctypes.c_void_p
    get_proc_address.argtypes = [ctypes.c_char_p]
    address = get_proc_address(name.encode())
    if not address:
        raise XrUnavailable(f"OpenGL offers no {name}")
    return prototype(address)


def current_glx():
    from OpenGL import GLX
    display, context = GLX.glXGetCurrentDisplay(), GLX.glXGetCurrentContext()
    if not context:
        raise XrUnavailable("no current GLX context to share with the headset")
    copy_image = _gl_function(ctypes.CDLL("libGL.so.1").glXGetProcAddressARB, "glCopyImageSubData", COPY_IMAGE)
    return GlContext("glx", display, context, copy_image, drawable=GLX.glXGetCurrentDrawable())


def _egl_config(egl, display, context):
    """The EGLConfig the context was made with (EGL only tells its id)."""
    config_id = ctypes.c_int32()
    egl.eglQueryContext(display, context, egl.EGL_CONFIG_ID, ctypes.byref(config_id))
    attributes = (ctypes.c_int32 * 3)(egl.EGL_CONFIG_ID, config_id.value, egl.EGL_NONE)
    config, count = egl.EGLConfig(), ctypes.c_int32()
    if not egl.eglChooseConfig(display, attributes, ctypes.byref(config), 1, ctypes.byref(count)) or not count.value:
        raise XrUnavailable("the EGL context's configuration could not be found")
    return config


def current_egl():
    from OpenGL import EGL
    display, context = EGL.eglGetCurrentDisplay(), EGL.eglGetCurrentContext()
    if not context:
        raise XrUnavailable("no current EGL context to share with the headset")
    library = ctypes.CDLL("libEGL.so.1")
    copy_image = _gl_function(library.eglGetProcAddress, "glCopyImageSubData", COPY_IMAGE)
    return GlContext("egl", display, context, copy_image, config=_egl_config(EGL, display, context),
                     get_proc_address=library.eglGetProcAddress)


def current_context(offscreen):
    """The current context's handles: EGL for an offscreen app, else GLX."""
    return current_egl() if offscreen else current_glx()
