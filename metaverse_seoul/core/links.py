"""`metaverse-seoul://` links: what the packaged app is opened with when a resident follows one.

The desktop registers the scheme for the app (desktop/linux/), so a web page, a festival's schedule
or a message can carry `metaverse-seoul://scene/lantern-festival`, and the app is started with that
link as its only positional argument. Only scene links exist so far:

    scene_from_link("metaverse-seoul://scene/donuimun")   # "donuimun"

Anything else is bad input (InputError naming the link). Whether the scene exists is the caller's to
check, against the scenes it has.
"""

from urllib.parse import urlsplit

from .errors import InputError
from .manifest import SCENE_ID

SCHEME = "metaverse-seoul"
EXAMPLE = f"{SCHEME}://scene/ID"
MAX_LINK = 200


def looks_like_link(text):
    """True for an argument meant as a link (it has the app's scheme, in any case)."""
    return text.strip().lower().startswith(f"{SCHEME}:")


def _characters_problem(text):
    if len(text) > MAX_LINK:
        return f"too long (at most {MAX_LINK} characters)"
    if not text.isascii():
        return "has non-ASCII characters"
    if not text.isprintable():
        return "has control characters"
    return None


def scene_from_link(link):
    """The scene id in a `metaverse-seoul://scene/<id>` link; InputError for any other text."""
    text = link.strip()  # a desktop may hand over a trailing newline; nothing else is tolerated
    problem = _characters_problem(text)
    if problem:
        raise InputError("link", f"the link {problem}; expected {EXAMPLE}")
    try:
        parts = urlsplit(text)
    except ValueError as exc:  # e.g. an unbalanced '[' where a host should be
        raise InputError("link", f"{text!r} is not a link ({exc}); expected {EXAMPLE}") from None
    if parts.scheme.lower() != SCHEME:
        raise InputError("link", f"expected a link {EXAMPLE}, got {text!r}")
    if parts.netloc.lower() != "scene":
        raise InputError("link", f"{text!r}: only scene links are known ({EXAMPLE})")
    if parts.query or parts.fragment:
        raise InputError("link", f"{text!r}: a scene link has no '?' or '#' part ({EXAMPLE})")
    # Browsers and desktops may add a trailing slash to what they hand over.
    scene_id = parts.path.removeprefix("/").removesuffix("/")
    if not SCENE_ID.match(scene_id):
        raise InputError("link", f"{text!r}: expected a scene id of lower-case letters, digits and '-' "
                                 f"after scene/ ({EXAMPLE})")
    return scene_id
