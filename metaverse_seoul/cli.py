"""Command line: parse arguments, build settings, check the inputs, run the app (DESIGN.md §3)."""

import argparse
import sys
import traceback
from pathlib import Path

from . import __version__
from .core.asset_paths import PREBUILT_SUFFIX
from .core.atomic_file import check_writable
from .core.errors import InputError
from .core.gltf_check import check_gltf
from .core.i18n import LANGUAGES, pick
from .core.links import EXAMPLE as LINK_EXAMPLE
from .core.links import looks_like_link, scene_from_link
from .core.manifest import list_manifests
from .core.settings import load_settings, screen_size
from .paths import DEFAULT_CONFIG, scene_assets_dir, scenes_dir, user_data_dir, user_settings_file

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise InputError("arguments", message)


def build_parser():
    parser = _Parser(prog="main.py", description="Metaverse Seoul: visit Seoul's places and use city services.")
    parser.add_argument("link", nargs="?", metavar=LINK_EXAMPLE, help="open the scene this link names")
    parser.add_argument("--version", action="version", version=f"metaverse-seoul {__version__}")
    parser.add_argument("--list-scenes", action="store_true", help="print 'id<TAB>title' for each scene and exit")
    parser.add_argument("--scene", metavar="ID", help="start in this scene (default: home_scene in the settings)")
    parser.add_argument("--model", metavar="PATH", help="open any glTF/GLB file in the model viewer")
    parser.add_argument("--offscreen", action="store_true", help="render without a window (needs --frames)")
    parser.add_argument("--size", metavar="WxH", help="window or image size, e.g. 1280x720")
    parser.add_argument("--frames", type=int, metavar="N", help="render N frames of the loaded scene, then exit")
    parser.add_argument("--screenshot", metavar="FILE.png", help="save the last rendered frame as PNG")
    parser.add_argument("--stats", metavar="FILE.json", help="write measured figures of the run as JSON")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of titles, captions and interface")
    parser.add_argument("--config", metavar="FILE", help="a settings file read after your own settings")
    parser.add_argument("--api-url", metavar="URL|embedded", help="city-services endpoint (default: embedded)")
    parser.add_argument("--vr", nargs="?", const=True, metavar="required",
                        help="render to an OpenXR headset if there is one, else the desktop; "
                             "--vr=required exits when there is none")
    parser.add_argument("--self-check", action="store_true",
                        help="check this installation and the city services, print what was found, and exit")
    return parser


def _overrides(args):
    out = {}
    if args.lang:
        out["language"] = args.lang
    if args.api_url:
        out["api"] = {"url": args.api_url}
    if args.vr is not None:
        out["graphics"] = {"vr": args.vr}
    return out


def _check_args(args):
    if args.link is not None and not looks_like_link(args.link):
        raise InputError("arguments", f"unexpected argument {args.link!r} (a link is {LINK_EXAMPLE})")
    if args.frames is not None and args.frames < 1:
        raise InputError("--frames", f"expected a positive number of frames, got {args.frames}")
    if sum(map(bool, (args.scene, args.model, args.link))) > 1:
        raise InputError("arguments", "give one of --scene, --model or a link")
    for flag, name, ending in (("--screenshot", args.screenshot, ".png"), ("--stats", args.stats, ".json")):
        if not name:
            continue
        if not name.lower().endswith(ending):
            raise InputError(flag, f"expected a {ending} file name, got {name!r}")
        try:
            check_writable(name)  # now, not after a minute of rendering
        except OSError as exc:
            raise InputError(flag, f"cannot write {name}: {exc.strerror or exc}") from None
    if args.vr not in (None, True, "required"):
        raise InputError("--vr", f"expected --vr or --vr=required, got --vr={args.vr}")
    if args.vr and args.model:
        raise InputError("arguments", "--model opens the viewer on the desktop only (no --vr)")


def _chosen_scene(args, settings, catalog):
    """The scene to open: --scene, a link, or the home scene of the settings; InputError if unknown."""
    if args.link:
        scene_id, source = scene_from_link(args.link), "link"
    else:
        scene_id, source = args.scene or settings.home_scene, "--scene" if args.scene else "home_scene"
    if scene_id not in catalog:
        raise InputError(source, f"no scene {scene_id!r} (scenes: {', '.join(catalog) or 'none'})")
    return scene_id


def _check_models(paths):
    for path in paths:
        if not path.name.lower().endswith(PREBUILT_SUFFIX):  # a packaged app's own models were checked when built
            check_gltf(path)


def run(argv):
    from .world.stats import process_start_time
    process_start = process_start_time()
    args = build_parser().parse_args(argv)
    _check_args(args)
    config_files = [user_settings_file()]
    if args.config:
        config_file = Path(args.config)
        if not config_file.exists():
            raise InputError(config_file, "file not found")
        if not config_file.is_file():
            raise InputError(config_file, "not a regular file")
        config_files.append(config_file)
    settings = load_settings(DEFAULT_CONFIG, config_files, _overrides(args))
    catalog = {m.id: m for m in list_manifests(scenes_dir(), scene_assets_dir())}

    if args.list_scenes:
        for scene_id, manifest in catalog.items():
            print(f"{scene_id}\t{pick(manifest.title, settings.language)}")
        return 0
    if args.self_check:
        from .self_check import self_check
        return self_check(settings, catalog)

    if args.model:
        model_path = Path(args.model)
        check_gltf(model_path)
        scene_id = None
    else:
        model_path = None
        scene_id = _chosen_scene(args, settings, catalog)
        _check_models(catalog[scene_id].all_model_files)  # refuse a broken model before a window opens

    size = screen_size(args.size) if args.size else (settings.graphics.width, settings.graphics.height)
    frames = args.frames if args.frames is not None else (1 if args.offscreen else None)

    from .core.clock import system_clock
    from .services.connection import CityConnection
    from .world.app import MetaverseApp, RunOptions
    clock = system_clock  # the one "now" of the app and its embedded server
    # Offscreen runs (screenshots, tests, benchmarks) use no city services; a visitor's session does.
    city = CityConnection(settings.api, clock=clock) if frames is None else None
    options = RunOptions(scene_id=scene_id, model_path=model_path, offscreen=args.offscreen, size=size,
                         frames=frames, screenshot=Path(args.screenshot) if args.screenshot else None,
                         stats_file=Path(args.stats) if args.stats else None, process_start=process_start)
    app = MetaverseApp(settings, options, catalog, city, clock, headset=_headset(settings, args))
    try:
        if model_path is not None:
            app.open_model(model_path)
        else:
            app.open_scene(scene_id)
        if frames is not None:
            app.run_offscreen(frames)
        else:
            app.run_interactive()
    finally:
        if city is not None:
            city.stop()
    return 0


def _headset(settings, args):
    """The headset session to render to, or None: the desktop. Without a headset, `graphics.vr: true`
    says so in one line and goes on; `required` is an error (exit status 2)."""
    wanted = settings.graphics.vr
    if not wanted or args.model:
        return None
    from .world.headset_app import say
    from .xr.connect import connect
    from .xr.session import HeadsetSession
    from .xr.types import XrUnavailable
    try:
        return HeadsetSession(connect(offscreen=args.offscreen))
    except XrUnavailable as exc:
        if wanted == "required":
            raise InputError("--vr" if args.vr else "graphics.vr", f"no headset: {exc}")
        say(f"no headset ({exc}); showing the desktop instead")
        return None


def main(argv=None):
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line for the user, the details in a log file
        log = user_data_dir() / "crash.log"
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(traceback.format_exc())
            where = f" (details in {log})"
        except OSError:
            where = ""
        print(f"error: internal error: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return 1
