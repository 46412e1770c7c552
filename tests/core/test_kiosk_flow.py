"""The list every kiosk step chooses from: Up/Down, entries that cannot be chosen, scrolling."""

from metaverse_seoul.core.kiosk_flow import DIM, FOCUS, Chooser


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
    assert Chooser([0, 1, 2], choosable=odd_only).lines(str) == [(DIM, "   0"), (FOCUS, "▶ 1"), (DIM, "   2")]


def test_a_long_list_scrolls_with_the_cursor():
    chooser = Chooser(range(20), shown=5)
    assert [index for index, _ in chooser.shown()] == [0, 1, 2, 3, 4]
    for _ in range(10):
        chooser.press("down")
    assert [index for index, _ in chooser.shown()] == [8, 9, 10, 11, 12]
    for _ in range(20):
        chooser.press("down")
    assert [index for index, _ in chooser.shown()] == [15, 16, 17, 18, 19]


def test_with_nothing_to_choose_there_is_no_cursor_and_keys_do_nothing():
    chooser = Chooser([0, 2], choosable=odd_only)
    assert chooser.press("down") and chooser.press("up") and chooser.chosen is None
    assert not chooser.press("enter")  # not a key of the list: the step handles it
    assert Chooser([]).lines(str) == []
