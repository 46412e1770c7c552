"""Text in every language: one font (Noto Sans CJK subset) for all on-screen text."""

from panda3d.core import Filename, TextNode

from ..paths import FONT_FILE

_font = None


def ui_font(loader):
    """The app font, loaded once; Panda3D's default font has no Hangul, so it is never used."""
    global _font
    if _font is None:
        pooled = loader.loadFont(Filename.fromOsSpecific(str(FONT_FILE)).getFullpath())
        if not pooled or not pooled.isValid():
            raise RuntimeError(f"font {FONT_FILE} could not be loaded")
        # Our own copy: the pooled font may already have glyph pages, after which its size is fixed.
        font = pooled.makeCopy()
        font.setPixelsPerUnit(64)
        font.setPageSize(1024, 1024)
        TextNode.setDefaultFont(font)
        _font = font
    return _font


def text_node(name, text, font, align="center", color=(1, 1, 1, 1), wordwrap=None, card=None):
    """A TextNode with our font; `card` is an optional background colour (RGBA)."""
    node = TextNode(name)
    node.setFont(font)
    node.setText(text)
    node.setAlign({"left": TextNode.ALeft, "center": TextNode.ACenter, "right": TextNode.ARight}[align])
    node.setTextColor(*color)
    if wordwrap:
        node.setWordwrap(wordwrap)
    if card:
        node.setCardColor(*card)
        node.setCardAsMargin(0.4, 0.4, 0.25, 0.25)
        node.setCardDecal(True)
    return node
