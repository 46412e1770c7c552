"""Controller bindings: every kind of controller reaches every action it has hardware for, on both hands."""

import pytest

from metaverse_seoul.xr.bindings import ACTIONS, PROFILES, profiles_for, suggested_bindings

CONTROLLERS = ["/interaction_profiles/khr/simple_controller", "/interaction_profiles/oculus/touch_controller",
               "/interaction_profiles/valve/index_controller", "/interaction_profiles/htc/vive_controller"]


@pytest.mark.parametrize("profile", list(PROFILES))
def test_each_action_is_bound_on_both_hands_alike(profile):
    bound = suggested_bindings(profile)
    for action in {a for a, _ in bound}:
        hands = sorted(path.split("/")[3] for a, path in bound if a == action)
        assert hands == ["left", "right"], (profile, action)
    assert all(path.startswith("/user/hand/") and "/input/" in path for _, path in bound)


@pytest.mark.parametrize("profile", CONTROLLERS)
def test_controllers_bind_poses_select_and_menu(profile):
    actions = {a for a, _ in suggested_bindings(profile)}
    assert {"aim", "grip", "trigger", "menu"} <= actions


@pytest.mark.parametrize("profile", CONTROLLERS[1:])
def test_controllers_with_a_stick_or_pad_and_a_grip_bind_every_action(profile):
    assert {a for a, _ in suggested_bindings(profile)} == set(ACTIONS)


def test_the_right_touch_controller_uses_b_for_the_menu_it_lacks():
    menu = dict((path.split("/")[3], path) for a, path in
                suggested_bindings("/interaction_profiles/oculus/touch_controller") if a == "menu")
    assert menu == {"left": "/user/hand/left/input/menu/click", "right": "/user/hand/right/input/b/click"}


def test_hand_interaction_is_offered_only_with_its_extension():
    hands = "/interaction_profiles/ext/hand_interaction_ext"
    assert hands not in profiles_for(set())
    assert hands in profiles_for({"XR_EXT_hand_interaction"})
    assert set(CONTROLLERS) <= set(profiles_for(set()))
