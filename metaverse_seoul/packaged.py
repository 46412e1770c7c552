"""What a packaged app sets up before anything else runs (main.py calls prepare() first).

Panda3D's build_apps freezes every module into the executable, so a package's own files cannot be
found through importlib.resources any more. certifi finds its CA bundle that way (requests reads it
when imported, to verify a city's https:// endpoint): build_apps ships the bundle beside the
executable as cacert.pem, and certifi is pointed at it here. In a run from source this does nothing.
"""

from .paths import FROZEN, PROJECT_ROOT

CA_BUNDLE = PROJECT_ROOT / "cacert.pem"


def prepare():
    if FROZEN:
        _use_shipped_ca_bundle()


def _use_shipped_ca_bundle():
    import certifi
    import certifi.core

    def where():
        return str(CA_BUNDLE)

    # requests.certs takes `where` from certifi when it is first imported, which is after this.
    certifi.where = certifi.core.where = where
