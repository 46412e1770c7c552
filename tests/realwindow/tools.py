"""The programs the real-window tests drive, and the Debian package each comes from.

CI machines are bare: scripts/bootstrap.sh installs these, and a missing one fails the tests with
this message instead of skipping them (a skipped proof is no proof)."""

import shutil
from pathlib import Path

PACKAGES = {
    "Xvfb": "xvfb",
    "xdotool": "xdotool",
    "xmodmap": "x11-xserver-utils",
    "xset": "x11-xserver-utils",
    "import": "imagemagick",
    "dbus-daemon": "dbus-daemon",
    "gsettings": "libglib2.0-bin",
    "ibus-daemon": "ibus",
    "ibus": "ibus",
}
FILES = {"/usr/share/ibus/component/hangul.xml": "ibus-hangul"}
X_TOOLS = ("Xvfb", "xdotool", "xmodmap", "xset", "import")
IME_TOOLS = ("dbus-daemon", "gsettings", "ibus-daemon", "ibus")


class MissingTools(RuntimeError):
    pass


def require(*programs, files=()):
    """Raise MissingTools naming the packages to install when a program or file is not here."""
    missing = {PACKAGES[name] for name in programs if shutil.which(name) is None}
    missing |= {FILES[path] for path in files if not Path(path).exists()}
    if missing:
        names = " ".join(sorted(missing))
        raise MissingTools(f"real-window tests need the Debian packages: {names} "
                           f"(make test installs them through scripts/bootstrap.sh; or apt-get install {names})")
