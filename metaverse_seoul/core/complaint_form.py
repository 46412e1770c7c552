"""A complaint form generated from an Open311 service definition and filled in from the keyboard.

Pure logic (no engine, no network): which fields a service asks for, moving between them, editing
them, checking them, and the payload the outbox later sends with CityServicesClient.submit_request.
The steps around it (choose a kind, review, watch the status) are complaint_flow.py.

Keys: Up/Down move through a list's choices and, past its ends, to the next or previous field;
a single-choice list takes the highlighted choice; Space ticks a multi-choice list's highlighted
choice; typed text goes into text fields; Backspace deletes a character or clears a list.
"""

import math
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

SEOUL = timezone(timedelta(hours=9))  # Korea keeps no daylight saving time
SINGLE, MULTI = "singlevaluelist", "multivaluelist"
# Character limits of the reference server (city_services); a city's server may accept more.
MAX_LENGTH = {"string": 500, "text": 4000, "number": 32, "datetime": 32}
DESCRIPTION_MAX = 4000
ADDRESS_MAX = 500
DESCRIPTION, ADDRESS = "description", "address_string"  # the fields every complaint has
DATETIME_SHOWN = "%Y-%m-%d %H:%M"
KNOWN_TYPES = (*MAX_LENGTH, SINGLE, MULTI)


@dataclass(frozen=True)
class Place:
    """Where the kiosk stands: the scene's titles ({lang: text}) and, when known, its coordinates."""

    names: dict
    lat: float | None = None
    long: float | None = None

    @classmethod
    def of_scene(cls, manifest):
        """The place of a scene manifest: its title, and its `location` when it has one."""
        where = manifest.location
        return cls(manifest.title, where.lat, where.long) if where else cls(manifest.title)

    @property
    def located(self):
        return self.lat is not None and self.long is not None


@dataclass(frozen=True)
class Choice:
    key: str
    name: str


@dataclass
class Field:
    code: str  # the Open311 attribute code, or DESCRIPTION / ADDRESS
    label: str
    datatype: str  # string | text | number | datetime | singlevaluelist | multivaluelist
    required: bool = False
    hint: str = ""
    choices: list = field(default_factory=list)
    max_length: int = 500
    text: str = ""
    chosen: list = field(default_factory=list)  # keys, kept in the order of `choices`
    cursor: int = -1  # the highlighted choice of a list; -1 = none

    @property
    def is_list(self):
        return self.datatype in (SINGLE, MULTI)

    @property
    def is_attribute(self):
        return self.code not in (DESCRIPTION, ADDRESS)

    @property
    def empty(self):
        return not self.chosen if self.is_list else not self.text.strip()

    def shown_value(self):
        """The answer as the resident reads it: choice names, or the typed text."""
        if self.is_list:
            return ", ".join(c.name for c in self.choices if c.key in self.chosen)
        return self.text.strip()

    def value(self):
        """The answer as Open311 wants it: a key, a list of keys, or text; None when not given."""
        if self.empty:
            return None
        if self.datatype == MULTI:
            return list(self.chosen)
        if self.datatype == SINGLE:
            return self.chosen[0]
        if self.datatype == "datetime":
            return parse_datetime(self.text).isoformat()
        return self.text.strip()


def parse_datetime(text):
    """'2026-11-27 14:30' (or ISO 8601) as an aware datetime; no offset means Seoul time."""
    moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    return moment if moment.tzinfo else moment.replace(tzinfo=SEOUL)


def _is_number(text):
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _is_datetime(text):
    try:
        parse_datetime(text)
    except ValueError:
        return False
    return True


def _typeable(char):
    # Control characters (Enter, Tab, Backspace also arrive as keystrokes) are keys, not text.
    return unicodedata.category(char) != "Cc"


def field_from_attribute(attribute, now):
    """A Field from an Open311 attribute definition (models.ServiceAttribute or alike)."""
    # An unknown datatype is still answerable as text.
    datatype = attribute.datatype if attribute.datatype in KNOWN_TYPES else "string"
    made = Field(code=attribute.code, label=attribute.description or attribute.code, datatype=datatype,
                 required=bool(attribute.required), hint=attribute.datatype_description or "",
                 choices=[Choice(v.key, v.name or v.key) for v in attribute.values],
                 max_length=MAX_LENGTH.get(datatype, 500))
    if datatype == "datetime":
        made.text = now.astimezone(SEOUL).strftime(DATETIME_SHOWN)  # most reports are about just now
    return made


