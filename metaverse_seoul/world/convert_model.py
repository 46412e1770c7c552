"""Convert one glTF file to a Panda3D .bam, in a process of its own.

    python -m metaverse_seoul.world.convert_model SOURCE.gltf TARGET.bam [--blocks bc1,bc3]
    metaverse-seoul --convert-model SOURCE.gltf TARGET.bam ...     (the packaged app, which has no -m)

The app runs this as a child process while it keeps drawing the loading screen: panda3d-gltf builds
engine objects from Python, and doing that on a thread beside the renderer crashes Panda3D now and
then (seen on Mesa llvmpipe: segfaults and hangs in about one load in five). A separate process
shares nothing with the renderer.

The model is first made plain (core/gltf/plain.py: compressed geometry decoded, levels of detail
generated), so the .bam holds plain geometry and a warm start reads it as fast as any other.
`--blocks` names the DXT formats the app's GPU keeps compressed, for KTX2 textures.
Progress goes to stdout as `progress FRACTION` lines. Exit status 2 with one `error:` line when
the file is refused.
"""

import functools
import sys
from pathlib import Path

from ..core.atomic_file import replaced_atomically
from .build_progress import BuildProgress, expected_seconds, primitive_seconds, texture_seconds

CHILD_ARG = "--convert-model"  # the packaged app's own executable, started as the converter
PROGRESS_PREFIX = "progress "
# Of a conversion's bar: making the model plain (decoding, generated levels), then panda3d-gltf building
# its nodes (build_progress.py), then writing the .bam. A 500,000-triangle grid: 1.2, 4.2 and 0.1 s.
PLAIN_SHARE, BUILD_SHARE = 0.22, 0.76


def report(fraction):
    print(f"{PROGRESS_PREFIX}{fraction:.4f}", flush=True)


@functools.lru_cache(maxsize=None)
def _converter_class():
    from gltf._converter import Converter  # the loader's converter, fed our plain JSON

    class ReportingConverter(Converter):
        """panda3d-gltf's converter, each texture and primitive built as a step of `self.progress`."""
        progress = None

        def load_texture(self, texid, gltf_tex, gltf_data):
            with self.progress.step(texture_seconds(gltf_data, gltf_tex)):
                return super().load_texture(texid, gltf_tex, gltf_data)

        def load_primitive(self, geom_node, gltf_primitive, gltf_mesh, gltf_data):
            with self.progress.step(primitive_seconds(gltf_data, gltf_primitive)):
                return super().load_primitive(geom_node, gltf_primitive, gltf_mesh, gltf_data)

    return ReportingConverter


def build_node(plain, source, block_formats=(), progress=None):
    """A Panda3D node tree of a plain model: panda3d-gltf's converter, then our textures and levels.
    `progress`: a build_progress.BuildProgress the converter reports to (none by default)."""
    from gltf._converter import GltfSettings
    from panda3d.core import NodePath

    from .decoded_textures import fill_decoded_textures
    from .lod_groups import make_lod_nodes

    data = {**plain.gltf, "buffers": [{"uri": "_glb_bin", "_glb_bin": plain.data, "byteLength": len(plain.data)}]}
    converter = _converter_class()(str(source), GltfSettings())
    converter.progress = progress or BuildProgress(lambda fraction: None, 0.0, 1.0, expected_seconds(plain.gltf))
    converter.update(data)
    root = NodePath(converter.active_scene.node())
    fill_decoded_textures(root, plain.encoded_images, block_formats)
    make_lod_nodes(root)
    return root


def write_bam(root, target):
    from panda3d.core import Filename

    with replaced_atomically(target, suffix=".bam.tmp") as tmp:  # never a half-written cache file
        if not root.writeBamFile(Filename.fromOsSpecific(str(tmp))):
            raise OSError(f"could not write {target}")


def convert(source, target, block_formats=()):
    from panda3d.core import loadPrcFileData

    # Textures go inside the .bam: the cache must not depend on the source folder staying put.
    loadPrcFileData("convert-model", "bam-texture-mode rawdata\nnotify-level warning\n"
                    "audio-library-name null\nwindow-type none")
    from ..core.gltf.plain import plain_model

    plain = plain_model(source, progress=lambda fraction: report(PLAIN_SHARE * fraction))
    for warning in plain.warnings:
        print(f"warning: {source}: {warning}", file=sys.stderr)
    building = BuildProgress(report, PLAIN_SHARE, PLAIN_SHARE + BUILD_SHARE, expected_seconds(plain.gltf))
    root = build_node(plain, source, block_formats, building)
    report(PLAIN_SHARE + BUILD_SHARE)
    write_bam(root, target)
    report(1.0)


def main(argv):
    blocks = ()
    if len(argv) == 4 and argv[2] == "--blocks":
        blocks, argv = tuple(b for b in argv[3].split(",") if b), argv[:2]
    if len(argv) != 2:
        print("error: usage: convert_model SOURCE TARGET.bam [--blocks bc1,bc3]", file=sys.stderr)
        return 2
    from ..core.errors import InputError
    from ..core.gltf.errors import DecodeError

    try:
        convert(Path(argv[0]), Path(argv[1]), blocks)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DecodeError as exc:
        print(f"error: {argv[0]}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # the converter's errors are many and untyped; the file is at fault
        message = f"{type(exc).__name__}: {exc}".splitlines()[0]
        print(f"error: {argv[0]}: could not be converted: {message}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
