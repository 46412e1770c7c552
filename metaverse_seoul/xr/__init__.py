"""Headsets through OpenXR, behind one small interface.

    session = HeadsetSession(driver)            # session.py: the interface the app uses
    session.start(graphics)                     # bound to the app's OpenGL context
    frame = session.begin_frame()               # each frame, before drawing: poses, input (or None)
    session.end_frame(eye_textures)             # after drawing: the eye images go to the headset

A driver does the runtime's calls: openxr_runtime.OpenXrDriver talks to a real runtime through
pyopenxr; fake.FakeRuntime is a scripted one for tests (head and hand poses, session states). The
session decides what each session state asks of the app (lifecycle in session.py), so both drivers
are driven by the same code. Poses reach the app in its own frame (metres, z up, +y forward:
convert.py), never in OpenXR's.
"""
