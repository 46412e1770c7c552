"""What is read aloud when a panel changes: as a screen reader, the focus and new problems."""

from metaverse_seoul.core.kiosk_flow import DIM, FOCUS, PROBLEM, FocusField, Line, Pick
from metaverse_seoul.core.spoken import spoken_change

TITLE = Line(None, "민원 신청")
LIST = [TITLE, Line(FOCUS, "▶ 가로등 고장", Pick(0)), Line(None, "   소음", Pick(1)), Line(DIM, "↑↓ 고르기")]
MOVED = [TITLE, Line(None, "   가로등 고장", Pick(0)), Line(FOCUS, "▶ 소음", Pick(1)), Line(DIM, "↑↓ 고르기")]


def test_a_panel_opening_says_what_it_is_and_where_the_focus_is():
    assert spoken_change([], LIST) == "민원 신청 · 가로등 고장"


def test_moving_the_focus_says_the_new_line_and_nothing_else_changes_say_nothing():
    assert spoken_change(LIST, MOVED) == "소음"
    assert spoken_change(MOVED, MOVED) is None


def test_typing_in_a_field_is_not_read_again_after_every_character_but_a_new_problem_is():
    before = [TITLE, Line(FOCUS, "▶ 제목*: 가로", FocusField(0), 9)]
    after = [TITLE, Line(FOCUS, "▶ 제목*: 가로등", FocusField(0), 10)]
    assert spoken_change(before, after) is None
    checked = after + [Line(PROBLEM, "내용: 꼭 입력해야 합니다", FocusField(1))]
    assert spoken_change(after, checked) == "내용: 꼭 입력해야 합니다"


def test_a_status_that_changes_in_place_is_read():
    pending = [Line(None, "민원을 보관했습니다"), Line(FOCUS, "대기 중")]
    sent = [Line(None, "민원을 보관했습니다"), Line(FOCUS, "전송됨 — 접수 번호 17")]
    assert spoken_change(pending, sent) == "전송됨 — 접수 번호 17"
