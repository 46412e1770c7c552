#!/usr/bin/env bash
# The real-runtime test (`make vr-test`, part of `make test`): the app renders to Monado's simulated
# headset (an OpenXR runtime; null compositor, no GPU needed) and tests/xr_runtime checks what reached it.
# On Debian 12 Monado's client library needs a newer glibc, so the runtime, the app and the tests run
# in a Debian 13 root built once and cached (scripts/in_monado_root.sh, scripts/monado_root.sh).
# The left eye's images and the runs' figures are left in .tmp/vr-test/.
# The packaged app goes in too (.tmp/vr-test/package): the package of these sources that `make test`
# built (tests/test_package.py), or a fresh build (tools/dist/build.py).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .tmp/vr-test && mkdir -p .tmp/vr-test/package
package=$(.venv/bin/python -m tools.dist.build --reuse | cut -d' ' -f1)
tar -xzf "$package" -C .tmp/vr-test/package --strip-components=1
exec bash scripts/in_monado_root.sh python -m pytest -q -p no:cacheprovider tests/xr_runtime
