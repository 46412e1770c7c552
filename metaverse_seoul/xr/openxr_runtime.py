"""A real OpenXR runtime through pyopenxr: the driver HeadsetSession runs (session.py lists its calls).

connect() finds the runtime and the headset before any window opens, so that "no headset" is known
early and said in one line; create_session() then binds to the app's OpenGL context (gl_context.py):
GLX through XR_KHR_opengl_enable, or EGL through XR_MNDX_egl_enable for an offscreen app.

Each eye has its own swapchain, in the first of the runtime's formats (it lists them best first) that
the app's 8-bit RGBA eye textures can be copied into as they are. The app draws each eye into its
own texture; submit_eye copies it into the swapchain image (glCopyImageSubData: the GL state the
engine caches is left untouched) between acquire and release.
"""

import ctypes
import os
import tempfile
from contextlib import contextmanager

import xr

from .openxr_actions import LOCATED, HandActions, pose_from_xr
from .types import EyeView, Fov, SessionState, XrUnavailable

APP_NAME = "Metaverse Seoul"
GL_RGBA8, GL_SRGB8_ALPHA8, GL_TEXTURE_2D = 0x8058, 0x8C43, 0x0DE1
COPYABLE_FORMATS = (GL_SRGB8_ALPHA8, GL_RGBA8)  # the 32-bit class of the app's RGBA8 eye textures
OPENGL = "XR_KHR_opengl_enable"
EGL = "XR_MNDX_egl_enable"
HAND_INTERACTION = "XR_EXT_hand_interaction"


