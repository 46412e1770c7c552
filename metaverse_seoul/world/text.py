"""Text in every language: one font (Noto Sans CJK subset) for all on-screen text."""

from panda3d.core import DepthWriteAttrib, Filename, TextNode, TextProperties, TextPropertiesManager

from ..paths import FONT_FILE

_font = None
# Named colours for lines of a panel (see styled_text); the complaint steps use them.
STYLE_COLOURS = {"focus": (1.0, 0.85, 0.35, 1), "problem": (1.0, 0.62, 0.56, 1), "dim": (0.74, 0.8, 0.88, 1)}
_MARKUP = str.maketrans("", "", "\1\2")  # TextNode's embedded-style markers


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
        # The text is drawn onto its card as a decal, a depth offset of one unit. In a 32-bit depth
        # buffer (Mesa's window; simplepbr renders into a 24-bit one) that offset is lost to rounding
        # and the card hid its own text: a card writes no depth, so nothing of it can hide the text.
        node.setAttrib(DepthWriteAttrib.make(DepthWriteAttrib.M_off))
    return node


def styled_text(lines):
    """One text from (style, text) lines: a style is a STYLE_COLOURS name or None (plain)."""
    manager = TextPropertiesManager.getGlobalPtr()
    for name, colour in STYLE_COLOURS.items():
        if not manager.hasProperties(name):
            properties = TextProperties()
            properties.setTextColor(*colour)
            manager.setProperties(name, properties)
    # Typed or server text must not open or close a style by itself.
    return "\n".join(f"\1{style}\1{text.translate(_MARKUP)}\2" if style else text.translate(_MARKUP)
                     for style, text in lines)
