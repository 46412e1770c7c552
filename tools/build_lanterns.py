"""Build assets/models/lanterns.glb: one mesh per lantern kind (tools/lanterns.py) and the atlas of
their impostors (tools/lantern_sprites.py), for the app's instanced lantern field.

    python -m tools.build_lanterns [OUT_DIR]

Each kind is the node Lanterns/<kind> with exactly one primitive, so the app draws every lantern of a
kind with one instanced geom. The node LanternSprites carries the atlas on a quad; its extras name
the kinds in cell order ("sprite_cells") and the grid ("sprite_grid", columns x rows).
"""

import sys
from functools import lru_cache
from pathlib import Path

from .assembly import Assembly, Surface, builder_main
from .gltf_writer import Material, Texture
from .lantern_sprites import COLUMNS, ROWS, atlas
from .lanterns import KINDS
from .meshkit import quad
from .png import encode_png

MODEL_NAME = "lanterns"


@lru_cache(maxsize=None)
def paper():
    """Hanji lit from inside: the paint is in the vertex colours; a faint warm emission so the
    lanterns read as lit in a plain glTF viewer (the app's lantern shader does its own lighting)."""
    return Surface(Material("lantern_paper", roughness=0.9, emissive=(0.3, 0.24, 0.16), double_sided=True))


def sprite_surface(image):
    texture = Texture("lantern_sprites", encode_png(image))
    return Surface(Material("lantern_sprites", base_color_texture=texture, alpha_mode="BLEND",
                            emissive=(0.3, 0.24, 0.16), double_sided=True))


def build(out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    meshes = {name: make() for name, make in KINDS.items()}
    a = Assembly("Lanterns")
    for name, mesh in meshes.items():
        a.add(f"Lanterns/{name}", paper(), mesh)
    image, order = atlas(meshes)
    board = quad((0.0, 0.0, 0.0), (2.0, 0.0, 0.0), (2.0, 0.0, 1.0), (0.0, 0.0, 1.0))
    a.add("LanternSprites", sprite_surface(image), board.moved(0.0, -2.0, 0.0))
    a.set_extras("LanternSprites", {"sprite_cells": " ".join(order), "sprite_grid": f"{COLUMNS}x{ROWS}"})
    return a.write(out_dir / f"{MODEL_NAME}.glb", out_dir / f"{MODEL_NAME}.colliders.json",
                   extras={"title": "Hanji lanterns of the Seoul Lantern Festival, one mesh per kind",
                           "frame": "Y up, metres; each kind's origin = the middle of its foot",
                           "provenance": f"{MODEL_NAME}.json"})


def main(argv=None):
    return builder_main(MODEL_NAME, build, argv)


if __name__ == "__main__":
    sys.exit(main())
