"""A complaint form generated from an Open311 service definition and filled in from the keyboard.

Pure logic (no engine, no network): which fields a service asks for and the payload the outbox
later sends with CityServicesClient.submit_request. Moving, typing and checking the fields is
key_form.KeyForm's; the steps around the form (choose a kind, review, watch the status) are
complaint_flow.py.
"""

from dataclasses import dataclass

from .clock import SEOUL
from .i18n import pick
from .key_form import EMAIL, MULTI, PHONE, SINGLE, Choice, Field, KeyForm

# Character limits of the reference server (city_services); a city's server may accept more.
MAX_LENGTH = {"string": 500, "text": 4000, "number": 32, "datetime": 32}
DESCRIPTION_MAX = 4000
ADDRESS_MAX = 500
# The fields every complaint has, besides the service's own; "@" keeps their codes apart from any
# attribute code a city's service definition may use.
DESCRIPTION, ADDRESS, WHERE = "@description", "@address", "@where"
HERE, ELSEWHERE = "here", "elsewhere"  # WHERE's choices: the place of the kiosk, or another one
# Optional contact details for the city's answer (Open311 first_name, phone, email): never public.
CONTACT = {"first_name": ("@first_name", "string", 100), "phone": ("@phone", PHONE, 40),
           "email": ("@email", EMAIL, 254)}
DATETIME_SHOWN = "%Y-%m-%d %H:%M"
KNOWN_TYPES = (*MAX_LENGTH, SINGLE, MULTI)
__all__ = ["ADDRESS", "CONTACT", "DESCRIPTION", "ELSEWHERE", "HERE", "MULTI", "SEOUL", "SINGLE", "WHERE",
           "ComplaintForm", "Place"]


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


def place_fields(place, t):
    """Where the complaint is about: at a kiosk whose place is known, that place or another one, with an
    address or a landmark for the other; elsewhere, the address alone (required)."""
    if not place.located:
        return [Field(ADDRESS, t("complaint_address"), "string", required=True, hint=t("complaint_address_hint"),
                      max_length=ADDRESS_MAX)]
    here = Choice(HERE, t("complaint_where_here", place=pick(place.names, t.lang)))
    elsewhere = Choice(ELSEWHERE, t("complaint_where_elsewhere"))
    return [Field(WHERE, t("complaint_where"), SINGLE, required=True, choices=[here, elsewhere], chosen=[HERE]),
            Field(ADDRESS, t("complaint_address_other"), "string", hint=t("complaint_address_other_hint"),
                  max_length=ADDRESS_MAX)]


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
    def from_definition(cls, service, definition, place, t, now):
        """The form for `service` (code and name) from its definition, at `place`.

        `t` gives the labels of the fields every complaint has (Strings of the UI language); `now`
        is the time a date field starts at."""
        attributes = sorted(definition.attributes, key=lambda a: a.order)
        fields = [field_from_attribute(a, now) for a in attributes if a.variable]
        for made in fields:
            if made.datatype == "datetime" and not made.hint:
                made.hint = t("complaint_datetime_hint")
        notices = [a.description for a in attributes if not a.variable and a.description]
        fields += place_fields(place, t)
        fields.append(Field(DESCRIPTION, t("complaint_description"), "text",
                            hint=t("complaint_description_hint", limit=DESCRIPTION_MAX),
                            max_length=DESCRIPTION_MAX))
        fields += [Field(code, t(f"complaint_contact_{name}"), datatype, max_length=limit,
                         hint=t("complaint_contact_hint") if name == "first_name" else "")
                   for name, (code, datatype, limit) in CONTACT.items()]
        return cls(service.service_code, service.service_name, fields, place, notices)

    def _field(self, code):
        return next((index, here) for index, here in enumerate(self.fields) if here.code == code)

    @property
    def elsewhere(self):
        """The complaint is about another place than the kiosk's (or the kiosk's place is not known)."""
        return not self.place.located or self._field(WHERE)[1].chosen == [ELSEWHERE]

    def problem_keys(self):
        found = super().problem_keys()
        index, address = self._field(ADDRESS)
        if self.elsewhere and address.empty and (index, "form_problem_required") not in found:
            found = sorted(found + [(index, "complaint_problem_address")])
        return found

    def payload(self):
        """Keyword arguments of submit_request (as the outbox stores them); the form must be valid."""
        if self.problem_keys():
            raise ValueError("the complaint form still has problems")
        values = self.values()
        payload = {"service_code": self.service_code,
                   "attributes": {f.code: values[f.code] for f in self.fields
                                  if not f.code.startswith("@") and f.code in values}}
        if self.elsewhere:
            payload["address_string"] = values[ADDRESS]
        else:
            # The place's Korean name helps the city's staff, who read the request in Korean; a spot
            # the resident wrote there says where exactly.
            payload.update(lat=self.place.lat, long=self.place.long,
                           address_string=values.get(ADDRESS) or self.place.names.get("ko") or None)
        if DESCRIPTION in values:
            payload["description"] = values[DESCRIPTION]
        for name, (code, _, _) in CONTACT.items():
            payload[name] = values.get(code)
        return {key: value for key, value in payload.items() if value not in (None, {})}
