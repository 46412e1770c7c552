"""Which controller input drives which of the app's actions, for each kind of controller.

The app's actions (one set, each per hand: /user/hand/left and /user/hand/right):

    aim      pose     where the hand points (the laser, the teleport arc)
    grip     pose     where the hand holds the controller (its drawn model)
    trigger  float    select: click with the laser, open a kiosk
    squeeze  float    use the kiosk within reach / close its panel
    stick    vector2  teleport, turn, walk (a trackpad where there is no stick)
    menu     boolean  the app menu (settings, help, my requests); held, recentre

Every action is bound on both hands in the same way wherever the hardware has the input there, so
either controller alone reaches every action (one-handed use). Where a controller's menu button
belongs to the system (the right Oculus Touch, both Index controllers), B stands in for it. The
runtime picks the profile of the controllers in use and maps ours onto others it knows.
"""

ACTIONS = ("aim", "grip", "trigger", "squeeze", "stick", "menu")
HAND_PATHS = {"left": "/user/hand/left", "right": "/user/hand/right"}

_POSES = {"aim": "input/aim/pose", "grip": "input/grip/pose"}

# Per profile: action -> input path under the hand, or {hand: path} where the hands differ.
PROFILES = {
    "/interaction_profiles/khr/simple_controller": {
        **_POSES, "trigger": "input/select/click", "menu": "input/menu/click"},
    "/interaction_profiles/oculus/touch_controller": {
        **_POSES, "trigger": "input/trigger/value", "squeeze": "input/squeeze/value",
        "stick": "input/thumbstick", "menu": {"left": "input/menu/click", "right": "input/b/click"}},
    "/interaction_profiles/valve/index_controller": {
        **_POSES, "trigger": "input/trigger/value", "squeeze": "input/squeeze/value",
        "stick": "input/thumbstick", "menu": "input/b/click"},
    "/interaction_profiles/htc/vive_controller": {
        **_POSES, "trigger": "input/trigger/value", "squeeze": "input/squeeze/click",
        "stick": "input/trackpad", "menu": "input/menu/click"},
    # Tracked hands (XR_EXT_hand_interaction): pointing and pinching selects, a fist grabs.
    "/interaction_profiles/ext/hand_interaction_ext": {
        **_POSES, "trigger": "input/aim_activate_ext/value", "squeeze": "input/grasp_ext/value"},
}

# Profiles that exist only with an extension; offered only when the runtime has it.
PROFILE_EXTENSIONS = {"/interaction_profiles/ext/hand_interaction_ext": "XR_EXT_hand_interaction"}


def suggested_bindings(profile):
    """[(action, full input path)] for one profile, both hands."""
    out = []
    for action, where in PROFILES[profile].items():
        for hand, hand_path in HAND_PATHS.items():
            path = where.get(hand) if isinstance(where, dict) else where
            if path:
                out.append((action, f"{hand_path}/{path}"))
    return out


def profiles_for(extensions):
    """The profiles to suggest bindings for, given the runtime's extensions."""
    return [p for p in PROFILES if PROFILE_EXTENSIONS.get(p) is None or PROFILE_EXTENSIONS[p] in extensions]
