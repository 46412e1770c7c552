"""Make assets/fonts/NotoSansCJK-Subset.otf from Debian's fonts-noto-cjk (SIL Open Font License 1.1).

The full Noto Sans CJK collection is ~20 MB per weight; the app needs Latin, all Hangul syllables,
kana, CJK punctuation and the ideographs of the national character sets (GB 2312 for Simplified
Chinese, JIS X 0208 for Japanese, KS X 1001 hanja), which keeps the shipped font to a few MB.

    python -m tools.make_font_subset [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TARGET = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSansCJK-Subset.otf"
FACE_NAME = "Noto Sans CJK KR"  # Korean glyph forms first: this is a Seoul app

RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x017F), (0x2000, 0x206F), (0x20A9, 0x20AC), (0x2100, 0x214F),
    (0x2190, 0x21FF), (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x2600, 0x26FF),
    (0x1100, 0x11FF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3130, 0x318F), (0x3200, 0x32FF),
    (0xAC00, 0xD7A3), (0xFF00, 0xFFEF),
]


def national_ideographs():
    """CJK ideographs in GB 2312, JIS X 0208 and KS X 1001 (each two-byte code decoded)."""
    chars = set()
    for codec in ("gb2312", "euc_jp", "euc_kr"):
        for lead in range(0xA1, 0xFF):
            for trail in range(0xA1, 0xFF):
                try:
                    ch = bytes((lead, trail)).decode(codec)
                except UnicodeDecodeError:
                    continue
                if 0x4E00 <= ord(ch) <= 0x9FFF or 0xF900 <= ord(ch) <= 0xFAFF:
                    chars.add(ord(ch))
    return chars


def main(source=SOURCE):
    collection = TTCollection(str(source))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == FACE_NAME)
    unicodes = set(national_ideographs())
    for low, high in RANGES:
        unicodes.update(range(low, high + 1))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(TARGET))
    print(f"{TARGET}: {TARGET.stat().st_size / 1e6:.1f} MB, {len(unicodes)} code points")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
