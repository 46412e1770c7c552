"""Controllers to commands: every action from either hand, teleport aiming, turns, menu hold."""

from dataclasses import dataclass

import pytest

from metaverse_seoul.core.controller_commands import RECENTRE_HOLD_S, CommandReader

DT = 1 / 60


@dataclass
class Hand:
    trigger: float = 0.0
    squeeze: float = 0.0
    stick: tuple = (0.0, 0.0)
    menu: bool = False
    active: bool = True


def run(reader, frames):
    """Feed frames of {hand: Hand}; return the list of Commands."""
    return [reader.read(frame, DT) for frame in frames]


@pytest.mark.parametrize("hand", ["left", "right"])
def test_each_hand_alone_teleports_turns_selects_uses_and_opens_the_menu(hand):
    other = "right" if hand == "left" else "left"
    frames = [{hand: Hand(stick=(0, 0.9)), other: Hand(active=False)},   # aim
              {hand: Hand(stick=(0, 0.95))},
              {hand: Hand(stick=(0, 0.1))},                              # let go: jump
              {hand: Hand(stick=(0.9, 0))},                              # flick right
              {hand: Hand(trigger=0.9)}, {hand: Hand(trigger=0.1)},      # a click
              {hand: Hand(squeeze=1.0)}, {hand: Hand()},                 # grip
              {hand: Hand(menu=True)}, {hand: Hand()}]                   # a press of the menu button
    out = run(CommandReader(), frames)
    assert [c.aiming for c in out[:3]] == [hand, hand, None]
    assert out[2].teleport == hand
    assert out[3].turn == -45
    assert out[4].select_down == [hand] and out[5].select_up == [hand]
    assert out[6].interact and not out[7].interact
    assert out[9].menu and not out[9].recentre


def test_pulling_back_cancels_an_aim():
    out = run(CommandReader(), [{"right": Hand(stick=(0, 0.9))}, {"right": Hand(stick=(0, -0.9))},
                                {"right": Hand(stick=(0, 0))}])
    assert out[0].aiming == "right" and out[1].aiming is None
    assert all(c.teleport is None for c in out)


def test_holding_the_menu_button_recentres_once_and_is_not_a_press():
    frames = [{"left": Hand(menu=True)}] * int(RECENTRE_HOLD_S / DT + 10) + [{"left": Hand()}]
    out = run(CommandReader(), frames)
    assert sum(c.recentre for c in out) == 1
    assert not any(c.menu for c in out)


def test_the_other_stick_turns_while_one_hand_aims():
    out = run(CommandReader(snap_degrees=90), [{"left": Hand(stick=(0, 1)), "right": Hand(stick=(-1, 0))}])
    assert out[0].aiming == "left" and out[0].turn == 90


def test_smooth_mode_left_walks_and_right_turns():
    reader = CommandReader(locomotion="smooth", snap_degrees=0, smooth_turn_speed=60)
    out = reader.read({"left": Hand(stick=(1.0, 1.0)), "right": Hand(stick=(1.0, 0.0))}, 0.5)
    assert out.move == (1.0, 1.0)
    assert out.turn == pytest.approx(-30)


@pytest.mark.parametrize("hand", ["left", "right"])
def test_smooth_mode_one_handed_either_stick_walks_and_turns(hand):
    reader = CommandReader(locomotion="smooth", snap_degrees=30, one_handed=True)
    out = reader.read({hand: Hand(stick=(0.9, 0.0)), "left" if hand == "right" else "right": Hand()}, DT)
    assert out.turn == -30
    out = reader.read({hand: Hand(stick=(0.0, 1.0))}, DT)
    assert out.move == (1.0, 0.0)


def test_with_one_controller_tracked_smooth_mode_becomes_one_handed():
    reader = CommandReader(locomotion="smooth", snap_degrees=45)
    out = reader.read({"right": Hand(stick=(0.0, 1.0)), "left": Hand(active=False)}, DT)
    assert out.move == (1.0, 0.0)


def test_a_controller_put_down_lets_go_of_its_aim_and_buttons():
    reader = CommandReader()
    reader.read({"left": Hand(stick=(0, 1), trigger=1.0)}, DT)
    out = reader.read({"left": Hand(active=False)}, DT)
    assert out.aiming is None and out.teleport is None
    out = reader.read({"left": Hand(trigger=1.0)}, DT)
    assert out.select_down == ["left"]  # pressed afresh
