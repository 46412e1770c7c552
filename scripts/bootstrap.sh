#!/usr/bin/env bash
# Set up everything `make run` and `make test` need on a fresh Debian machine:
# the system libraries (EGL for offscreen rendering, Xvfb, PostgreSQL for the server tests,
# Node.js for the glTF validator), what the real-window tests drive (keys and mouse through the X
# server, screenshots, a Korean input method on a private D-Bus session) and the Python virtual
# environment in .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

# xdg-utils and desktop-file-utils: the packaging test installs the app as a desktop would see it.
# g++: PyPI has only the source of meshoptimizer's binding, which pip compiles.
# binutils: the package build strips the SQLite module it ships, and its test reads it (readelf).
APT_PACKAGES=(libegl1 libgl1-mesa-dri libgl1 libglx-mesa0 xvfb xauth postgresql faketime espeak-ng
              xdg-utils desktop-file-utils g++ binutils)
# tests/realwindow: xdotool (keys, mouse), xmodmap and xset (x11-xserver-utils), import (imagemagick),
# ibus with ibus-hangul, and for them dbus-daemon, gsettings (libglib2.0-bin) and dconf.
APT_PACKAGES+=(xdotool x11-xserver-utils imagemagick ibus ibus-hangul dbus-daemon libglib2.0-bin
               dconf-gsettings-backend)
# Node.js (for the glTF validator) only when the machine has no npm of its own.
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "bootstrap: installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements.txt

if [ -f tools/package.json ]; then
    (cd tools && npm ci --silent --no-audit --no-fund)
fi
touch .venv/.bootstrapped
