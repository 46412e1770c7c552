"""Contrast between two colours as WCAG 2.2 defines it (success criterion 1.4.3: at least 4.5:1 for
text). Colours are sRGB components from 0 to 1, as the framebuffer holds them.

    contrast_ratio((1, 1, 1), (0, 0, 0))   # 21.0
"""

AA_TEXT = 4.5


def _linear(component):
    return component / 12.92 if component <= 0.04045 else ((component + 0.055) / 1.055) ** 2.4


def luminance(rgb):
    red, green, blue = (_linear(c) for c in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
