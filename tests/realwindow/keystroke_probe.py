"""A bare Panda3D window with the app's text input (metaverse_seoul.world.text_input), which
prints each keystroke it gets as one JSON line: how the real-window tests see what reaches
Panda3D from the X server, without the rest of the app.

    python -m tests.realwindow.keystroke_probe [--frame-s 0.2]   (DISPLAY set; SIGTERM stops it)

--frame-s makes every frame take that long, as llvmpipe's frames do on a busy machine: keys and
input-method messages then pile up between two frames.
"""

import argparse
import json
import logging
import sys
import time

from metaverse_seoul.world.engine import configure_engine, start_showbase
from metaverse_seoul.world.text_input import KEYSTROKE_EVENT, enable_text_input

TITLE = "keystroke probe"


def report(kind, value):
    print(json.dumps({kind: value}, ensure_ascii=False), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--frame-s", type=float, default=0.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr, format="%(name)s: %(message)s")
    configure_engine(320, 240, offscreen=False, vsync=False, title=TITLE)
    base = start_showbase()
    pump = enable_text_input(base)
    base.accept(KEYSTROKE_EVENT, lambda text: report("keystroke", text))
    for thrower in base.buttonThrowers:
        thrower.node().setButtonDownEvent("button")  # every key press too, by name
    base.accept("button", lambda name: report("button", name))
    if args.frame_s:
        base.taskMgr.add(lambda task: time.sleep(args.frame_s) or task.cont, "slow-frame")
    base.taskMgr.doMethodLater(0.5, lambda task: report("ready", pump is not None), "ready")
    base.run()


if __name__ == "__main__":
    main()
