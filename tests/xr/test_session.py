"""The headset session against the scripted runtime: every state handled, frames in the runtime's order."""

import pytest

from metaverse_seoul.core.rotations import from_heading, from_heading_pitch
from metaverse_seoul.xr.convert import orientation_from_xr, position_from_xr
from metaverse_seoul.xr.fake import FakeRuntime, FakeRuntimeError, FakeScript, aim_at
from metaverse_seoul.xr.session import HeadsetSession
from metaverse_seoul.xr.types import HandInput, Pose, SessionState

S = SessionState
EYES = [(101, (320, 240)), (102, (320, 240))]


def run_frames(session, count, eyes=EYES):
    frames = []
    for _ in range(count):
        frame = session.begin_frame()
        frames.append(frame)
        if frame is not None:
            session.end_frame(eyes if frame.should_render else ())
    return frames


def started(script=None):
    fake = FakeRuntime(script)
    session = HeadsetSession(fake)
    session.start(graphics="context")
    return fake, session


def test_a_session_starts_draws_reads_input_and_ends_cleanly():
    fake, session = started()
    frames = run_frames(session, 10)
    assert session.state == S.FOCUSED and session.running
    assert frames[0] is not None and not frames[0].should_render  # SYNCHRONIZED: nothing shown yet
    assert all(f.should_render and len(f.views) == 2 for f in frames[1:])
    assert session.stats.frames_submitted == 9 and session.stats.views_located == 9
    assert session.stats.actions_synced == 9
    assert session.finish(sleep=lambda s: None)
    assert session.stats.states == ["IDLE", "READY", "SYNCHRONIZED", "VISIBLE", "FOCUSED", "STOPPING",
                                    "IDLE", "EXITING"]
    session.close()
    calls = [c for c in fake.calls if c != "poll_states"]
    assert calls[:3] == ["create_session", "begin_session", "wait_frame"]
    assert calls[-4:] == ["request_exit", "end_session", "destroy_session", "close"]


def test_frames_follow_wait_begin_end_and_each_shown_frame_has_both_eyes():
    fake, session = started()
    run_frames(session, 5)
    per_frame = [c for c in fake.calls if c in ("wait_frame", "begin_frame", "submit_eye", "end_frame")]
    assert per_frame[:2] == ["wait_frame", "begin_frame"]
    assert per_frame[2:8] == ["end_frame", "wait_frame", "begin_frame", "submit_eye", "submit_eye", "end_frame"]
    shown = [f for f in fake.submitted if f["views"]]
    assert all(f["eyes"] == EYES for f in shown)
    assert [f["time"] for f in fake.submitted] == sorted(f["time"] for f in fake.submitted)


def test_visible_without_focus_draws_but_reads_no_input():
    fake, session = started(FakeScript(states={4: [S.VISIBLE], 8: [S.FOCUSED]}))
    fake.hands["right"] = HandInput(active=True, trigger=1.0)
    frames = run_frames(session, 12)
    unfocused = frames[4:8]  # after 4 frames ended, the runtime took the focus for 4 frames
    assert all(f.should_render and f.views and not f.hands for f in unfocused)
    assert frames[3].hands["right"].trigger == 1.0 and frames[8].hands["right"].trigger == 1.0
    assert session.stats.actions_synced == 12 - 1 - 4  # not while SYNCHRONIZED or VISIBLE


def test_synchronized_frames_are_ended_without_images():
    fake, session = started(FakeScript(states={3: [S.SYNCHRONIZED]}))
    run_frames(session, 8)
    assert [bool(f["views"]) for f in fake.submitted] == [False, True, True, False, False, False, False, False]


def test_the_runtime_stopping_the_session_ends_it_and_exiting_lets_go():
    fake, session = started(FakeScript(states={5: [S.STOPPING]}))
    frames = run_frames(session, 8)
    assert frames[-1] is None and not session.running
    assert "end_session" in fake.calls
    run_frames(session, 1)  # the runtime reports IDLE, EXITING
    assert session.ended and not session.lost
    assert fake.calls.count("destroy_session") == 1


def test_loss_pending_lets_go_of_the_session_and_says_it_was_lost():
    fake, session = started(FakeScript(states={6: [S.LOSS_PENDING]}))
    frames = run_frames(session, 10)
    assert frames[6] is None and session.ended and session.lost
    assert "destroy_session" in fake.calls and "end_session" not in fake.calls
    assert not session.finish(sleep=lambda s: None)  # not a clean end


def test_an_idle_session_runs_no_frames():
    fake = FakeRuntime()
    session = HeadsetSession(fake)
    assert session.begin_frame() is None
    assert "wait_frame" not in fake.calls


def test_exit_before_the_session_began_needs_no_stopping():
    fake = FakeRuntime()
    session = HeadsetSession(fake)
    session.request_exit()
    assert session.ended and not session.lost


def test_the_fake_refuses_calls_out_of_order():
    fake, session = started()
    session.poll()
    with pytest.raises(FakeRuntimeError):
        fake.begin_frame()
    with pytest.raises(FakeRuntimeError):
        fake.end_session()


def test_eyes_are_located_apart_along_the_heads_right_with_mirrored_fields_of_view():
    fake, session = started()
    fake.head = Pose((1.0, 2.0, 1.2), from_heading(90))  # seated, facing west
    frames = run_frames(session, 3)
    left, right = frames[-1].views
    # Facing west, the right hand is north (+y).
    assert left.pose.position == pytest.approx((1.0, 2.0 - 0.0315, 1.2))
    assert right.pose.position == pytest.approx((1.0, 2.0 + 0.0315, 1.2))
    assert left.fov.left == -right.fov.right and left.fov.left != -left.fov.right


def test_openxr_poses_become_z_up():
    # OpenXR: y up, -z forward. One metre ahead and 1.6 m up is (0, 1.6, -1) there, (0, 1, 1.6) here.
    assert position_from_xr(0, 1.6, -1) == (0, 1, 1.6)
    turned_left = (0.9238795, 0.0, 0.3826834, 0.0)  # 45 degrees about OpenXR's up (y)
    assert orientation_from_xr(*turned_left) == pytest.approx(from_heading(45))
    pitched_up = (0.9238795, 0.3826834, 0.0, 0.0)   # 45 degrees about OpenXR's x: looking up
    assert orientation_from_xr(*pitched_up) == pytest.approx(from_heading_pitch(0, 45))


def test_aim_at_points_a_pose_at_a_target():
    from metaverse_seoul.core.rotations import forward
    pose = aim_at((0, 0, 1), (0, 2, 3))
    assert forward(pose.orientation) == pytest.approx((0, 2 ** -0.5, 2 ** -0.5))
