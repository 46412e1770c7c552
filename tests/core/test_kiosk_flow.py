"""The list every kiosk step chooses from: Up/Down, entries that cannot be chosen, scrolling."""

from metaverse_seoul.core.kiosk_flow import DIM, FOCUS, Chooser, Line, Pick


def odd_only(number):
    return number % 2 == 1


def test_the_cursor_starts_on_the_first_choosable_entry_and_skips_the_others():
    chooser = Chooser([0, 1, 2, 3, 4], choosable=odd_only)
    assert chooser.chosen == 1
    chooser.press("down")
    assert chooser.chosen == 3
    chooser.press("down")  # 4 cannot be chosen: the cursor stays at the last that can
    assert chooser.chosen == 3
    chooser.press("up")
    chooser.press("up")
    assert chooser.chosen == 1


def test_entries_that_cannot_be_chosen_are_dim_and_the_cursors_marked():
    assert Chooser([0, 1, 2], choosable=odd_only).lines(str) == [Line(DIM, "   0"), Line(FOCUS, "▶ 1", Pick(1)),
                                                                   Line(DIM, "   2")]


def test_every_entry_has_a_line_and_a_click_moves_the_cursor_to_a_choosable_one():
    chooser = Chooser(range(20), choosable=odd_only)
    assert len(chooser.lines(str)) == 20 and chooser.chosen == 1
    assert chooser.move_to(17) and chooser.chosen == 17
    assert not chooser.move_to(4) and not chooser.move_to(20) and chooser.chosen == 17


def test_with_nothing_to_choose_there_is_no_cursor_and_keys_do_nothing():
    chooser = Chooser([0, 2], choosable=odd_only)
    assert chooser.press("down") and chooser.press("up") and chooser.chosen is None
    assert not chooser.press("enter")  # not a key of the list: the step handles it
    assert Chooser([]).lines(str) == []
