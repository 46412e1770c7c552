#!/bin/sh
# Uninstall Metaverse Seoul from your own folders (what install.sh put there).
#
#   sh uninstall.sh [--prefix DIR] [--purge]
#
# --prefix: the folder given to install.sh (default ~/.local). Your settings, your bookings and
# complaints not yet sent, and the app's log stay, unless you add --purge.
set -eu

PREFIX="$HOME/.local"
PURGE=0
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "error: --prefix needs a folder" >&2; exit 2; }; PREFIX="$2"; shift 2 ;;
        --purge) PURGE=1; shift ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "error: unknown argument: $1 (see sh uninstall.sh --help)" >&2; exit 2 ;;
    esac
done

APP_DIR="$PREFIX/lib/metaverse-seoul"
BIN="$PREFIX/bin/metaverse-seoul"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
CONFIG_HOME="${XDG_CONFIG_HOME:-$HOME/.config}"
CACHE_HOME="${XDG_CACHE_HOME:-$HOME/.cache}"

if [ -d "$APP_DIR" ] && [ ! -e "$APP_DIR/.installed-by-metaverse-seoul" ]; then
    echo "error: $APP_DIR was not installed by install.sh; not touching it" >&2; exit 2
fi
rm -rf "$APP_DIR"
# The command is removed only when it is the launcher install.sh wrote.
if grep -q "Metaverse Seoul launcher, written by install.sh" "$BIN" 2>/dev/null; then rm -f "$BIN"; fi
rm -f "$DATA_HOME/applications/metaverse-seoul.desktop"
rm -f "$DATA_HOME"/icons/hicolor/*/apps/metaverse-seoul.png
# xdg-mime wrote this line when installing; other handlers in the file are left as they are.
if [ -f "$CONFIG_HOME/mimeapps.list" ]; then
    sed -i '/^x-scheme-handler\/metaverse-seoul=metaverse-seoul\.desktop;\{0,1\}$/d' "$CONFIG_HOME/mimeapps.list"
fi
if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$DATA_HOME/applications" ]; then
    update-desktop-database -q "$DATA_HOME/applications" || true
fi
if [ "$PURGE" = 1 ]; then
    rm -rf "$DATA_HOME/metaverse-seoul" "$CONFIG_HOME/metaverse-seoul" "$CACHE_HOME/metaverse-seoul"
    echo "Uninstalled Metaverse Seoul, with your settings and data"
else
    echo "Uninstalled Metaverse Seoul; your settings and data stay in $DATA_HOME/metaverse-seoul" \
         "and $CONFIG_HOME/metaverse-seoul (sh uninstall.sh --purge removes them)"
fi
