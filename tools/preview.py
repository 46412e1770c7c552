"""Offscreen preview renders of a built .glb, for checking geometry by eye while building assets.

    python -m tools.preview assets/models/seoul_plaza.glb OUT.png --eye 0 -60 1.7 --at 0 40 8 [--size 960x540]

Several --eye/--at pairs give several images (OUT-0.png, OUT-1.png, ...). Coordinates are the app's
world frame (x east, y north, z up). Rendering uses panda3d-simplepbr without shadows (shadows crash
Mesa's software renderer) and a plain daylight rig; the app's own renderer is main.py.
"""

import argparse
import sys
from pathlib import Path

PRC = """
window-type offscreen
load-display p3headlessgl
audio-library-name null
framebuffer-srgb true
framebuffer-multisample true
multisamples 4
"""


def parse_size(text):
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}")
    return width, height


def render(model_path, views, out_path, size=(960, 540), sun_heading=200.0, sun_elevation=50.0):
    from panda3d.core import AmbientLight, DirectionalLight, LColor, PNMImage, loadPrcFileData
    loadPrcFileData("preview", PRC + f"win-size {size[0]} {size[1]}\n")
    import gltf
    import simplepbr
    from direct.showbase.ShowBase import ShowBase

    base = ShowBase(windowType="offscreen")
    base.disableMouse()
    base.setBackgroundColor(0.62, 0.76, 0.92, 1)
    simplepbr.init(enable_shadows=False, use_normal_maps=True, exposure=0.0)
    model = base.render.attachNewNode(gltf.load_model(str(model_path)))
    sun = DirectionalLight("sun")
    sun.setColor(LColor(3.0, 2.9, 2.7, 1))
    sun_np = base.render.attachNewNode(sun)
    sun_np.setHpr(sun_heading + 180, -sun_elevation, 0)
    base.render.setLight(sun_np)
    ambient = AmbientLight("ambient")
    ambient.setColor(LColor(0.35, 0.38, 0.45, 1))
    base.render.setLight(base.render.attachNewNode(ambient))
    base.camLens.setFov(70)
    base.camLens.setNearFar(0.1, 2000)
    written = []
    out_path = Path(out_path)
    for i, (eye, at) in enumerate(views):
        base.camera.setPos(*eye)
        base.camera.lookAt(*at)
        base.taskMgr.step()  # simplepbr updates its shader inputs in a task
        base.taskMgr.step()
        target = out_path if len(views) == 1 else out_path.with_name(f"{out_path.stem}-{i}{out_path.suffix}")
        image = PNMImage()
        base.win.getScreenshot(image)
        image.write(str(target))
        written.append(target)
    base.destroy()
    return written, model


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("out")
    parser.add_argument("--eye", nargs=3, type=float, action="append", required=True)
    parser.add_argument("--at", nargs=3, type=float, action="append", required=True)
    parser.add_argument("--size", type=parse_size, default=(960, 540))
    args = parser.parse_args(argv)
    if len(args.eye) != len(args.at):
        parser.error("give one --at for each --eye")
    if not Path(args.model).is_file():
        print(f"error: {args.model}: no such file", file=sys.stderr)
        return 2
    written, _ = render(args.model, list(zip(args.eye, args.at)), args.out, args.size)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
