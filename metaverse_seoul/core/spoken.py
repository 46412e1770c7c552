"""What is read aloud when a panel changes, as a screen reader would: the line the focus moved to, and
problems that appeared. Typing in a field does not repeat the whole field after every character.

Pure logic over the panel's lines (kiosk_flow.Line):

    spoken_change([], lines)          # a panel opened: its title and the focused line
    spoken_change(before, after)      # the focus moved: the new focused line; new problems after it
"""

from .kiosk_flow import FOCUS, PROBLEM

MARKERS = "▶▷ "


def _focus(lines):
    """The focused line: the one with the caret, else the first FOCUS one; None if neither."""
    return next((line for line in lines if line.caret is not None),
                next((line for line in lines if line.style == FOCUS), None))


def plain(text):
    """A line as it is read: without the marks drawn before it."""
    return text.lstrip(MARKERS).strip()


def spoken_change(before, after):
    """What to say when the panel's lines go from `before` to `after`, or None."""
    said = []
    if not before and after:
        said.append(plain(after[0].text))  # a panel opened: say what it is
    was, now = _focus(before), _focus(after)
    typing = was is not None and now is not None and now.caret is not None and was.target == now.target
    if now is not None and not typing and (was is None or (was.text, was.target) != (now.text, now.target)):
        said.append(plain(now.text))
    old_problems = {line.text for line in before if line.style == PROBLEM}
    said += [plain(line.text) for line in after if line.style == PROBLEM and line.text not in old_problems]
    return " · ".join(text for text in said if text) or None
