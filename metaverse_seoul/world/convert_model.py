"""Convert one glTF file to a Panda3D .bam, in a process of its own.

    python -m metaverse_seoul.world.convert_model SOURCE.gltf TARGET.bam

The app runs this as a child process while it keeps drawing the loading screen: panda3d-gltf builds
engine objects from Python, and doing that on a thread beside the renderer crashes Panda3D now and
then (seen on Mesa llvmpipe: segfaults and hangs in about one load in five). A separate process
shares nothing with the renderer. Exit status 2 with one `error:` line when the file is refused.
"""

import os
import sys
import tempfile
from pathlib import Path


def convert(source, target):
    from panda3d.core import Filename, loadPrcFileData

    # Textures go inside the .bam: the cache must not depend on the source folder staying put.
    loadPrcFileData("convert-model", "bam-texture-mode rawdata\nnotify-level warning\n"
                    "audio-library-name null\nwindow-type none")
    import gltf
    from panda3d.core import NodePath

    root = NodePath(gltf.load_model(str(source), gltf.GltfSettings()))
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".bam.tmp", dir=target.parent)
    os.close(fd)
    try:
        if not root.writeBamFile(Filename.fromOsSpecific(tmp)):
            raise OSError(f"could not write {target}")
        os.replace(tmp, target)  # never a half-written cache file
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def main(argv):
    if len(argv) != 2:
        print("error: usage: convert_model SOURCE TARGET.bam", file=sys.stderr)
        return 2
    try:
        convert(Path(argv[0]), Path(argv[1]))
    except Exception as exc:  # the converter's errors are many and untyped; the file is at fault
        message = f"{type(exc).__name__}: {exc}".splitlines()[0]
        print(f"error: {argv[0]}: could not be converted: {message}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
