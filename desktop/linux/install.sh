#!/bin/sh
# Install Metaverse Seoul for you alone, with no root: run it from the unpacked folder.
#
#   sh install.sh [--prefix DIR]      (DIR defaults to ~/.local)
#
# It puts the app in DIR/lib/metaverse-seoul, the command DIR/bin/metaverse-seoul, a menu entry and
# icon in your data folder (~/.local/share), and registers metaverse-seoul:// links for the app.
# Installing again replaces the app; your settings, bookings and complaints stay where they are.
set -eu

PREFIX="$HOME/.local"
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "error: --prefix needs a folder" >&2; exit 2; }; PREFIX="$2"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "error: unknown argument: $1 (see sh install.sh --help)" >&2; exit 2 ;;
    esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
APP_DIR="$PREFIX/lib/metaverse-seoul"
BIN_DIR="$PREFIX/bin"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
MARKER=".installed-by-metaverse-seoul"
LAUNCHER_NOTE="Metaverse Seoul launcher, written by install.sh"

[ -x "$HERE/metaverse-seoul" ] || { echo "error: $HERE has no metaverse-seoul app: run install.sh from the unpacked folder" >&2; exit 2; }
case "$APP_DIR" in
    *[\"\`\$\\]*) echo "error: --prefix: a folder name with \", \`, \$ or \\ cannot go in a menu entry" >&2; exit 2 ;;
esac
[ "$HERE" != "$(cd "$APP_DIR" 2>/dev/null && pwd)" ] || { echo "error: this copy is already the installed one" >&2; exit 2; }
if [ -e "$BIN_DIR/metaverse-seoul" ] && ! grep -q "$LAUNCHER_NOTE" "$BIN_DIR/metaverse-seoul" 2>/dev/null; then
    echo "error: $BIN_DIR/metaverse-seoul exists and was not installed by this script; not touching it" >&2; exit 2
fi
if [ -e "$APP_DIR" ] && [ ! -e "$APP_DIR/$MARKER" ]; then
    echo "error: $APP_DIR exists and was not installed by this script; not touching it" >&2; exit 2
fi

# The new copy is complete before the old one goes: an interrupted install leaves a working app.
mkdir -p "$PREFIX/lib" "$BIN_DIR" "$DATA_HOME/applications"
rm -rf "$APP_DIR.new"
cp -R "$HERE" "$APP_DIR.new"
chmod +x "$APP_DIR.new/metaverse-seoul" "$APP_DIR.new/uninstall.sh"
touch "$APP_DIR.new/$MARKER"
rm -rf "$APP_DIR"
mv "$APP_DIR.new" "$APP_DIR"
# A small script, not a link: the frozen app finds its libraries beside the path it was started by.
printf '#!/bin/sh\n# %s\nexec "%s/metaverse-seoul" "$@"\n' "$LAUNCHER_NOTE" "$APP_DIR" > "$BIN_DIR/metaverse-seoul"
chmod +x "$BIN_DIR/metaverse-seoul"

sed "s|^Exec=metaverse-seoul |Exec=\"$APP_DIR/metaverse-seoul\" |" "$HERE/metaverse-seoul.desktop" \
    > "$DATA_HOME/applications/metaverse-seoul.desktop"
for icon in "$HERE"/assets/icons/metaverse-seoul-*.png; do
    size=${icon##*-}; size=${size%.png}
    mkdir -p "$DATA_HOME/icons/hicolor/${size}x${size}/apps"
    cp "$icon" "$DATA_HOME/icons/hicolor/${size}x${size}/apps/metaverse-seoul.png"
done

# Desktops find the entry and the link scheme through these caches; each tool is optional.
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DATA_HOME/applications" || true
fi
if command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default metaverse-seoul.desktop x-scheme-handler/metaverse-seoul || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA_HOME/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$DATA_HOME/icons/hicolor" || true
fi

echo "Installed Metaverse Seoul $("$APP_DIR/metaverse-seoul" --version | cut -d' ' -f2) in $APP_DIR"
case ":$PATH:" in
    *":$BIN_DIR:"*) echo "Start it from your menu, or with: metaverse-seoul" ;;
    *) echo "Start it from your menu, or with: $BIN_DIR/metaverse-seoul" ;;
esac
echo "To uninstall: sh $APP_DIR/uninstall.sh$( [ "$PREFIX" = "$HOME/.local" ] || echo " --prefix $PREFIX")"
