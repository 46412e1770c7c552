"""The numbers of the glTF 2.0 format, and which extensions this project reads."""

COMPONENT_SIZES = {5120: 1, 5121: 1, 5122: 2, 5123: 2, 5124: 4, 5125: 4, 5126: 4}
COMPONENT_DTYPES = {5120: "<i1", 5121: "<u1", 5122: "<i2", 5123: "<u2", 5124: "<i4", 5125: "<u4", 5126: "<f4"}
INDEX_DTYPES = {5121: "<u1", 5123: "<u2", 5125: "<u4"}
# (columns, rows): a vector is one column; matrix columns are padded to 4 bytes each.
TYPE_SHAPES = {"SCALAR": (1, 1), "VEC2": (1, 2), "VEC3": (1, 3), "VEC4": (1, 4),
               "MAT2": (2, 2), "MAT3": (3, 3), "MAT4": (4, 4)}
# Largest value of each integer type: a normalized integer is divided by it (KHR_mesh_quantization).
NORMALIZED_DIVISORS = {5120: 127.0, 5121: 255.0, 5122: 32767.0, 5123: 65535.0}

POINTS, LINES, LINE_LOOP, LINE_STRIP, TRIANGLES, TRIANGLE_STRIP, TRIANGLE_FAN = range(7)
VALID_MODES = range(7)
ANIMATION_PATH_TYPES = {"translation": "VEC3", "rotation": "VEC4", "scale": "VEC3", "weights": "SCALAR"}

DRACO = "KHR_draco_mesh_compression"
MESHOPT = "EXT_meshopt_compression"
MESHOPT_KHR = "KHR_meshopt_compression"  # the same codec, ratified under Khronos' prefix
QUANTIZATION = "KHR_mesh_quantization"
BASISU = "KHR_texture_basisu"
WEBP = "EXT_texture_webp"
TEXTURE_TRANSFORM = "KHR_texture_transform"
LIGHTS = "KHR_lights_punctual"
LOD = "MSFT_lod"

# Required extensions we decode, implement, or may safely ignore (the model still looks right).
SUPPORTED_REQUIRED_EXTENSIONS = frozenset({
    DRACO, MESHOPT, MESHOPT_KHR, QUANTIZATION, BASISU, WEBP, TEXTURE_TRANSFORM, LIGHTS, LOD,
    "KHR_materials_ior", "KHR_materials_unlit", "KHR_materials_emissive_strength",
})
# Texture extensions whose `source` names an image in a format of their own, best first.
TEXTURE_SOURCE_EXTENSIONS = (BASISU, WEBP)
MESHOPT_EXTENSIONS = (MESHOPT, MESHOPT_KHR)
