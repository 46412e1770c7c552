"""The kiosk panel as drawn on screen, and the mouse (or touch screen) on it.

It draws what it is given: lines (core.kiosk_flow.Line: style, text, what a click does, the caret),
buttons (Button: label, key) and, when asked, the rows of the on-screen keyboard. It knows nothing of
complaints or bookings: clicks go back through callbacks, `on_target(target)`, `on_button(key)` and
`on_key(key)`, which the kiosk session turns into the same flow calls as keys.

The mouse arrives the way the window delivers it (MousePointer): the pointer's position from the mouse
watcher, and the buttons (mouse1, the wheel) as events from its button thrower. Another pointer (a VR
controller's ray on a panel placed in the world) gives its own position() in the panel's units and
calls press() and release(). A click is a press and a release
on the same item; a press that moves more than DRAG_START vertically scrolls the lines instead (the
way a finger scrolls a touch screen); the wheel scrolls three lines. The item under the pointer is
highlighted.

Sizes follow the text scale; the panel's place comes from core.panel_layout (clear of the kiosk's
sign, inside the screen). When the lines do not fit, they scroll, and the focused one is kept in view.
"""

from dataclasses import dataclass
from typing import Callable

from direct.showbase.DirectObject import DirectObject
from panda3d.core import CardMaker, TextAssembler, TransparencyAttrib

from ..core.panel_layout import Rect
from ..core.spoken import spoken_change
from .text import STYLE_COLOURS, text_node

TEXT_SIZE = 0.05  # aspect2d units per text line at text scale 1.0
PAD = 0.6  # inner padding, in text lines
DRAG_START = 0.04  # aspect2d units a pressed pointer moves before it scrolls instead of clicking
WHEEL_LINES = 3
CARET_BLINK_S = 0.5
COLOURS = {
    "normal": {"panel": (0.05, 0.07, 0.1, 0.85), "text": (1, 1, 1, 1), "button": (0.2, 0.3, 0.42, 1),
               "key": (0.16, 0.2, 0.26, 1), "hover": (1, 1, 1, 0.16), "caret": (1, 0.85, 0.35, 1),
               "lit_text": (0, 0, 0, 1)},
    "contrast": {"panel": (0, 0, 0, 1), "text": (1, 1, 1, 1), "button": (0.1, 0.1, 0.1, 1),
                 "key": (0.08, 0.08, 0.08, 1), "hover": (1, 1, 0, 0.3), "caret": (1, 1, 0, 1),
                 "lit_text": (0, 0, 0, 1)},
}


class MousePointer:
    """The mouse (or a touch screen) over the 2D overlay: where it is, in aspect2d units, and its buttons."""

    def __init__(self, base):
        self.base = base
        self.events = DirectObject()

    def position(self):
        """The pointer in aspect2d units, or None when it is not over the window."""
        watcher = self.base.mouseWatcherNode
        if watcher is None or not watcher.hasMouse():
            return None
        mouse = watcher.getMouse()
        return mouse.getX() * self.base.getAspectRatio(), mouse.getY()

    def bind(self, press, release, wheel):
        self.events.accept("mouse1", press)
        self.events.accept("mouse1-up", release)
        self.events.accept("wheel_up", wheel, [-WHEEL_LINES])
        self.events.accept("wheel_down", wheel, [WHEEL_LINES])

    def unbind(self, press=None):
        self.events.ignoreAll()  # each panel has a MousePointer of its own


@dataclass
class Region:
    """A clickable part of the panel, in aspect2d units, what a click on it does, and what it says."""

    rect: Rect
    action: Callable
    label: str


def _card(parent, name, rect, colour, sort=0):
    """A flat rectangle; `sort` orders it among its siblings (lower is drawn first, further back)."""
    maker = CardMaker(name)
    maker.setFrame(rect.left, rect.right, rect.bottom, rect.top)
    card = parent.attachNewNode(maker.generate(), sort)
    card.setColor(*colour)
    if colour[3] < 1:
        card.setTransparency(TransparencyAttrib.M_alpha)
    return card


