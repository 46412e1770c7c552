"""The app's OpenXR actions (bindings.py says which controller input drives which) and reading them.

One action set; each action has a left and a right sub-action, so the two hands are read apart.
Poses are read through action spaces located in the app's reference space each frame.
"""

import xr

from .bindings import ACTIONS, HAND_PATHS, profiles_for, suggested_bindings
from .convert import orientation_from_xr, position_from_xr
from .types import HandInput, Pose

_TYPES = {"aim": xr.ActionType.POSE_INPUT, "grip": xr.ActionType.POSE_INPUT,
          "trigger": xr.ActionType.FLOAT_INPUT, "squeeze": xr.ActionType.FLOAT_INPUT,
          "stick": xr.ActionType.VECTOR2F_INPUT, "menu": xr.ActionType.BOOLEAN_INPUT}
LOCATED = xr.SpaceLocationFlags.POSITION_VALID_BIT | xr.SpaceLocationFlags.ORIENTATION_VALID_BIT


def pose_from_xr(pose):
    p, q = pose.position, pose.orientation
    return Pose(position_from_xr(p.x, p.y, p.z), orientation_from_xr(q.w, q.x, q.y, q.z))


class HandActions:
    def __init__(self, instance, extensions):
        """Create the actions and suggest bindings for every profile the runtime can take."""
        self.instance = instance
        self.action_set = xr.create_action_set(instance, xr.ActionSetCreateInfo(
            action_set_name="visit", localized_action_set_name="Visit", priority=0))
        self.hand_paths = {hand: xr.string_to_path(instance, path) for hand, path in HAND_PATHS.items()}
        subactions = list(self.hand_paths.values())
        self.actions = {name: xr.create_action(self.action_set, xr.ActionCreateInfo(
            action_name=name, action_type=_TYPES[name], subaction_paths=subactions,
            localized_action_name=name.capitalize())) for name in ACTIONS}
        self.profiles = []     # the profiles the runtime took our suggestions for
        for profile in profiles_for(extensions):
            if self._suggest(profile):
                self.profiles.append(profile)
        self.spaces = {}
        self.session = None

    def _suggest(self, profile):
        bindings = [xr.ActionSuggestedBinding(self.actions[action], xr.string_to_path(self.instance, path))
                    for action, path in suggested_bindings(profile)]
        try:
            xr.suggest_interaction_profile_bindings(self.instance, xr.InteractionProfileSuggestedBinding(
                interaction_profile=xr.string_to_path(self.instance, profile), suggested_bindings=bindings))
        except (xr.PathUnsupportedError, xr.PathFormatInvalidError):
            return False  # a runtime that does not know this controller
        return True

    def attach(self, session):
        """Attach the actions to `session` and make a space for each hand's aim and grip."""
        self.session = session
        xr.attach_session_action_sets(session, xr.SessionActionSetsAttachInfo(action_sets=[self.action_set]))
        for hand, path in self.hand_paths.items():
            for name in ("aim", "grip"):
                self.spaces[hand, name] = xr.create_action_space(session, xr.ActionSpaceCreateInfo(
                    action=self.actions[name], subaction_path=path))

    def sync(self):
        xr.sync_actions(self.session, xr.ActionsSyncInfo(
            active_action_sets=[xr.ActiveActionSet(self.action_set, xr.NULL_PATH)]))

    def _state(self, getter, name, hand):
        return getter(self.session, xr.ActionStateGetInfo(action=self.actions[name],
                                                          subaction_path=self.hand_paths[hand]))

    def _pose(self, hand, name, space, display_time):
        location = xr.locate_space(self.spaces[hand, name], space, display_time)
        if (location.location_flags & LOCATED) != LOCATED:
            return None
        return pose_from_xr(location.pose)

    def read(self, space, display_time):
        """{hand: HandInput} after sync(); poses in `space` at `display_time`."""
        hands = {}
        for hand in self.hand_paths:
            pose_state = self._state(xr.get_action_state_pose, "aim", hand)
            if not pose_state.is_active:
                hands[hand] = HandInput()
                continue
            stick = self._state(xr.get_action_state_vector2f, "stick", hand).current_state
            hands[hand] = HandInput(
                active=True, aim=self._pose(hand, "aim", space, display_time),
                grip=self._pose(hand, "grip", space, display_time),
                trigger=self._state(xr.get_action_state_float, "trigger", hand).current_state,
                squeeze=self._state(xr.get_action_state_float, "squeeze", hand).current_state,
                stick=(stick.x, stick.y),
                menu=bool(self._state(xr.get_action_state_boolean, "menu", hand).current_state))
        return hands

    def destroy_spaces(self):
        for space in self.spaces.values():
            xr.destroy_space(space)
        self.spaces = {}

    def destroy(self):
        self.destroy_spaces()
        xr.destroy_action_set(self.action_set)  # its actions go with it