class ComplaintForm:
    """The fields of one service's complaint, with a focus moved by keys."""

    def __init__(self, service_code, service_name, fields, place, notices=()):
        if not fields:
            raise ValueError("a complaint form needs at least one field")
        self.service_code = service_code
        self.service_name = service_name
        self.fields = fields
        self.place = place
        self.notices = list(notices)  # information the city shows with the form (non-variable attributes)
        self.focus = 0
        self.focus_on(0)

    @classmethod
    def from_definition(cls, service, definition, place, t, now=None):
        """The form for `service` (code and name) from its definition, at `place`.

        `t` gives the labels of the fields every complaint has (Strings of the UI language)."""
        now = now or datetime.now(SEOUL)
        attributes = sorted(definition.attributes, key=lambda a: a.order)
        fields = [field_from_attribute(a, now) for a in attributes if a.variable]
        for made in fields:
            if made.datatype == "datetime" and not made.hint:
                made.hint = t("complaint_datetime_hint")
        notices = [a.description for a in attributes if not a.variable and a.description]
        if not place.located:
            fields.append(Field(ADDRESS, t("complaint_address"), "string", required=True,
                                hint=t("complaint_address_hint"), max_length=ADDRESS_MAX))
        fields.append(Field(DESCRIPTION, t("complaint_description"), "text",
                            hint=t("complaint_description_hint", limit=DESCRIPTION_MAX),
                            max_length=DESCRIPTION_MAX))
        return cls(service.service_code, service.service_name, fields, place, notices)

    # --- moving ----------------------------------------------------------------------------
    @property
    def focused(self):
        return self.fields[self.focus]

    @property
    def at_last_field(self):
        return self.focus == len(self.fields) - 1

    def focus_on(self, index):
        self.focus = max(0, min(index, len(self.fields) - 1))
        here = self.focused
        if here.is_list:  # the highlight starts on the (first) chosen answer
            keys = [c.key for c in here.choices]
            here.cursor = keys.index(here.chosen[0]) if here.chosen else -1

    def next_field(self):
        self.focus_on(self.focus + 1)

    def previous_field(self):
        self.focus_on(self.focus - 1)

    def down(self):
        here = self.focused
        if here.is_list and here.cursor < len(here.choices) - 1:
            self._highlight(here.cursor + 1)
        else:
            self.next_field()

    def up(self):
        here = self.focused
        if here.is_list and here.cursor > 0:
            self._highlight(here.cursor - 1)
        else:
            self.previous_field()

    def _highlight(self, index):
        here = self.focused
        here.cursor = index
        if here.datatype == SINGLE:  # one answer: the highlighted one
            here.chosen = [here.choices[index].key]

    # --- editing ---------------------------------------------------------------------------
    def type(self, text):
        """Typed characters (a keystroke, or a syllable committed by the input method)."""
        here = self.focused
        if here.is_list:
            if here.datatype == MULTI and text == " " and here.cursor >= 0:
                self._toggle(here, here.choices[here.cursor].key)
            return
        typed = "".join(ch for ch in text if _typeable(ch))
        here.text = (here.text + typed)[:here.max_length]

    @staticmethod
    def _toggle(here, key):
        chosen = set(here.chosen) ^ {key}
        here.chosen = [c.key for c in here.choices if c.key in chosen]

    def backspace(self):
        here = self.focused
        if here.is_list:
            here.chosen, here.cursor = [], -1
        else:
            here.text = here.text[:-1]

    # --- checking and sending ----------------------------------------------------------------
    def problem_keys(self):
        """[(field index, i18n key)] for each field that cannot be sent as it is."""
        found = []
        for index, here in enumerate(self.fields):
            text = here.text.strip()
            if here.empty:
                if here.required:
                    found.append((index, "complaint_problem_required"))
            elif here.datatype == "number" and not _is_number(text):
                found.append((index, "complaint_problem_number"))
            elif here.datatype == "datetime" and not _is_datetime(text):
                found.append((index, "complaint_problem_datetime"))
        return found

    def problems(self, t):
        """[(field index, one line in the UI language)]."""
        return [(index, t(key, field=self.fields[index].label)) for index, key in self.problem_keys()]

    def payload(self):
        """Keyword arguments of submit_request (as the outbox stores them); the form must be valid."""
        if self.problem_keys():
            raise ValueError("the complaint form still has problems")
        values = {f.code: f.value() for f in self.fields if not f.empty}
        payload = {"service_code": self.service_code,
                   "attributes": {f.code: values[f.code] for f in self.fields
                                  if f.is_attribute and f.code in values}}
        if self.place.located:
            # The place's Korean name helps the city's staff, who read the request in Korean.
            payload.update(lat=self.place.lat, long=self.place.long,
                           address_string=self.place.names.get("ko") or None)
        else:
            payload["address_string"] = values[ADDRESS]
        if DESCRIPTION in values:
            payload["description"] = values[DESCRIPTION]
        return {key: value for key, value in payload.items() if value not in (None, {})}
