"""Settings changed while the app runs: applied to the running Settings and kept in the user's own file.

The user's file holds only what differs from the defaults (config/default.yaml): a setting changed
back to its default is taken out of it, and settings it holds that the app did not change are kept.
What came from --config or the command line is never written there: only what the resident changed.
The file is replaced atomically, so a crash mid-write never leaves half a settings file.

    store = UserSettingsFile(path, defaults=load_settings(DEFAULT_CONFIG))
    store.change(settings, "accessibility.text_scale", 1.5)   # settings updated, the file written
"""

import copy
import dataclasses
import os
import tempfile
from pathlib import Path

import yaml

from .errors import InputError
from .settings import read_layer


def get_path(settings, path):
    """The value at a dotted path ("controls.keys.forward") of a Settings object."""
    value = settings
    for name in path.split("."):
        value = getattr(value, name)
    return value


def set_path(settings, path, value):
    """Set the value at a dotted path of a Settings object (the settings' own fields, checked)."""
    *parents, name = path.split(".")
    owner = get_path(settings, ".".join(parents)) if parents else settings
    if name not in {f.name for f in dataclasses.fields(owner)}:
        raise KeyError(f"no setting {path!r}")
    setattr(owner, name, copy.deepcopy(value))


def _plain(value):
    """A settings value as plain YAML data (dataclasses become mappings)."""
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else copy.deepcopy(value)


class UserSettingsFile:
    def __init__(self, path, defaults):
        """`defaults`: Settings as config/default.yaml gives them; the file's own layer is read now."""
        self.path = Path(path)
        self.defaults = defaults
        self.layer = read_layer(self.path) if self.path.exists() else {}

    def change(self, settings, path, value):
        """Set `path` to `value` in the running settings and in the user's file, then save it."""
        set_path(settings, path, value)
        self._put(path, _plain(value), _plain(get_path(self.defaults, path)))
        self.save()

    def _put(self, path, value, default):
        *parents, name = path.split(".")
        chain = [self.layer]
        for parent in parents:
            chain.append(chain[-1].setdefault(parent, {}))
        if value == default:
            chain[-1].pop(name, None)
            for mapping, parent in zip(reversed(chain[:-1]), reversed(parents)):
                if not mapping[parent]:
                    del mapping[parent]  # no empty sections left behind
        else:
            chain[-1][name] = value

    def save(self):
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            text = yaml.safe_dump(self.layer, allow_unicode=True, sort_keys=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".yaml")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write("# Your own settings, written by Metaverse Seoul: only what differs from the defaults.\n")
                out.write(text if self.layer else "")
            os.replace(tmp, self.path)
        except OSError as exc:
            raise InputError(self.path, f"could not save the settings: {exc.strerror or exc}") from exc
