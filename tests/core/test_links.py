"""metaverse-seoul:// links: the scene a good link names, and one clear refusal for anything else."""

import pytest

from metaverse_seoul.core.errors import InputError
from metaverse_seoul.core.links import looks_like_link, scene_from_link


@pytest.mark.parametrize("link, scene", [("metaverse-seoul://scene/donuimun", "donuimun"),
                                         ("metaverse-seoul://scene/120-center", "120-center"),
                                         ("METAVERSE-SEOUL://scene/seoul-plaza/", "seoul-plaza"),
                                         ("  metaverse-seoul://scene/deoksugung\n", "deoksugung")])
def test_a_scene_link_names_its_scene(link, scene):
    assert scene_from_link(link) == scene


@pytest.mark.parametrize("link, fragment", [
    ("donuimun", "expected a link"),
    ("https://example.org/scene/donuimun", "expected a link"),
    ("metaverse-seoul://event/lantern-festival", "only scene links"),
    ("metaverse-seoul:scene/donuimun", "only scene links"),
    ("metaverse-seoul://scene/", "expected a scene id"),
    ("metaverse-seoul://scene/Donuimun", "expected a scene id"),
    ("metaverse-seoul://scene/don uimun", "expected a scene id"),
    ("metaverse-seoul://scene/../../etc/passwd", "expected a scene id"),
    ("metaverse-seoul://scene/donuimun?lang=en", "no '?' or '#'"),
    ("metaverse-seoul://scene/donuimun#gate", "no '?' or '#'"),
    ("metaverse-seoul://[scene/donuimun", "not a link"),
])
def test_anything_else_is_refused_naming_the_link(link, fragment):
    with pytest.raises(InputError) as refused:
        scene_from_link(link)
    assert str(refused.value).startswith("link: ") and fragment in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize("link, fragment", [
    ("metaverse-seoul://Scene/seoul-plaza", None),  # scheme and host are case-blind
    ("metaverse-seoul://user@scene/x", "only scene links"),
    ("metaverse-seoul://scene/a/b", "expected a scene id"),
    ("metaverse-seoul://scene/x\x00y", "control characters"),
    ("metaverse-seoul://scene/서울", "non-ASCII"),
    ("metaverse-seoul://scene/" + "a" * 300, "too long"),
])
def test_odd_hosts_bytes_and_lengths(link, fragment):
    if fragment is None:
        assert scene_from_link(link) == "seoul-plaza"
        return
    with pytest.raises(InputError) as refused:
        scene_from_link(link)
    assert fragment in str(refused.value) and "\n" not in str(refused.value)


def test_only_the_apps_scheme_looks_like_a_link():
    assert looks_like_link("metaverse-seoul://scene/x") and looks_like_link(" METAVERSE-SEOUL:x")
    assert not looks_like_link("https://example.org/scene/x") and not looks_like_link("lantern-festival")
