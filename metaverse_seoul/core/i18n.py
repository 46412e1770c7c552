"""Languages and user-interface strings.

Scene texts (titles, narration) live in the manifests; the app's own strings live in
assets/i18n/<lang>.yaml. A missing translation falls back to English, then to the key itself,
so a gap shows as readable text rather than a crash.
"""

from pathlib import Path

from .errors import InputError
from .yaml_files import load_yaml

LANGUAGES = ("ko", "en", "zh", "ja")
LANGUAGE_NAMES = {"ko": "한국어", "en": "English", "zh": "中文", "ja": "日本語"}
FALLBACK = "en"


def texts_problem(texts):
    """Why a {lang: text} mapping of a manifest is not complete, or None: all four languages needed."""
    missing = [code for code in LANGUAGES if not (texts or {}).get(code, "").strip()]
    if missing:
        return f"missing text for {', '.join(missing)} (need {', '.join(LANGUAGES)})"
    extra = sorted(set(texts) - set(LANGUAGES))
    return f"unknown language {extra[0]!r} (expected {', '.join(LANGUAGES)})" if extra else None


def pick(texts, lang):
    """Choose the text for `lang` from a {lang: text} mapping, falling back to English."""
    return texts.get(lang) or texts.get(FALLBACK) or next(iter(texts.values()), "")


class Strings:
    """The app's UI strings in one language, with English behind it."""

    def __init__(self, table, lang):
        self.lang = lang
        self._own = table.get(lang, {})
        self._fallback = table.get(FALLBACK, {})

    def __call__(self, key, **values):
        text = self._own.get(key) or self._fallback.get(key) or key
        return text.format(**values) if values else text


def load_strings(folder, lang):
    """Read assets/i18n/*.yaml (flat key: text mappings) and return Strings for `lang`."""
    table = {}
    for code in LANGUAGES:
        path = Path(folder) / f"{code}.yaml"
        if not path.exists():
            continue
        data = load_yaml(path) or {}
        if not isinstance(data, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            raise InputError(path, "expected a mapping of text keys to text")
        table[code] = data
    return Strings(table, lang)
