"""Using a kiosk panel with the mouse alone, in a real window: clicks on its lines, buttons and the keys
of its on-screen keyboard, put into the window's input device (window_input.py)."""

from metaverse_seoul.core.hangul import hangul_keys, jamo_for_key

from .window_input import click


def regions(app):
    return app.kiosk_panel.view.regions


def region(app, label, exact=False):
    """The clickable region whose label is `label`, or else (unless `exact`) the first that contains it."""
    found = [r for r in regions(app) if r.label == label]
    if not found and not exact:
        found = [r for r in regions(app) if label in r.label]
    assert found, f"nothing labelled {label!r} on the panel: {[r.label for r in regions(app)]}"
    return found[0]


def click_on(app, label, exact=False):
    rect = region(app, label, exact).rect
    click(app, (rect.left + rect.right) / 2, (rect.bottom + rect.top) / 2)


def keyboard(app):
    return app.kiosk_panel.session.flow.keyboard


def _to_page(app, page, click_key):
    """Click the keys that bring the on-screen keyboard to `page` (ko, en or symbols)."""
    for _ in range(3):
        now = keyboard(app).page
        if now == page:
            return
        if page == "symbols":
            click_key(app, "!#1", exact=True)
        elif now == "symbols":
            click_key(app, {"ko": "가", "en": "ABC"}[keyboard(app).letters_page], exact=True)
        else:
            click_key(app, "한/영", exact=True)
    assert keyboard(app).page == page


def type_on_screen(app, text, click_key=click_on):
    """Type `text` (Hangul, digits, punctuation, spaces) by clicking the on-screen keyboard's keys, as a
    resident with a mouse or a touch screen does: Hangul through its 2-beolsik jamo keys, Shift for
    the double consonants. `click_key(app, label, exact)`: how a key is clicked (the mouse by default;
    a headset's laser in test_headset)."""
    for key in hangul_keys(text):
        jamo = jamo_for_key(key)
        if jamo is not None:
            _to_page(app, "ko", click_key)
            if key.isupper():
                click_key(app, "⇧", exact=True)
            click_key(app, jamo, exact=True)
        elif key == " ":
            click_key(app, next(r.label for r in regions(app) if r.label in ("한국어", "English")), exact=True)
        else:
            _to_page(app, "symbols", click_key)
            click_key(app, key, exact=True)
