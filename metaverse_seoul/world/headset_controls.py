"""The visitor in a headset: teleporting or walking, turning, recentring, the hands and their laser.

What the controllers ask for comes from core.controller_commands, where the visitor may go from
core.teleport and core.locomotion (the same walls and ground as on the desktop), and where the room is
in the world from core.play_space; this applies it to the scene each frame, between the headset's
begin task (which located head and hands) and the draw. It stands in for DesktopControls: the app
reads `pose` (the body on the ground under the head) for kiosks and portals.
"""

from panda3d.core import ClockObject, LQuaternion

from ..core.comfort_vignette import eased, target_strength
from ..core.controller_commands import HANDS, CommandReader
from ..core.locomotion import Pose, motion
from ..core.play_space import (PlaySpace, body_pose, head_heading, move_body, recentre, to_world,
                               to_world_rotation, turn_about_head)
from ..core.rotations import forward
from ..core.teleport import find_landing
from ..xr.types import Pose as TrackedPose
from .controller_models import TeleportArc, make_controller, make_laser
from .vignette import Vignette

DEFAULT_SNAP = 45     # degrees, the comfort default
CONTROLS_SORT = -50   # after the headset's frame began (-60), before the kiosk pointer (-30)
STANDING_HEAD = TrackedPose((0.0, 0.0, 1.6))  # until the runtime locates the head


class HandNodes:
    """A hand's aim and grip poses in the room, with the controller drawn at the grip."""

    def __init__(self, tracking, hand):
        self.aim = tracking.attachNewNode(f"{hand}-aim")
        self.grip = tracking.attachNewNode(f"{hand}-grip")
        self.model = make_controller(self.grip, hand)
        self.laser = make_laser(self.aim)
        self.laser.hide()
        self.show(None)

    def show(self, state):
        for node, pose in ((self.aim, state and state.aim), (self.grip, state and state.grip)):
            if pose is None:
                node.stash()  # untracked: not drawn, and not pointing at anything
                continue
            node.unstash()
            node.setPos(*pose.position)
            node.setQuat(LQuaternion(*pose.orientation))

    def destroy(self):
        self.aim.removeNode()
        self.grip.removeNode()


