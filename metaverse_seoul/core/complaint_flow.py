"""Filing a complaint at a kiosk, step by step: choose the kind, fill in its form, review, submit,
then watch what the city does with it. Escape goes one step back; at the first step it closes.

Pure logic. The kiosk panel (world/kiosk_session.py) turns key events and clicks into press(), type()
and click(), carries out the effects they return on threads (LoadForm, Submit...), reports the
answers back (loaded_*, submitted, item_changed, failed) and draws screen() and buttons().
The form, review and status steps are kiosk_flow.KioskFlow's.
"""

from collections import Counter
from datetime import datetime

from .clock import SEOUL, system_clock
from .complaint_form import ComplaintForm
from .kiosk_effects import CLOSE, REFRESH_REQUESTS, LoadForm
from .kiosk_flow import (DIM, FOCUS, FORM, MARKS, PROBLEM, REVIEW, STATUS, SUBMITTING, Button, Chooser, KioskFlow,
                         Line, Step)
from .my_requests import requests_screen

TYPES, LOADING_FORM, MY_REQUESTS = "types", "loading_form", "my_requests"
RECENT = 3  # own submissions shown under the list
__all__ = ["DIM", "FOCUS", "FORM", "LOADING_FORM", "MARKS", "PROBLEM", "REVIEW", "STATUS", "SUBMITTING", "TYPES",
           "ComplaintFlow"]


class ComplaintFlow(KioskFlow):
    outbox_kind = strings_prefix = "complaint"
    form_back = TYPES
    back_on_failure = {**KioskFlow.back_on_failure, LOADING_FORM: TYPES}

    def __init__(self, title, place, t, clock=system_clock):
        """`title`: the kiosk's name; `place`: a complaint_form.Place; `t`: UI Strings; `clock()`: the time."""
        super().__init__(title, t, TYPES, clock)
        self.place = place
        self.services = None  # None until the city's list has arrived
        self.kinds = Chooser([])
        self.recent = []
        self.counts = None  # own complaints by status, once the outbox has been read
        self.drafts = {}  # service code -> ComplaintForm: stepping back keeps what was typed
        self._wanted = None  # the service whose form is being loaded
        self.requests = (None, None)  # (the resident's requests as the city last answered, why not)

    # --- answers from the panel ---------------------------------------------------------------
    def loaded_services(self, services):
        self.services = list(services)
        self.kinds = Chooser(self.services)

    def loaded_requests(self, records, error=None):
        """The resident's requests as the city answers now ("My requests"), or why it cannot."""
        self.requests = (records, error)

    def loaded_recent(self, items):
        """Own outbox items (any order): complaints are counted by status and the newest listed."""
        complaints = [item for item in items if item.kind == "complaint"]
        self.counts = Counter(item.status for item in complaints)
        self.recent = sorted(complaints, key=lambda item: item.id, reverse=True)[:RECENT]

    def loaded_definition(self, service, definition):
        if self.step != LOADING_FORM or service is not self._wanted:
            return  # the resident stepped back meanwhile
        self.form = ComplaintForm.from_definition(service, definition, self.place, self.t, self.clock())
        self.drafts[service.service_code] = self.form
        self.problems, self.step = [], FORM

    def submitted(self, item):
        self.drafts.pop(self.form.service_code, None)
        super().submitted(item)

    def define_steps(self):
        return {**super().define_steps(),
                TYPES: Step(self._types_key, self._types_lines, self._types_buttons),
                LOADING_FORM: Step(self._loading_form_key, self._loading_form_lines, self.back_buttons),
                MY_REQUESTS: Step(self._my_requests_key, self._my_requests_lines, self.back_buttons)}

    def step_list(self):
        return self.kinds if self.step == TYPES and self.services else None

    # --- keys ---------------------------------------------------------------------------------
    def _types_key(self, key):
        if key == "requests":
            self.step = MY_REQUESTS
            return REFRESH_REQUESTS
        if key == "escape" or (key == "enter" and not self.services):
            return CLOSE  # offline or still loading: Enter closes, as at every other kiosk
        if not self.services or self.kinds.press(key):
            return None
        if key == "enter":
            self.error = None
            service = self.kinds.chosen
            draft = self.drafts.get(service.service_code)
            if draft is not None:
                self.form, self.problems, self.step = draft, [], FORM
                return None
            self._wanted, self.step = service, LOADING_FORM
            return LoadForm(service)
        return None

    def _my_requests_key(self, key):
        if key in ("escape", "enter"):
            self.step = TYPES
        return None

    def _my_requests_lines(self):
        return requests_screen(*self.requests, self.t) + [Line(None, ""), Line(DIM, self.t("kiosk_back_key"))]

    def _loading_form_key(self, key):
        if key == "escape":
            self.step = TYPES
        return None

    def _types_buttons(self):
        buttons = [Button(self.t("button_close"), "escape")]
        if self.kinds.chosen is not None:
            buttons.append(Button(self.t("button_choose"), "enter"))
        return buttons + [Button(self.t("button_my_requests"), "requests")]

    # --- drawing ------------------------------------------------------------------------------
    def sent_line(self, item):
        if (item.server_id or "").startswith("token:"):
            return self.t("complaint_status_sent_token")
        return super().sent_line(item)

    def _service_name(self, code):
        names = {s.service_code: s.service_name for s in self.services or []}
        return names.get(code, code)

    def _types_lines(self):
        t = self.t
        lines = [Line(None, self.title)]
        if self.services is None and self.error is None:
            lines.append(Line(DIM, t("kiosk_loading")))
        elif self.services is not None:
            lines.append(Line(None, t("complaint_choose_type")))
            lines += self.kinds.lines(lambda service: service.service_name)
            if self.kinds.chosen is not None and self.kinds.chosen.description:
                lines.append(Line(DIM, "   " + self.kinds.chosen.description))
        else:
            lines.append(Line(None, t("kiosk_offline")))
        if self.counts is not None:
            lines += [Line(None, ""), Line(None, t("kiosk_outbox", pending=self.counts["pending"],
                                                   sent=self.counts["sent"], refused=self.counts["refused"]))]
            lines += [Line(None, self._recent_line(item)) for item in self.recent]
        keys = "complaint_types_keys" if self.services else "kiosk_close"
        return lines + [Line(None, ""), Line(DIM, t(keys))]

    def _recent_line(self, item):
        when = datetime.fromtimestamp(item.created_at, SEOUL).strftime("%m-%d %H:%M")
        name = self._service_name(item.payload.get("service_code", "?"))
        return f"· {name} · {when} · {self.status_line(item)}"

    def _loading_form_lines(self):
        return [Line(None, self.title), Line(DIM, self.t("complaint_loading_form")), Line(DIM, self.t("kiosk_back_key"))]

    def form_heading(self):
        lines = [Line(None, f"{self.title} · {self.form.service_name}")]
        return lines + [Line(PROBLEM, f"※ {notice}") for notice in self.form.notices]

    def review_lines(self):
        t, form = self.t, self.form
        lines = [Line(None, t("complaint_review_title", service=form.service_name))] + self.answered_lines()
        if form.place.located:
            name = form.place.names.get(t.lang) or form.place.names.get("en", "")
            lines.append(Line(None, t("complaint_location", place=name, lat=form.place.lat, long=form.place.long)))
        return lines + [Line(None, ""), Line(DIM, t("complaint_review_keys"))]

    def stored_line(self):
        return self.t("complaint_stored", service=self._service_name(self.item.payload.get("service_code", "?")))
