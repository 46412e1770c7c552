"""The error a decoder raises for data it cannot decode: the converter reports it as one line."""


class DecodeError(ValueError):
    """Compressed or encoded data that does not decode; the message says where and why."""
