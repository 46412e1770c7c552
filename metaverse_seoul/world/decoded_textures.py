"""KTX2 and WebP images, decoded in core/gltf/texture_decode.py, put into the converted model's textures.

panda3d-gltf loaded a 1x1 placeholder named `decoded-image-N` for each; the texture object keeps its
sampler settings and sRGB choice, and takes the decoded pixels (or DXT blocks) in place.
"""

from panda3d.core import Texture

import sys

from ..core.gltf.errors import DecodeError
from ..core.gltf.texture_decode import decode_image

PLACEHOLDER_PREFIX = "decoded-image-"
COMPRESSION = {"bc1": Texture.CM_dxt1, "bc3": Texture.CM_dxt5}
SRGB_FORMATS = {Texture.F_srgb, Texture.F_srgb_alpha}


def block_formats(gsg) -> tuple[str, ...]:
    """The DXT formats `gsg` keeps compressed (empty when it has none, or with no GSG)."""
    if gsg is None or not gsg.getSupportsCompressedTexture():
        return ()
    return tuple(name for name, mode in COMPRESSION.items() if gsg.getSupportsCompressedTextureFormat(mode))


def _fill(texture: Texture, image) -> None:
    srgb = texture.getFormat() in SRGB_FORMATS
    if image.format == "rgba8":
        texture.setup2dTexture(image.width, image.height, Texture.T_unsigned_byte, Texture.F_rgba8)
        texture.setRamImage(image.levels[0])
    else:
        texture.setup2dTexture(image.width, image.height, Texture.T_unsigned_byte,
                               Texture.F_rgba if image.has_alpha else Texture.F_rgb)
        texture.setRamImage(image.levels[0], COMPRESSION[image.format])
        for level, data in enumerate(image.levels[1:], start=1):
            texture.setRamMipmapImage(level, data)
    if srgb:
        texture.setFormat(Texture.F_srgb_alpha if image.has_alpha or image.format == "rgba8" else Texture.F_srgb)


def fill_decoded_textures(root, encoded: dict, block_formats: tuple[str, ...] = ()) -> int:
    """Decode each image of `encoded` ({image index: (format, bytes)}) into its placeholder texture."""
    filled = 0
    for texture in root.findAllTextures():
        name = texture.getName()
        if not name.startswith(PLACEHOLDER_PREFIX):
            continue
        index = int(name[len(PLACEHOLDER_PREFIX):])
        if index not in encoded:
            continue
        try:
            _fill(texture, decode_image(*encoded[index], compressed=block_formats))
            filled += 1
        except DecodeError as exc:  # like any image that cannot be drawn: left out, not refused
            print(f"warning: images[{index}]: {exc}; it is left out", file=sys.stderr)
    return filled
