"""Characters no text may hold: those XML 1.0 cannot carry (C0 controls other than tab, line feed and
carriage return; U+FFFE, U+FFFF) and lone surrogates, which UTF-8 cannot. A path may not hold any C0
control at all. Used on input (text_input.py), on XML output and in logs; it imports nothing of the
server, so that all three can use it.
"""

from __future__ import annotations

import re

BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
BAD_IN_PATH = re.compile("[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def shown(text: str) -> str:
    """`text` with its bad characters written as escapes, safe to quote in an answer or a log."""
    return BAD_IN_PATH.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