@contextmanager
def quiet_stderr():
    """The OpenXR loader writes its failures to stderr itself; the app says them in one line instead."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def connect_runtime(offscreen=False):
    """An OpenXrDriver for the runtime and headset present; XrUnavailable says what is missing."""
    try:
        with quiet_stderr():
            offered = {_text(e.extension_name) for e in xr.enumerate_instance_extension_properties()}
    except xr.XrException as exc:
        raise XrUnavailable(f"no OpenXR runtime: {exc}")
    needed = [OPENGL] + ([EGL] if offscreen else [])
    missing = [name for name in needed if name not in offered]
    if missing:
        raise XrUnavailable(f"the OpenXR runtime does not offer {', '.join(missing)}")
    wanted = needed + ([HAND_INTERACTION] if HAND_INTERACTION in offered else [])
    return OpenXrDriver(wanted)


class OpenXrDriver:
    def __init__(self, extensions):
        self.extensions = extensions
        try:
            with quiet_stderr():
                self.instance = xr.create_instance(xr.InstanceCreateInfo(
                    application_info=xr.ApplicationInfo(APP_NAME, engine_name="Panda3D"),
                    enabled_extension_names=extensions))
        except xr.XrException as exc:
            raise XrUnavailable(f"the OpenXR runtime refused to start: {exc}")
        try:
            self.system = xr.get_system(self.instance, xr.SystemGetInfo(xr.FormFactor.HEAD_MOUNTED_DISPLAY))
        except xr.XrException as exc:
            xr.destroy_instance(self.instance)
            raise XrUnavailable(f"no headset connected: {exc}")
        runtime = xr.get_instance_properties(self.instance)
        system = xr.get_system_properties(self.instance, self.system)
        self.name = f"{_text(runtime.runtime_name)} / {_text(system.system_name)}"
        self.view_type = xr.ViewConfigurationType.PRIMARY_STEREO
        self.session = self.space = self.head_space = self.actions = self.gl = None
        self.swapchains = []
        self._views = []
        self.format = None
        self._interaction_profiles = {}

    # --- setting up ---------------------------------------------------------------------------------
    def eye_sizes(self):
        views = xr.enumerate_view_configuration_views(self.instance, self.system, self.view_type)
        return [(v.recommended_image_rect_width, v.recommended_image_rect_height) for v in views]

    def _binding(self, gl):
        if gl.kind == "egl":
            return xr.GraphicsBindingEGLMNDX(
                get_proc_address=ctypes.cast(gl.get_proc_address, xr.PFN_xrEglGetProcAddressMNDX),
                display=gl.display, config=gl.config, context=gl.context)
        return xr.GraphicsBindingOpenGLXlibKHR(x_display=gl.display, glx_drawable=gl.drawable,
                                               glx_context=gl.context)

    def create_session(self, gl):
        self.gl = gl
        self._check_gl_requirements()
        binding = self._binding(gl)
        self._binding_struct = binding  # kept alive: the runtime may read it until the session is made
        try:
            self.session = xr.create_session(self.instance, xr.SessionCreateInfo(
                system_id=self.system, next=ctypes.cast(ctypes.pointer(binding), ctypes.c_void_p)))
        except xr.XrException as exc:
            raise XrUnavailable(f"the headset refused the app's OpenGL context: {exc}")
        self.space = self._reference_space()
        self.head_space = xr.create_reference_space(self.session, xr.ReferenceSpaceCreateInfo(
            xr.ReferenceSpaceType.VIEW))
        self._create_swapchains()
        self.actions = HandActions(self.instance, self.extensions)
        self.actions.attach(self.session)

    def _check_gl_requirements(self):
        """Ask for the OpenGL versions the runtime takes: a runtime refuses a session until it was asked.
        (pyopenxr's own helper module for this does not import on Linux.)"""
        function = ctypes.cast(xr.get_instance_proc_addr(self.instance, "xrGetOpenGLGraphicsRequirementsKHR"),
                               xr.PFN_xrGetOpenGLGraphicsRequirementsKHR)
        requirements = xr.GraphicsRequirementsOpenGLKHR()
        xr.check_result(xr.Result(function(self.instance, self.system, ctypes.byref(requirements))))
        return requirements

    def _reference_space(self):
        """The room with its floor at height 0 (STAGE); a runtime without one gets LOCAL, whose origin
        is at the head, lowered to a standing visitor's eyes."""
        offered = set(xr.enumerate_reference_spaces(self.session))
        if xr.ReferenceSpaceType.STAGE in offered:
            return xr.create_reference_space(self.session, xr.ReferenceSpaceCreateInfo(xr.ReferenceSpaceType.STAGE))
        pose = xr.Posef(position=xr.Vector3f(0.0, -1.6, 0.0))  # OpenXR's y is up
        return xr.create_reference_space(self.session, xr.ReferenceSpaceCreateInfo(
            xr.ReferenceSpaceType.LOCAL, pose_in_reference_space=pose))

    def _create_swapchains(self):
        offered = list(xr.enumerate_swapchain_formats(self.session))
        self.format = next((f for f in offered if f in COPYABLE_FORMATS), None)
        if self.format is None:
            raise XrUnavailable(f"the headset offers no 8-bit RGBA swapchain (formats {offered})")
        usage = xr.SwapchainUsageFlags.COLOR_ATTACHMENT_BIT | xr.SwapchainUsageFlags.TRANSFER_DST_BIT
        for width, height in self.eye_sizes():
            swapchain = xr.create_swapchain(self.session, xr.SwapchainCreateInfo(
                usage_flags=usage, format=self.format, sample_count=1, width=width, height=height,
                face_count=1, array_size=1, mip_count=1))
            images = xr.enumerate_swapchain_images(swapchain, xr.SwapchainImageOpenGLKHR)
            self.swapchains.append((swapchain, [image.image for image in images], (width, height)))

    # --- events and the lifecycle -------------------------------------------------------------------
    def poll_states(self):
        states = []
        while True:
            try:
                event = xr.poll_event(self.instance)
            except xr.EventUnavailable:
                return states
            kind = xr.StructureType(event.type)
            if kind == xr.StructureType.EVENT_DATA_SESSION_STATE_CHANGED:
                changed = ctypes.cast(ctypes.byref(event), ctypes.POINTER(xr.EventDataSessionStateChanged))
                states.append(SessionState(int(changed.contents.state)))
            elif kind == xr.StructureType.EVENT_DATA_INSTANCE_LOSS_PENDING:
                states.append(SessionState.LOSS_PENDING)
            elif kind == xr.StructureType.EVENT_DATA_INTERACTION_PROFILE_CHANGED and self.session:
                self._read_interaction_profiles()

    def _read_interaction_profiles(self):
        for hand, path in self.actions.hand_paths.items():
            profile = xr.get_current_interaction_profile(self.session, path).interaction_profile
            self._interaction_profiles[hand] = xr.path_to_string(self.instance, profile) if profile else None

    @property
    def interaction_profiles(self):
        """{hand: the profile of the controller in it, or None}, as the runtime last said."""
        return dict(self._interaction_profiles)

    def begin_session(self):
        xr.begin_session(self.session, xr.SessionBeginInfo(self.view_type))

    def end_session(self):
        xr.end_session(self.session)

    def request_exit(self):
        xr.request_exit_session(self.session)

    # --- frames -------------------------------------------------------------------------------------
    def wait_frame(self):
        state = xr.wait_frame(self.session, xr.FrameWaitInfo())
        return state.predicted_display_time, bool(state.should_render)

    def begin_frame(self):
        xr.begin_frame(self.session, xr.FrameBeginInfo())

    def locate_views(self, display_time):
        view_state, views = xr.locate_views(self.session, xr.ViewLocateInfo(self.view_type, display_time, self.space))
        located = xr.ViewStateFlags.POSITION_VALID_BIT | xr.ViewStateFlags.ORIENTATION_VALID_BIT
        if (view_state.view_state_flags & located) != located:
            self._views = []
            return []
        self._views = list(views)  # submitted as the runtime gave them, not converted back
        return [EyeView(pose_from_xr(v.pose), Fov(v.fov.angle_left, v.fov.angle_right, v.fov.angle_up,
                                                  v.fov.angle_down)) for v in views]

    def locate_head(self, display_time):
        location = xr.locate_space(self.head_space, self.space, display_time)
        return pose_from_xr(location.pose) if (location.location_flags & LOCATED) == LOCATED else None

    def sync_actions(self):
        self.actions.sync()

    def read_hands(self, display_time):
        return self.actions.read(self.space, display_time)

    def submit_eye(self, eye, texture, size):
        swapchain, images, (width, height) = self.swapchains[eye]
        index = xr.acquire_swapchain_image(swapchain, xr.SwapchainImageAcquireInfo())
        xr.wait_swapchain_image(swapchain, xr.SwapchainImageWaitInfo(xr.INFINITE_DURATION))
        copy_w, copy_h = min(size[0], width), min(size[1], height)
        self.gl.copy_image(texture, GL_TEXTURE_2D, 0, 0, 0, 0, images[index], GL_TEXTURE_2D, 0, 0, 0, 0,
                           copy_w, copy_h, 1)
        xr.release_swapchain_image(swapchain, xr.SwapchainImageReleaseInfo())

    def end_frame(self, display_time, views):
        layers = []
        if views:
            projection_views = []
            for view, (swapchain, _images, (width, height)) in zip(self._views, self.swapchains):
                projection_view = xr.CompositionLayerProjectionView(pose=view.pose, fov=view.fov)
                projection_view.sub_image.swapchain = swapchain
                projection_view.sub_image.image_rect.extent = xr.Extent2Di(width, height)
                projection_views.append(projection_view)
            layer = xr.CompositionLayerProjection(space=self.space, views=projection_views)
            layers.append(ctypes.byref(layer))
        xr.end_frame(self.session, xr.FrameEndInfo(display_time, xr.EnvironmentBlendMode.OPAQUE, layers=layers))

    # --- the end ------------------------------------------------------------------------------------
    def destroy_session(self):
        if self.session is None:
            return
        for swapchain, _images, _size in self.swapchains:
            xr.destroy_swapchain(swapchain)
        self.swapchains = []
        if self.actions is not None:
            self.actions.destroy_spaces()
        for space in (self.head_space, self.space):
            if space is not None:
                xr.destroy_space(space)
        self.space = self.head_space = None
        xr.destroy_session(self.session)
        self.session = None

    def close(self):
        self.destroy_session()
        if self.actions is not None:
            self.actions.destroy()
            self.actions = None
        if self.instance is not None:
            xr.destroy_instance(self.instance)
            self.instance = None
