"""glTF 2.0 without the engine, in small single-purpose modules (the way panda3d-gltf splits its own):

- container: the JSON, a GLB's chunks, and the bytes behind buffer and image URIs (local files only);
- tables: the numbers of the format (component sizes, accessor shapes) and which extensions we handle;
- accessors: reading any accessor (strided, sparse, zero-filled, quantized) as a NumPy array;
- images: what an image's bytes are, and whether they can be drawn;
- check: the gate before the engine (refuses invalid files with one line);
- decoders (draco, meshopt), lod and plain: turning any valid model into plain geometry for the converter.
"""
