#!/usr/bin/env bash
# Run a command of this project where Monado's OpenXR runtime can run (scripts/vr_test.sh says why):
#
#   bash scripts/in_monado_root.sh python -m pytest tests/xr_runtime
#
# On Debian 13 or later: Monado's packages are installed and the command runs here with the .venv's
# python first on PATH. On Debian 12: in the cached Debian 13 root (scripts/monado_root.sh) with this
# project at /opt/project, inside private mount, process and network namespaces, so the mounts, any
# service and any X server it starts all vanish with the command, and none of it meets another run's
# displays or sockets. The command's own environment: METAVERSE_MONADO=1, HOME in a private /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
MONADO_PACKAGES=(monado-service libopenxr1-monado libopenxr-loader1 libgl1-mesa-dri libglx-mesa0 libegl1
                 mesa-vulkan-drivers)

debian_major() {
    ( . /etc/os-release 2>/dev/null && [ "${ID:-}" = debian ] && echo "${VERSION_ID:-0}" ) || echo 0
}

if [ "$(debian_major)" -ge 13 ]; then
    missing=()
    for pkg in "${MONADO_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    PATH="$PWD/.venv/bin:$PATH" exec env METAVERSE_MONADO=1 "$@"
fi

ROOT=$(bash scripts/monado_root.sh)
exec $SUDO unshare --mount --pid --net --fork --propagation private sh -euc '
    root=$1; project=$2; shift 2
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount --rbind /sys "$root/sys"
    mount -t tmpfs tmpfs "$root/tmp"
    mkdir -p "$root/opt/project" "$root/tmp/home"
    mount --bind "$project" "$root/opt/project"
    cd "$root/opt/project"
    exec chroot "$root" env -i PATH=/opt/venv/bin:/usr/bin:/bin HOME=/tmp/home LANG=C.UTF-8 \
        PYTHONDONTWRITEBYTECODE=1 METAVERSE_MONADO=1 sh -c "cd /opt/project && exec \"\$@\"" sh "$@"
' sh "$ROOT" "$PWD" "$@"
