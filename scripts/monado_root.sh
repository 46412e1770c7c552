#!/usr/bin/env bash
# A Debian 13 root with Monado (an OpenXR runtime with a simulated headset) and the app's Python
# packages, for the real-runtime tests on a Debian 12 host: Monado's client library needs Debian 13's
# glibc (2.38) and libstdc++, so the runtime, the app and its tests all run inside this root.
#
# Built once with debootstrap from the Debian mirror apt already uses, then reused: the root lives in
# the cache folder under a key made of what goes into it (suite, packages, the app's requirements and
# ROOT_FORMAT, raised when the build steps change), so a change builds a fresh root and an unchanged
# one is found again. Prints the root's path. Needs root (or sudo).
#
#   bash scripts/monado_root.sh            # -> ~/.cache/metaverse-seoul/monado-root/<key>
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${METAVERSE_MONADO_ROOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/metaverse-seoul/monado-root}"
SUITE=trixie
ROOT_FORMAT=1
APT_IN_ROOT=(monado-service libopenxr1-monado libopenxr-loader1 libgl1-mesa-dri libglx-mesa0 libegl1
             mesa-vulkan-drivers xvfb xauth)
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

# The app's requirements as setup.cfg lists them, plus the test runner and hypothesis; not meshoptimizer, which PyPI
# has only as source (a compiler and Python's headers in the root for it): the app runs without it
# (no generated levels of detail, which the headset tests do not look at).
requirements() {
    python3 - <<'EOF'
import configparser
cfg = configparser.ConfigParser()
cfg.read("setup.cfg")
for line in cfg["options"]["install_requires"].splitlines():
    line = line.split("#")[0].strip()
    if line and not line.startswith("meshoptimizer"):
        print(line)
for line in cfg["options.extras_require"]["dev"].splitlines():
    if line.strip().startswith(("pytest", "hypothesis")):  # tests/conftest.py imports hypothesis
        print(line.strip())
EOF
}

# The mirror of the host's own apt sources (deb822 or one-line format), else Debian's default.
host_mirror() {
    local uri
    uri=$(grep -hE '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1 |
          awk '{print $2}') || true
    [ -n "$uri" ] || uri=$(grep -hE '^\s*deb\s' /etc/apt/sources.list 2>/dev/null | grep -v security |
                           head -1 | awk '{print $2}') || true
    echo "${uri:-http://deb.debian.org/debian}"
}

REQS=$(requirements)
KEY=$(echo "$SUITE ${APT_IN_ROOT[*]} $ROOT_FORMAT $REQS" | sha256sum | cut -c1-16)
ROOT="$CACHE/$KEY"
if [ -f "$ROOT/.complete" ]; then
    echo "$ROOT"
    exit 0
fi

build() {
    local partial="$ROOT.partial"
    $SUDO rm -rf "$partial"
    command -v debootstrap >/dev/null || {
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
    }
    echo "monado root: debootstrap $SUITE from $(host_mirror) (a few minutes, once)" >&2
    $SUDO debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
        "$SUITE" "$partial" "$(host_mirror)" >&2
    # Without the host's CA bundle pip in the root refuses the certificates of a proxied network.
    $SUDO cp /etc/ssl/certs/ca-certificates.crt "$partial/etc/ssl/certs/ca-certificates.crt"
    $SUDO cp /etc/resolv.conf "$partial/etc/resolv.conf"
    echo "$REQS" | $SUDO tee "$partial/opt/requirements.txt" >/dev/null
    # Mounts in a private namespace: they vanish with it, even if this build is interrupted.
    $SUDO unshare --mount --propagation private --fork sh -euc '
        mount -t proc proc "$1/proc"; mount --bind /dev "$1/dev"
        chroot "$1" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root DEBIAN_FRONTEND=noninteractive \
            sh -euc "apt-get update -qq && apt-get install -y -qq --no-install-recommends $2 && apt-get clean"
        chroot "$1" env -i PATH=/usr/bin:/bin HOME=/root sh -euc \
            "python3 -m venv /opt/venv && /opt/venv/bin/pip install -q --no-cache-dir -r /opt/requirements.txt"
    ' sh "$partial" "${APT_IN_ROOT[*]}" >&2
    $SUDO touch "$partial/.complete"
    $SUDO mv "$partial" "$ROOT"
    # Roots built for older requirements are 1.6 GB each and nothing uses them any more.
    find "$CACHE" -mindepth 1 -maxdepth 1 -type d ! -name "$KEY" -exec $SUDO rm -rf {} +
}

mkdir -p "$CACHE"
# One build at a time: a second run waits for the first and then finds its root.
exec 9>"$CACHE/.lock"
flock 9
[ -f "$ROOT/.complete" ] || build
echo "$ROOT"
