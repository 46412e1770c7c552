"""Read YAML safely: no Python object tags, no aliases bombs, clear one-line errors."""

from pathlib import Path

import yaml

from .errors import InputError

MAX_YAML_BYTES = 2 * 1024 * 1024  # a manifest or settings file is a few KB; refuse anything absurd


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that also refuses duplicate keys (a silent override is lost data)."""


def _construct_mapping(loader, node, deep=False):
    mapping = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        try:
            mapping[key] = loader.construct_object(value_node, deep=deep)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, f"unusable key {key!r}", key_node.start_mark)
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path):
    """Parse a YAML file into plain data; raise InputError naming the file and the problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise InputError(path, f"file is {size} bytes; at most {MAX_YAML_BYTES} expected")
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError(path, "file not found")
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file")
    except PermissionError:
        raise InputError(path, "permission denied")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start})")
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        if "could not determine a constructor" in problem:
            tag = problem.rsplit(" ", 1)[-1].replace("tag:yaml.org,2002:", "!!")
            problem = f"tag {tag} is not allowed (plain YAML only)"
        raise InputError(path, f"{where}{problem}")
    except yaml.YAMLError as exc:
        raise InputError(path, f"invalid YAML: {str(exc).splitlines()[0]}")
    except RecursionError:
        raise InputError(path, "YAML nested too deeply")