class HeadsetControls:
    def __init__(self, base, headset, settings, start, walker, on_action, pointer):
        """`headset`: HeadsetMode; `settings`: the app's Settings (comfort, controls); `start`: the spawn
        Pose; `on_action(name)`: interact, help, recentred; `pointer`: the LaserPointer of the panels."""
        self.base = base
        self.headset = headset
        self.comfort = settings.comfort
        self.controls = settings.controls
        self.walker = walker
        self.on_action = on_action
        self.pointer = pointer
        self.space = PlaySpace(start.x, start.y, start.z, start.heading)
        self.pose = start
        self.centred = False
        # Reduced motion (accessibility) rules out smooth turning: the view then snaps.
        snap = self.comfort.snap_turn_degrees or (DEFAULT_SNAP if settings.accessibility.reduce_motion else 0)
        self.reader = CommandReader(self.comfort.locomotion, snap, self.comfort.smooth_turn_speed,
                                    self.comfort.one_handed)
        self.smooth_turning = not snap
        self.hands = {hand: HandNodes(headset.tracking, hand) for hand in HANDS}
        pointer.aims.update({hand: nodes.aim for hand, nodes in self.hands.items()})
        self.arc = TeleportArc(base.render)
        self.landing = None
        self.vignette = Vignette(headset.head)
        self.last_commands = None
        base.taskMgr.add(self._update, "headset-controls", sort=CONTROLS_SORT)
        headset.place_space(self.space)

    # --- what the app asks of its controls --------------------------------------------------------
    def place_camera(self):
        self.headset.place_space(self.space)

    def capture_pointer(self):
        pass  # nothing to capture: the laser is the pointer

    def set_pointer_free(self, free):
        pass

    def set_keys_enabled(self, enabled):
        pass  # walking is on the controllers, so a kiosk form's typing cannot move the visitor

    # --- each frame -------------------------------------------------------------------------------
    def _update(self, task):
        frame = self.headset.frame
        if frame is None:
            return task.cont
        dt = min(ClockObject.getGlobalClock().getDt(), 0.1)
        head = frame.head or STANDING_HEAD
        if not self.centred and frame.head is not None:
            self.recentre(head)
        for hand, nodes in self.hands.items():
            nodes.show(frame.hands.get(hand))
        commands = self.reader.read(frame.hands, dt)
        self.last_commands = commands
        speed, turn_rate = self._move(commands, head, dt)
        self._aim(commands, head)
        self.headset.place_space(self.space)
        self._buttons(commands, head)  # after placing the room: a panel opened now faces these eyes
        strength = target_strength(speed, turn_rate, self.comfort.vignette)
        self.vignette.show(eased(self.vignette.strength, strength, dt))
        self.pose = body_pose(self.space, head.position)
        self._show_laser()
        return task.cont

    def _move(self, commands, head, dt):
        """Turn and walk as the sticks say; (speed m/s, turn rate deg/s) of what the eyes saw move."""
        turn_rate = 0.0
        if commands.turn:
            self.space = turn_about_head(self.space, head.position, commands.turn)
            if self.smooth_turning:
                turn_rate = abs(commands.turn) / max(dt, 1e-3)
        forward_amount, strafe = commands.move
        if not (forward_amount or strafe):
            return 0.0, turn_rate
        heading = head_heading(self.space, head.orientation)
        dx, dy = motion(heading, forward_amount, strafe, self.controls.walk_speed, dt)
        body = body_pose(self.space, head.position)
        moved = self.walker.walk(Pose(body.x, body.y, body.z, heading), dx, dy)
        self.space = move_body(self.space, head.position, moved.x, moved.y, moved.z)
        travelled = ((moved.x - body.x) ** 2 + (moved.y - body.y) ** 2) ** 0.5
        return travelled / max(dt, 1e-3), turn_rate

    def _aim(self, commands, head):
        """While a stick aims, draw the arc; when it lets go, jump if the landing is good."""
        if commands.aiming is not None:
            self.landing = self._landing(commands.aiming, head)
            if self.landing is not None:
                self.arc.show(self.landing)
        elif commands.teleport is not None:
            landing = self._landing(commands.teleport, head) or self.landing
            if landing is not None and landing.ok:
                self.space = move_body(self.space, head.position, landing.x, landing.y, landing.z)
            self.landing = None
            self.arc.hide()
        else:
            self.landing = None
            self.arc.hide()

    def _landing(self, hand, head):
        state = self.headset.frame.hands.get(hand)
        if state is None or state.aim is None:
            return None
        origin = to_world(self.space, state.aim.position)
        direction = forward(to_world_rotation(self.space, state.aim.orientation))
        body = body_pose(self.space, head.position)
        return find_landing(self.walker, (body.x, body.y, body.z), origin, direction)

    def _buttons(self, commands, head):
        for hand in commands.select_down:
            if self.pointer.target is not None:
                self.pointer.trigger_down(hand)   # a panel is open: the trigger clicks on it
            else:
                self.on_action("interact")        # at a kiosk, the trigger opens it
        for hand in commands.select_up:
            self.pointer.trigger_up(hand)
        if commands.interact:
            self.on_action("interact")
        if commands.menu:
            self.on_action("headset_menu")  # the app menu (settings, help, my requests)
        if commands.recentre:
            self.recentre(head)
            self.on_action("recentred")

    def recentre(self, head):
        self.space = recentre(self.space, head.position, head.orientation, self.comfort.seated,
                              self.controls.eye_height, self.comfort.height_offset)
        self.centred = True
        self.headset.place_space(self.space)

    def _show_laser(self):
        for hand, nodes in self.hands.items():
            if self.pointer.target is not None and hand == self.pointer.hand:
                nodes.laser.setSy(max(0.01, self.pointer.beam_length()))
                nodes.laser.show()
            else:
                nodes.laser.hide()

    def destroy(self):
        self.base.taskMgr.remove("headset-controls")
        for nodes in self.hands.values():
            nodes.destroy()
        self.arc.destroy()
        self.vignette.destroy()
