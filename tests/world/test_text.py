"""Korean, Chinese and Japanese text render as glyphs, not as empty boxes."""

import pytest
from panda3d.core import (Camera, Filename, FontPool, FrameBufferProperties, GraphicsEngine, GraphicsOutput,
                          GraphicsPipe, GraphicsPipeSelection, NodePath, OrthographicLens, PNMImage, Texture,
                          WindowProperties)

from metaverse_seoul.core.i18n import LANGUAGES, load_strings
from metaverse_seoul.paths import ASSETS_DIR, FONT_FILE
from metaverse_seoul.world.engine import configure_engine
from metaverse_seoul.world.text import text_node


@pytest.fixture(scope="module")
def font():
    loaded = FontPool.loadFont(Filename.fromOsSpecific(str(FONT_FILE)).getFullpath())
    assert loaded is not None and loaded.isValid()
    return loaded


def has_glyph(font, char):
    # A missing character comes back as a placeholder glyph for character 0.
    return font.getGlyph(ord(char)).getCharacter() == ord(char)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_ui_string_is_covered_by_the_font(font, lang):
    strings = load_strings(ASSETS_DIR / "i18n", lang)
    missing = {ch for text in strings._own.values() for ch in text
               if not ch.isspace() and not has_glyph(font, ch)}
    assert not missing, f"{lang}: the font lacks {''.join(sorted(missing))}"


def test_a_missing_glyph_is_detected(font):
    assert not has_glyph(font, "\U0001F600")  # sanity check of has_glyph itself


def render_text(text, font, size=(320, 80)):
    """Draw white text on black into an offscreen buffer and read the pixels back."""
    configure_engine(*size, offscreen=False)  # the tests' one display (tests/world/conftest.py)
    engine = GraphicsEngine.getGlobalPtr()
    pipe = GraphicsPipeSelection.getGlobalPtr().makeDefaultPipe()
    props = FrameBufferProperties()
    props.setRgbColor(True)
    buffer = engine.makeOutput(pipe, "text-test", 0, props, WindowProperties.size(*size),
                               GraphicsPipe.BF_refuse_window, None, None)
    assert buffer is not None, "no offscreen buffer"
    texture = Texture()
    buffer.addRenderTexture(texture, GraphicsOutput.RTM_copy_ram)
    buffer.setClearColor((0, 0, 0, 1))
    root = NodePath("root")
    label = root.attachNewNode(text_node("t", text, font))
    label.setScale(0.5)
    label.setPos(0, 0, -0.15)
    camera = root.attachNewNode(Camera("camera"))
    lens = OrthographicLens()
    lens.setFilmSize(4, 1)
    lens.setNearFar(-10, 10)
    camera.node().setLens(lens)
    buffer.makeDisplayRegion().setCamera(camera)
    engine.renderFrame()
    engine.renderFrame()
    image = PNMImage()
    texture.store(image)
    engine.removeWindow(buffer)
    return image


def ink(image):
    """Share of bright pixels, and the picture as a tuple to compare two renders."""
    pixels = [round(image.getBright(x, y)) for y in range(image.getYSize()) for x in range(image.getXSize())]
    return sum(pixels) / len(pixels), tuple(pixels)


@pytest.mark.parametrize("first, second", [("서울광장", "민원신청"), ("首尔广场", "投诉"), ("ソウル広場", "予約")])
def test_cjk_text_renders_as_distinct_glyphs(font, first, second):
    ink_a, picture_a = ink(render_text(first, font))
    ink_b, picture_b = ink(render_text(second, font))
    # Something is drawn, and two different words look different: missing glyphs would draw the
    # same boxes (or nothing) for both.
    assert 0.01 < ink_a < 0.6 and 0.01 < ink_b < 0.6
    assert picture_a != picture_b
