"""A complaint form generated from an Open311 service definition and filled in from the keyboard.

Pure logic (no engine, no network): which fields a service asks for and the payload the outbox
later sends with CityServicesClient.submit_request. Moving, typing and checking the fields is
key_form.KeyForm's; the steps around the form (choose a kind, review, watch the status) are
complaint_flow.py.
"""

from dataclasses import dataclass
from datetime import datetime

from .key_form import MULTI, SEOUL, SINGLE, Choice, Field, KeyForm

# Character limits of the reference server (city_services); a city's server may accept more.
MAX_LENGTH = {"string": 500, "text": 4000, "number": 32, "datetime": 32}
DESCRIPTION_MAX = 4000
ADDRESS_MAX = 500
DESCRIPTION, ADDRESS = "description", "address_string"  # the fields every complaint has
DATETIME_SHOWN = "%Y-%m-%d %H:%M"
KNOWN_TYPES = (*MAX_LENGTH, SINGLE, MULTI)
__all__ = ["ADDRESS", "DESCRIPTION", "MULTI", "SEOUL", "SINGLE", "ComplaintForm", "Place"]


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


class ComplaintForm(KeyForm):
    """The fields of one service's complaint (key_form.KeyForm: focus, typing, checking)."""

    def __init__(self, service_code, service_name, fields, place, notices=()):
        super().__init__(fields)
        self.service_code = service_code
        self.service_name = service_name
        self.place = place
        self.notices = list(notices)  # information the city shows with the form (non-variable attributes)

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

    def payload(self):
        """Keyword arguments of submit_request (as the outbox stores them); the form must be valid."""
        if self.problem_keys():
            raise ValueError("the complaint form still has problems")
        values = self.values()
        payload = {"service_code": self.service_code,
                   "attributes": {f.code: values[f.code] for f in self.fields
                                  if f.code not in (DESCRIPTION, ADDRESS) and f.code in values}}
        if self.place.located:
            # The place's Korean name helps the city's staff, who read the request in Korean.
            payload.update(lat=self.place.lat, long=self.place.long,
                           address_string=self.place.names.get("ko") or None)
        else:
            payload["address_string"] = values[ADDRESS]
        if DESCRIPTION in values:
            payload["description"] = values[DESCRIPTION]
        return {key: value for key, value in payload.items() if value not in (None, {})}
