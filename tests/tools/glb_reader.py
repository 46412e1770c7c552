"""Read back the GLBs the builders write (JSON chunk and typed accessor arrays), for the tests."""

import json
import struct

import numpy as np

_DTYPES = {5126: np.float32, 5125: np.uint32, 5123: np.uint16, 5121: np.uint8}
_WIDTH = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4}


class Glb:
    def __init__(self, data):
        magic, version, total = struct.unpack_from("<III", data, 0)
        assert magic == 0x46546C67 and version == 2 and total == len(data)
        json_len, json_type = struct.unpack_from("<II", data, 12)
        assert json_type == 0x4E4F534A
        self.json = json.loads(data[20:20 + json_len].decode("utf-8"))
        offset = 20 + json_len
        self.bin = b""
        if offset < len(data):
            bin_len, bin_type = struct.unpack_from("<II", data, offset)
            assert bin_type == 0x004E4942
            self.bin = data[offset + 8:offset + 8 + bin_len]

    def accessor(self, index):
        acc = self.json["accessors"][index]
        view = self.json["bufferViews"][acc["bufferView"]]
        dtype = _DTYPES[acc["componentType"]]
        width = _WIDTH[acc["type"]]
        start = view["byteOffset"] + acc.get("byteOffset", 0)
        array = np.frombuffer(self.bin, dtype=dtype, count=acc["count"] * width, offset=start)
        return array.reshape(acc["count"], width) if width > 1 else array

    def node(self, name):
        return next(n for n in self.json["nodes"] if n["name"] == name)

    def primitives(self):
        for mesh in self.json.get("meshes", []):
            yield from mesh["primitives"]

    def triangle_count(self):
        return sum(self.json["accessors"][p["indices"]]["count"] // 3 for p in self.primitives())
