"""Turn plain YAML data into typed dataclasses, refusing anything unexpected with a precise message.

Settings and scene manifests are both described as dataclasses; this module is the one place that
checks a parsed document against such a description. Field metadata adds the rules types cannot say:

    speed: float = field(default=1.4, metadata=rule(min=0.1, max=10))
    kind: str = field(default="complaint", metadata=rule(choices=KIOSK_KINDS))

Errors are InputError(file, "key.path: what was expected").
"""

import dataclasses
import math
import types
import typing

from .errors import InputError


def rule(min=None, max=None, choices=None, length=None, check=None):
    """Field metadata: numeric bounds, allowed values, fixed list length, or a custom check.

    `check(value)` returns an error text, or None when the value is fine.
    """
    return {"min": min, "max": max, "choices": choices, "length": length, "check": check}


def describe(value):
    """A short description of a YAML value for an error message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class _Context:
    def __init__(self, source):
        self.source = source

    def fail(self, key, message):
        raise InputError(self.source, f"{key}: {message}" if key else message)


def _join(key, part):
    if isinstance(part, int):
        return f"{key}[{part}]"
    return f"{key}.{part}" if key else str(part)


def _convert(ctx, key, tp, value, meta):
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)

    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _convert(ctx, key, inner[0], value, meta)

    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            ctx.fail(key, f"expected a mapping, got {describe(value)}")
        return _build(ctx, tp, value, key)

    if origin in (list, tuple):
        if not isinstance(value, list):
            ctx.fail(key, f"expected a list, got {describe(value)}")
        length = meta.get("length") if meta else None
        if length is not None and len(value) != length:
            ctx.fail(key, f"expected a list of {length}, got {len(value)}")
        item_type = args[0] if args else typing.Any
        items = [_convert(ctx, _join(key, i), item_type, v, None) for i, v in enumerate(value)]
        return tuple(items) if origin is tuple else items

    if origin is dict:
        if not isinstance(value, dict):
            ctx.fail(key, f"expected a mapping, got {describe(value)}")
        key_type, value_type = args
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                ctx.fail(key, f"keys must be text, got {describe(k)}")
            out[k] = _convert(ctx, _join(key, k), value_type, v, None)
        return out

    if tp is bool:
        if not isinstance(value, bool):
            ctx.fail(key, f"expected true or false, got {describe(value)}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.fail(key, f"expected a whole number, got {describe(value)}")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ctx.fail(key, f"expected a number, got {describe(value)}")
        if not math.isfinite(value):
            ctx.fail(key, f"expected a finite number, got {describe(value)}")
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            ctx.fail(key, f"expected text, got {describe(value)}")
        return value
    if tp is typing.Any:
        return value
    raise TypeError(f"schema: unsupported field type {tp!r} at {key}")


def _check_rules(ctx, key, value, meta):
    if not meta or value is None:
        return
    low, high, choices, check = meta.get("min"), meta.get("max"), meta.get("choices"), meta.get("check")
    if choices is not None and value not in choices:
        ctx.fail(key, f"expected one of {', '.join(map(str, choices))}, got {describe(value)}")
    if low is not None and value < low or high is not None and value > high:
        bounds = f"between {low} and {high}" if low is not None and high is not None else (
            f"at least {low}" if low is not None else f"at most {high}")
        ctx.fail(key, f"expected a value {bounds}, got {describe(value)}")
    if check is not None:
        problem = check(value)
        if problem:
            ctx.fail(key, problem)


def _build(ctx, cls, data, prefix=""):
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    hints = typing.get_type_hints(cls)
    for name in data:
        if name not in fields:
            known = ", ".join(sorted(fields))
            ctx.fail(_join(prefix, name), f"unknown key (known keys: {known})")
    kwargs = {}
    for name, f in fields.items():
        key = _join(prefix, name)
        if name not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                ctx.fail(key, "is required")
            continue
        value = _convert(ctx, key, hints[name], data[name], f.metadata)
        _check_rules(ctx, key, value, f.metadata)
        kwargs[name] = value
    return cls(**kwargs)


def build(cls, data, source):
    """Build dataclass `cls` from parsed YAML `data`; errors name `source` (a file or flag)."""
    ctx = _Context(source)
    if not isinstance(data, dict):
        ctx.fail("", f"expected a mapping at the top level, got {describe(data)}")
    return _build(ctx, cls, data)


def check_partial(cls, data, source, prefix=""):
    """Validate a partial document (a settings layer) against `cls` without requiring any key."""
    ctx = _Context(source)
    if not isinstance(data, dict):
        ctx.fail(prefix, f"expected a mapping, got {describe(data)}")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    hints = typing.get_type_hints(cls)
    for name, value in data.items():
        key = _join(prefix, name)
        if name not in fields:
            ctx.fail(key, f"unknown key (known keys: {', '.join(sorted(fields))})")
        tp = hints[name]
        if dataclasses.is_dataclass(tp):
            check_partial(tp, value, source, key)
        else:
            converted = _convert(ctx, key, tp, value, fields[name].metadata)
            _check_rules(ctx, key, converted, fields[name].metadata)
