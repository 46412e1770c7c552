"""Command line: parse arguments, build settings, check the inputs, run the app (DESIGN.md §3)."""

import argparse
import sys
import traceback
from pathlib import Path

from .core.errors import InputError
from .core.i18n import LANGUAGES, pick
from .core.manifest import list_manifests
from .core.settings import load_settings, screen_size
from .paths import DEFAULT_CONFIG, scene_assets_dir, scenes_dir, user_data_dir, user_settings_file

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise InputError("arguments", message)


def build_parser():
    parser = _Parser(prog="main.py", description="Metaverse Seoul: visit Seoul's places and use city services.")
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
    return parser


def _overrides(args):
    out = {}
    if args.lang:
        out["language"] = args.lang
    if args.api_url:
        out["api"] = {"url": args.api_url}
    return out


def _check_args(args):
    if args.frames is not None and args.frames < 1:
        raise InputError("--frames", f"expected a positive number of frames, got {args.frames}")
    if args.scene and args.model:
        raise InputError("arguments", "--scene and --model cannot be used together")
    if args.screenshot and not args.screenshot.lower().endswith(".png"):
        raise InputError("--screenshot", f"expected a .png file name, got {args.screenshot!r}")
    if args.stats and not args.stats.lower().endswith(".json"):
        raise InputError("--stats", f"expected a .json file name, got {args.stats!r}")


def run(argv):
    from .world.stats import process_start_time
    process_start = process_start_time()
    args = build_parser().parse_args(argv)
    _check_args(args)
    config_files = [user_settings_file()]
    if args.config:
        config_file = Path(args.config)
        if not config_file.is_file():
            raise InputError(config_file, "file not found")
        config_files.append(config_file)
    settings = load_settings(DEFAULT_CONFIG, config_files, _overrides(args))
    catalog = {m.id: m for m in list_manifests(scenes_dir(), scene_assets_dir())}

    if args.list_scenes:
        for scene_id, manifest in catalog.items():
            print(f"{scene_id}\t{pick(manifest.title, settings.language)}")
        return 0

    from .core.gltf_check import check_gltf
    if args.model:
        model_path = Path(args.model)
        check_gltf(model_path)
        scene_id = None
    else:
        model_path = None
        scene_id = args.scene or settings.home_scene
        if scene_id not in catalog:
            known = ", ".join(catalog) or "none"
            source = "--scene" if args.scene else "home_scene"
            raise InputError(source, f"no scene {scene_id!r} (scenes: {known})")
        for path in catalog[scene_id].model_files:
            check_gltf(path)  # refuse a broken model before a window opens

    size = screen_size(args.size) if args.size else (settings.graphics.width, settings.graphics.height)
    frames = args.frames if args.frames is not None else (1 if args.offscreen else None)

    from .services.connection import CityConnection
    from .world.app import MetaverseApp, RunOptions
    # Offscreen runs (screenshots, tests, benchmarks) use no city services; a visitor's session does.
    city = CityConnection(settings.api) if frames is None else None
    options = RunOptions(scene_id=scene_id, model_path=model_path, offscreen=args.offscreen, size=size,
                         frames=frames, screenshot=Path(args.screenshot) if args.screenshot else None,
                         stats_file=Path(args.stats) if args.stats else None, process_start=process_start)
    app = MetaverseApp(settings, options, catalog, city)
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