def panel_for(base, font, accessibility, rect, parent=None, pointer=None, speak=None):
    """A PanelView drawn as the visitor's accessibility settings ask (text size, contrast, motion),
    placed in `rect`: what kiosk panels and the app's menu both open."""
    view = PanelView(base, font, accessibility.text_scale, accessibility.high_contrast, parent=parent,
                     pointer=pointer, speak=speak, reduce_motion=accessibility.reduce_motion)
    view.place(rect)
    return view


class PanelView:
    def __init__(self, base, font, text_scale=1.0, high_contrast=False, parent=None, pointer=None, speak=None,
                 reduce_motion=False):
        """`parent`: where the panel is drawn (default the 2D overlay, aspect2d); `pointer`: what points at
        it (default the mouse); `speak(text)`: reads aloud what changed (the focus, new problems);
        `reduce_motion`: the caret stays still instead of blinking."""
        self.base = base
        self.speak = speak or (lambda text: None)
        self.font = font
        self.size = TEXT_SIZE * text_scale
        self.line_height = self.size * font.getLineHeight()
        self.colours = COLOURS["contrast" if high_contrast else "normal"]
        self.high_contrast = high_contrast
        self.root = (parent if parent is not None else base.aspect2d).attachNewNode("kiosk-panel")
        self.root.setBin("fixed", 40)  # over the HUD's notices, under the loading screen
        self.content = None  # the nodes of what is drawn now, replaced on each draw
        self.rect = Rect(-1.2, 0.2, -0.9, 0.9)  # where the panel may be (place() sets it)
        self.drawn = Rect(0, 0, 0, 0)  # the panel's background as drawn
        self.regions = []
        self.texts = []
        self.scroll = 0  # index of the first line shown
        self.more_above = self.more_below = False
        self._shown = range(0)  # indices of the lines drawn
        self._hover = None
        self._pressed = None  # (region, pointer y) while mouse1 is held down on the panel
        self._dragged = False
        self._caret = None
        self.on_target = self.on_button = self.on_key = lambda value: None
        self.shown = ([], [], None, frozenset())  # (lines, buttons, keyboard rows, lit keys) as last drawn
        self.pointer = pointer if pointer is not None else MousePointer(base)
        self.pointer.bind(self.press, self.release, self.wheel)
        # This panel's own tasks, removed by themselves: another panel (the menu over a kiosk) has its own.
        self._tasks = [base.taskMgr.add(self._pointer_task, "panel-pointer", sort=-30)]
        if not reduce_motion:
            self._tasks.append(base.taskMgr.doMethodLater(CARET_BLINK_S, self._blink, "panel-caret"))

    # --- drawing --------------------------------------------------------------------------------
    def place(self, rect):
        self.rect = rect

    def draw(self, lines, buttons=(), keyboard=None, lit=frozenset(), follow_focus=True):
        """Draw `lines` (Line), `buttons` (Button) and, if given, the keyboard's rows (of core Key), the
        keys whose action is in `lit` (Shift while it is on) marked. `follow_focus`: scroll so the focused
        line (the caret's, or the first FOCUS one) shows."""
        said = spoken_change(self.shown[0], lines)
        self.shown = (list(lines), list(buttons), keyboard, lit)
        if said:
            self.speak(said)
        if self.content is not None:
            self.content.removeNode()
        self.content = self.root.attachNewNode("content")
        self.regions, self._hover, self._caret = [], None, None
        self.texts = []  # (NodePath, RGBA) of every text drawn: what legibility checks measure
        pad = self.size * PAD
        inner_width = self.rect.width - 2 * pad
        texts = [self._line_node(line, inner_width) for line in lines]
        heights = [max(1, node.getNumRows()) * self.line_height for node in texts]
        button_height = self.line_height * 1.7 if buttons else 0
        keyboard_height = self._keyboard_height(keyboard)
        room = self.rect.height - 2 * pad - button_height - keyboard_height
        if follow_focus:
            self._scroll_to_focus(lines, heights, room)
        shown_height = self._visible_height(heights, room)
        total = 2 * pad + shown_height + button_height + keyboard_height
        self.drawn = Rect(self.rect.left, self.rect.right, self.rect.top - total, self.rect.top)
        _card(self.content, "panel", self.drawn, self.colours["panel"], sort=-2)
        top = self.rect.top - pad
        self._draw_lines(lines, texts, heights, top, shown_height)
        self._draw_buttons(buttons, top - shown_height - self.line_height * 0.2)
        if keyboard:
            self._draw_keyboard(keyboard, lit, top - shown_height - button_height, inner_width)

    def redraw(self, follow_focus=False):
        self.draw(*self.shown, follow_focus=follow_focus)

    def _line_node(self, line, width):
        colour = self.colours["text"] if line.style is None else STYLE_COLOURS[line.style]
        node = text_node("line", line.text or " ", self.font, align="left", color=colour,
                         wordwrap=width / self.size)
        return node

    def _place_text(self, node, x, y):
        """A text node drawn at (x, y) (its first baseline), at the panel's text size."""
        path = self.content.attachNewNode(node)
        path.setScale(self.size)
        path.setPos(x, 0, y)
        self.texts.append((path, tuple(node.getTextColor())))
        return path

    def _scroll_to_focus(self, lines, heights, room):
        focus = next((i for i, line in enumerate(lines) if line.caret is not None),
                     next((i for i, line in enumerate(lines) if line.style == "focus"), None))
        if focus is None:
            self.scroll = min(self.scroll, max(0, len(lines) - 1))
            return
        if focus < self.scroll:
            self.scroll = focus
        while self.scroll < focus and sum(heights[self.scroll:focus + 1]) > room:
            self.scroll += 1

    def _visible_height(self, heights, room):
        self.scroll = max(0, min(self.scroll, len(heights) - 1))
        while self.scroll > 0 and sum(heights[self.scroll - 1:]) <= room:
            self.scroll -= 1  # never scrolled past the point where the last lines fill the room
        used, count = 0.0, 0
        for height in heights[self.scroll:]:
            if used + height > room and count > 0:
                break
            used, count = used + height, count + 1
        self.more_above = self.scroll > 0
        self.more_below = self.scroll + count < len(heights)
        self._shown = range(self.scroll, self.scroll + count)
        return used

    def _draw_lines(self, lines, texts, heights, top, shown_height):
        left = self.rect.left + self.size * PAD
        y = top
        for index in self._shown:
            line, node, height = lines[index], texts[index], heights[index]
            path = self._place_text(node, left, y - self.line_height * 0.78)  # the first baseline under the top
            if line.target is not None:
                self._region(Rect(left, self.rect.right - self.size * PAD, y - height, y),
                             lambda target=line.target: self.on_target(target), line.text)
            if line.caret is not None:
                self._draw_caret(node, line.caret, path)
            y -= height
        marks = [("▲", top), ("▼", top - shown_height + self.line_height)]
        for mark, at in marks:
            if (mark == "▲" and self.more_above) or (mark == "▼" and self.more_below):
                self._place_text(text_node("more", mark, self.font, align="right", color=STYLE_COLOURS["dim"]),
                                 self.rect.right - self.size * 0.3, at - self.line_height * 0.78)

    def _draw_caret(self, node, caret, path):
        assembler = TextAssembler(node)
        assembler.setProperties(node)
        assembler.setWtext(node.getWtext())
        row, column = assembler.calcR(caret), assembler.calcC(caret)
        x = assembler.getXpos(row, column)
        y = -row * self.font.getLineHeight()
        self._caret = _card(path, "caret", Rect(x, x + 0.08, y - 0.22, y + 0.8), self.colours["caret"])

    def _draw_buttons(self, buttons, top):
        x = self.rect.left + self.size * PAD
        height = self.line_height * 1.4
        for button in buttons:
            label = text_node("button", button.label, self.font, align="left", color=self.colours["text"])
            width = label.getWidth() * self.size + self.size * 1.2
            rect = Rect(x, x + width, top - height, top)
            _card(self.content, "button", rect, self.colours["button"])
            self._place_text(label, x + self.size * 0.6, top - height * 0.68)
            self._region(rect, lambda key=button.key: self.on_button(key), button.label)
            x += width + self.size * 0.6

    def _keyboard_height(self, keyboard):
        return len(keyboard) * self.line_height * 1.5 + self.line_height * 0.4 if keyboard else 0

    def _draw_keyboard(self, rows, lit, top, inner_width):
        widest = max(sum(key.width for key in row) for row in rows)
        unit = inner_width / widest
        height = self.line_height * 1.5
        y = top - self.line_height * 0.4
        for row in rows:
            # Rows are centred, as on a keyboard, where the shorter rows are set in.
            x = self.rect.left + self.size * PAD + (widest - sum(key.width for key in row)) * unit / 2
            for key in row:
                rect = Rect(x + unit * 0.05, x + unit * key.width - unit * 0.05, y - height * 0.92, y)
                on = key.action in lit
                _card(self.content, "key", rect, self.colours["caret" if on else "key"])
                if on:  # not by colour alone: a bar under the label too
                    bar = Rect(rect.left + unit * 0.2, rect.right - unit * 0.2, rect.bottom + height * 0.08,
                               rect.bottom + height * 0.15)
                    _card(self.content, "lit", bar, self.colours["lit_text"])
                colour = self.colours["lit_text"] if on else self.colours["text"]
                self._place_text(text_node("key", key.label, self.font, color=colour),
                                 (rect.left + rect.right) / 2, y - height * 0.62)
                self._region(rect, lambda pressed=key: self.on_key(pressed), key.label)
                x += unit * key.width
            y -= height

    def _region(self, rect, action, label):
        self.regions.append(Region(rect, action, label))

    # --- the pointer ----------------------------------------------------------------------------
    def region_at(self, point):
        if point is None:
            return None
        return next((region for region in reversed(self.regions) if region.rect.contains(*point)), None)

    def over_panel(self):
        point = self.pointer.position()
        return point is not None and self.drawn.contains(*point)

    def _pointer_task(self, task):
        point = self.pointer.position()
        if self._pressed is not None and point is not None:
            region, anchor_y = self._pressed
            moved = point[1] - anchor_y
            if self._dragged or abs(moved) > DRAG_START:
                self._dragged = True
                lines = int(moved / self.line_height)
                if lines:
                    self.scroll_by(lines)
                    self._pressed = (region, anchor_y + lines * self.line_height)
        self._show_hover(self.region_at(point) if self._pressed is None else None)
        return task.cont

    def _show_hover(self, region):
        if region is self._hover:
            return
        self._hover = region
        for old in self.content.findAllMatches("hover") if self.content is not None else []:
            old.removeNode()
        if region is not None:
            _card(self.content, "hover", region.rect, self.colours["hover"], sort=-1)  # behind the text

    def press(self):
        """The pointer's button went down (over the panel: a click or a drag may begin)."""
        point = self.pointer.position()
        if point is None or not self.drawn.contains(*point):
            return
        self._pressed, self._dragged = (self.region_at(point), point[1]), False

    def release(self):
        """The pointer's button came up: a click if it is still over the item it went down on."""
        if self._pressed is None:
            return
        region, dragged = self._pressed[0], self._dragged
        self._pressed, self._dragged = None, False
        under = self.region_at(self.pointer.position())
        # The same item, even if the panel was drawn again in between (a city's answer came): its action now.
        if region is not None and under is not None and not dragged and (under.label, under.rect) == (region.label, region.rect):
            under.action()

    def wheel(self, lines):
        if self.over_panel():
            self.scroll_by(lines)

    def scroll_by(self, lines):
        """Scroll by `lines` (positive: later lines come up, as when a finger pushes them up)."""
        before = self.scroll
        self.scroll = max(0, self.scroll + lines)
        self.redraw(follow_focus=False)
        return self.scroll != before

    def _blink(self, task):
        if self._caret is not None:
            if self._caret.isHidden():
                self._caret.show()
            else:
                self._caret.hide()
        return task.again

    def set_active(self, active):
        """Shown and taking the pointer, or hidden and deaf (another panel is over it)."""
        self.pointer.unbind(self.press)
        if active:
            self.root.show()
            self.pointer.bind(self.press, self.release, self.wheel)
        else:
            self.root.hide()
            self._pressed = None

    def destroy(self):
        self.pointer.unbind(self.press)
        for task in self._tasks:
            self.base.taskMgr.remove(task)
        self.root.removeNode()
