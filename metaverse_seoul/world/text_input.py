"""Typed text reaches the app the way the operating system delivers it.

Panda3D throws no event for a typed character unless the window's button thrower is asked for one;
`enable_text_input(base)` asks for `KEYSTROKE_EVENT`, which the kiosk forms listen to.

On X11, Panda3D 1.10 reads only the events addressed to its own window, so the ClientMessages an
input method (XIM: ibus, fcitx) sends to Xlib's private window are never handed to XFilterEvent:
Hangul mode never turns on and the app gets the raw Latin keys (r, k, f ... instead of 가). The
XimPump hands those messages to Xlib once a frame, before Panda3D reads its window's events; the
syllables the input method commits then arrive as ordinary keystrokes. Panda3D's master branch reads
them itself (commit 4cd579d0ba, not in any 1.10 release), so this is a stop-gap for 1.10.

Where it does not apply (an offscreen buffer, Windows or macOS, no libX11, a threaded pipeline) the
pump is not installed and one debug line says why.

Limits, from Xlib: it hands back one key at a time (one "fabricated" event), so the pump passes one
a frame and every key makes a round trip through the input method; and an input method that gets a
key while earlier ones are still on their way may hand a release back before its press. Committed
text always arrives whole and in order (keystrokes are made from presses alone); but below about 10
frames a second Panda3D can take a key as still held after such a swap and drop its next press. A
fix in the engine's own event loop (Panda3D master, or check_event accepting these messages) reads
them as they come.
"""

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

KEYSTROKE_EVENT = "keystroke"
GLX_PIPE = "glxGraphicsPipe"  # what `load-display pandagl` opens on X11
XIM_ATOMS = (b"_XIM_PROTOCOL", b"_XIM_MOREDATA", b"_XIM_XCONNECT")
CLIENT_MESSAGE = 33  # X.h


def enable_text_input(base):
    """Ask every button thrower of `base` for keystroke events, and on X11 pump the input method's
    messages. Returns the XimPump, or None where it does not apply."""
    for thrower in base.buttonThrowers or []:
        thrower.node().setKeystrokeEvent(KEYSTROKE_EVENT)
    pipeline = base.graphicsEngine.getThreadingModel()
    reason = why_no_xim_pump(sys.platform, base.pipe.getType().getName() if base.pipe else "",
                             "" if pipeline.isSingleThreaded() else pipeline.getModel())
    pump = None
    if reason is None:
        try:
            pump = XimPump(XlibQueue.load())
        except (OSError, AttributeError) as exc:  # a missing library or symbol
            reason = f"libX11/libGL not usable ({exc})"
    if pump is None:
        log.debug("text input: keystroke events only, no XIM pump: %s", reason)
        return None
    task = base.taskMgr.add(pump.task, "xim-pump", sort=-100)  # before the frame's window events are read
    # The task manager outlives a ShowBase (a process may make several in turn): the pump must go
    # with the X connection it reads, which closes with the ShowBase.
    base.finalExitCallbacks.append(lambda: base.taskMgr.remove(task))
    return pump


def why_no_xim_pump(platform, pipe_name, threading_model):
    """Why the XIM pump does not apply here, or None when it does; `threading_model` is empty for
    the single-threaded pipeline (else e.g. "Cull/Draw")."""
    if not platform.startswith(("linux", "freebsd")):
        return f"no XIM on {platform}"
    if pipe_name != GLX_PIPE:
        return f"pipe {pipe_name or 'none'} is not an X11 window"
    if threading_model:
        # Panda's X connection is found through the current GL context, which a threaded pipeline
        # makes current on its draw thread, not here.
        return f"threaded pipeline {threading_model!r}"
    return None


class _XClientMessageHead(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong),
                ("message_type", ctypes.c_ulong), ("format", ctypes.c_int)]


class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xclient", _XClientMessageHead), ("pad", ctypes.c_long * 24)]


_Predicate = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(XEvent), ctypes.c_void_p)


class XlibQueue:
    """The event queue of Panda3D's own X connection, and the Xlib calls the pump makes on it."""

    def __init__(self, x11, gl):
        self.x11, self.gl = x11, gl
        self.display = None
        self.predicate = None

    @classmethod
    def load(cls):
        x11 = ctypes.CDLL("libX11.so.6")
        gl = ctypes.CDLL("libGL.so.1")  # already loaded by pandagl: the same library, not a second one
        gl.glXGetCurrentDisplay.restype = ctypes.c_void_p
        x11.XInternAtom.restype = ctypes.c_ulong
        x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x11.XCheckIfEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent), _Predicate, ctypes.c_void_p]
        x11.XFilterEvent.argtypes = [ctypes.POINTER(XEvent), ctypes.c_ulong]
        x11.XQLength.argtypes = [ctypes.c_void_p]
        x11.XPeekEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
        return cls(x11, gl)

    def ready(self):
        """True once Panda3D's X connection is known: its GL context is current on this thread
        after the first frame has been drawn."""
        if self.display is None:
            display = self.gl.glXGetCurrentDisplay()
            if display:
                atoms = {self.x11.XInternAtom(display, name, 0) for name in XIM_ATOMS}
                # Only the input method's messages: WM_DELETE_WINDOW and the rest stay for Panda3D.
                self.predicate = _Predicate(lambda _display, event, _arg: int(
                    event.contents.type == CLIENT_MESSAGE and event.contents.xclient.message_type in atoms))
                self.display = display
        return self.display is not None

    def take_xim_message(self):
        """The next waiting message of the input method, taken off the queue; None if there is none."""
        event = XEvent()
        return event if self.x11.XCheckIfEvent(self.display, ctypes.byref(event), self.predicate, None) else None

    def filter(self, event):
        self.x11.XFilterEvent(ctypes.byref(event), 0)

    def first(self):
        """The event at the head of the queue (its bytes), or None when the queue is empty."""
        if not self.x11.XQLength(self.display):
            return None
        event = XEvent()
        self.x11.XPeekEvent(self.display, ctypes.byref(event))  # the queue is not empty: it does not wait
        return bytes(event)


class XimPump:
    """Hands the input method's ClientMessages on Panda3D's X connection to XFilterEvent, per frame."""

    def __init__(self, queue):
        self.queue = queue

    def task(self, task):
        self.pump()
        return task.cont

    def pump(self):
        """Filter the waiting XIM messages up to the first that hands a key back; returns how many
        were filtered."""
        if not self.queue.ready():
            return 0
        filtered = 0
        while (message := self.queue.take_xim_message()) is not None:
            head = self.queue.first()
            self.queue.filter(message)
            filtered += 1
            if self.queue.first() != head:
                # Xlib handed a committed syllable, or a key the input method passed on, back with
                # XPutBackEvent: at the head of the queue, so the next message's key would go in
                # front of it (a Space before the syllable it ended); and Xlib marks one such key at
                # a time as already filtered. So Panda3D reads this one first, in this frame; the
                # rest wait for the next frames (a key a frame: a held key's repeats queue up when
                # frames are slow). The head, not the length, tells: Xlib may also have read or
                # taken events while filtering. Any new head stops the pump for this frame.
                break
        return filtered
