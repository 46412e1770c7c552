"""Models made right for Panda3D's fixed-function lighting, used when graphics.pbr is off.

simplepbr lights in linear RGB and encodes to sRGB at the end; fixed-function lighting has no such
last step, so without PBR colours are put in sRGB before drawing (the lights too, in LightingRig):
- base colour textures are sampled as stored, not decoded to linear by the GPU;
- base and vertex colours (glTF's and the app's props) are linear: encoded. Emission is not: it is
  added to a lit colour, where the sRGB curve rises about as fast as linear (encoded, it glared);
- GL takes a Material's diffuse colour *instead of* the vertex colours, and panda3d-gltf gives
  every primitive a Material, so glTF COLOR_0 (tree crowns, painted parts) came out white: with
  vertex colours the Material has no ambient or diffuse, and its base colour goes into the vertices;
- there is no emission map: an emissive texture is added to the lit colour instead (its factor,
  usually 1, dropped) and the Material's emission cleared, or that alone lit the whole surface.
"""

import numpy as np
from panda3d.core import GeomEnums, Material, MaterialAttrib, Texture, TextureAttrib, TextureStage

from ..core.lighting import linear_to_srgb

_SRGB_FORMATS = {Texture.F_srgb: Texture.F_rgb, Texture.F_srgb_alpha: Texture.F_rgba,
                 Texture.F_sluminance: Texture.F_luminance,
                 Texture.F_sluminance_alpha: Texture.F_luminance_alpha}
_COLUMN_TYPES = {GeomEnums.NT_uint8: (np.uint8, 255), GeomEnums.NT_packed_dabc: (np.uint8, 255),
                 GeomEnums.NT_uint16: (np.uint16, 65535), GeomEnums.NT_float32: (np.float32, None),
                 GeomEnums.NT_float64: (np.float64, None)}
_LINEAR = np.linspace(0.0, 1.0, 4097)
_ENCODED = np.array([linear_to_srgb(v) for v in _LINEAR])


def prepare_for_fixed_function(root):
    """Convert the materials, vertex colours and textures under `root` in place (once per model)."""
    for texture in root.findAllTextures():
        if texture.getFormat() in _SRGB_FORMATS:
            texture.setFormat(_SRGB_FORMATS[texture.getFormat()])
    materials, stages = {}, {}
    for path in root.findAllMatches("**/+GeomNode"):
        node, above = path.node(), path.getNetState()
        for i in range(node.getNumGeoms()):
            state = node.getGeomState(i)
            effective = above.compose(state)
            attrib = effective.getAttrib(MaterialAttrib)
            material = attrib.getMaterial() if attrib is not None and not attrib.isOff() else None
            if material is not None and not material.hasBaseColor():
                continue  # a classic (non-PBR) material: already what fixed-function lighting expects
            vertex_colours = node.getGeom(i).getVertexData().hasColumn("color")
            if vertex_colours:
                base = tuple(material.getBaseColor()) if material is not None else (1, 1, 1, 1)
                _encode_vertex_colours(node.modifyGeom(i).modifyVertexData(), base)
            textures = _emission_added(effective.getAttrib(TextureAttrib), stages)
            if textures is not None:
                state = state.setAttrib(textures)
            if material is not None:
                key = (material, vertex_colours, textures is not None)
                if key not in materials:
                    materials[key] = MaterialAttrib.make(_fixed_function_material(material, *key[1:]))
                state = state.setAttrib(materials[key])
            node.setGeomState(i, state)


def _emission_added(textures, stages):
    """`textures` with its emission maps turned into added textures; None if it has none.
    `stages`: the additive copy of each emission stage, shared between calls."""
    emissive = [s for s in textures.getOnStages() if s.getMode() == TextureStage.M_emission] if textures else []
    for stage in emissive:
        if stage not in stages:
            stages[stage] = TextureStage(stage)
            stages[stage].setMode(TextureStage.M_add)
        textures = textures.removeOnStage(stage).addOnStage(stages[stage], textures.getOnTexture(stage))
    return textures if emissive else None


def _fixed_function_material(pbr, vertex_colours, emission_map):
    """simplepbr lights a surface's ambient with its whole base colour but the direct light only
    with its non-metal part; a metal's own colour shows in its (linear, faint) specular highlight."""
    base, metallic = pbr.getBaseColor(), pbr.getMetallic()
    material = Material(pbr.getName())
    if not vertex_colours:  # otherwise GL takes ambient and diffuse from the vertex colours
        material.setAmbient((*linear_to_srgb(base.xyz), base.w))
        material.setDiffuse((*linear_to_srgb(base.xyz * (1 - metallic)), base.w))
    if not emission_map:
        material.setEmission(pbr.getEmission())
    material.setSpecular(pbr.getSpecular())
    material.setShininess(pbr.getShininess())
    material.setTwoside(pbr.getTwoside())
    return material


def _encode_vertex_colours(data, base):
    """Vertex colours times the material's base colour (as glTF draws them), encoded to sRGB."""
    fmt = data.getFormat()
    column = fmt.getColumn("color")
    if column.getNumericType() not in _COLUMN_TYPES or column.getNumComponents() < 3:
        return  # a layout no glTF loader writes: left as it is
    dtype, scale = _COLUMN_TYPES[column.getNumericType()]
    index = fmt.getArrayWith("color")
    buffer = memoryview(data.modifyArray(index)).cast("B")
    colours = np.ndarray((data.getNumRows(), column.getNumComponents()), dtype, buffer, column.getStart(),
                         (fmt.getArray(index).getStride(), np.dtype(dtype).itemsize))
    # packed_dabc is a little-endian ARGB word: its bytes are B, G, R, A
    order = [2, 1, 0] if column.getNumericType() == GeomEnums.NT_packed_dabc else [0, 1, 2]
    linear = colours[:, order] / (scale or 1.0) * np.asarray(base[:3])
    encoded = np.interp(np.clip(linear, 0.0, 1.0), _LINEAR, _ENCODED)
    colours[:, order] = np.rint(encoded * scale) if scale else encoded
    if column.getNumComponents() == 4 and base[3] != 1:
        alpha = colours[:, 3] * base[3]
        colours[:, 3] = np.rint(alpha) if scale else alpha
