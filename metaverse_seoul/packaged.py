"""What a packaged app sets up before anything else runs (main.py calls prepare() first).

Panda3D's build_apps freezes every module into the executable, so a package's own files cannot be
found through importlib.resources any more. certifi finds its CA bundle that way (requests reads it
when imported, to verify a city's https:// endpoint): build_apps ships the bundle beside the
executable as cacert.pem, and certifi is pointed at it here. meshoptimizer, which has no wheel to
freeze, is shipped as files in modules/ (tools/dist/meshoptimizer_files.py): that folder goes on
sys.path. In a run from source this does nothing.
"""

import sys

from .paths import FROZEN, PROJECT_ROOT

CA_BUNDLE = PROJECT_ROOT / "cacert.pem"
MODULES = PROJECT_ROOT / "modules"


def prepare():
    if FROZEN:
        _use_shipped_ca_bundle()
        if MODULES.is_dir():  # last: a frozen module always wins over a file of the same name
            sys.path.append(str(MODULES))


def _use_shipped_ca_bundle():
    import certifi
    import certifi.core

    def where():
        return str(CA_BUNDLE)

    # requests.certs takes `where` from certifi when it is first imported, which is after this.
    certifi.where = certifi.core.where = where
