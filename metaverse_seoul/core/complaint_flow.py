"""Filing a complaint at a kiosk, step by step: choose the kind, fill in its form, review, submit,
then watch what the city does with it. Escape goes one step back; at the first step it closes.

Pure logic. The kiosk panel (world/kiosk_complaints.py) turns key events into press() and type(),
carries out what press() asks for on threads (an Effect: load a form, store in the outbox...),
reports the answers back (loaded_*, submitted, item_changed, failed) and draws screen().
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from .complaint_form import MULTI, SEOUL, ComplaintForm

TYPES, LOADING_FORM, FORM, REVIEW, SUBMITTING, STATUS = (
    "types", "loading_form", "form", "review", "submitting", "status")
FOCUS, PROBLEM, DIM = "focus", "problem", "dim"  # line styles; the panel gives them colours
MARKS = "▶▷●○■□※…—"  # drawn by this module besides the UI strings: the font must have them
LISTED = 9  # kinds of complaint shown at once (the list scrolls)
RECENT = 3  # own submissions shown under the list
TEXT_TAIL = 120  # characters of a long text shown while typing
REASON_MAX = 160


@dataclass(frozen=True)
class Effect:
    """Work press() leaves to the panel: close, home (reload own submissions),
    load_form (service), submit (payload for Outbox.submit("complaint", ...))."""

    kind: str
    service: object = None
    payload: dict | None = None


CLOSE, HOME = Effect("close"), Effect("home")


def status_line(item, t):
    """What became of an outbox item, in the UI language."""
    if item.status == "sent":
        if (item.server_id or "").startswith("token:"):
            return t("complaint_status_sent_token")
        return t("complaint_status_sent", id=item.server_id)
    if item.status == "refused":
        reason = item.refusal_reason or item.refusal_code or "?"
        return t("complaint_status_refused", reason=reason[:REASON_MAX])
    return t("complaint_status_pending")


def _tail(text, limit=TEXT_TAIL):
    return text if len(text) <= limit else "…" + text[-limit:]


def _answer(label, value, required=False):
    """'Label*: value'; a label that is a question takes no colon ('언제 보셨나요?* 14:30')."""
    mark = "*" if required else ""
    return f"{label}{mark} {value}" if label.endswith(("?", "？", ":", "：")) else f"{label}{mark}: {value}"


class ComplaintFlow:
    def __init__(self, title, place, t):
        """`title`: the kiosk's name; `place`: a complaint_form.Place; `t`: UI Strings."""
        self.title = title
        self.place = place
        self.t = t
        self.step = TYPES
        self.services = None  # None until the city's list has arrived
        self.cursor = 0
        self.recent = []
        self.counts = None  # own complaints by status, once the outbox has been read
        self.error = None  # one line: what did not work on this step
        self.drafts = {}  # service code -> ComplaintForm: stepping back keeps what was typed
        self.form = None
        self.problems = []
        self.item = None
        self._wanted = None  # the service whose form is being loaded

    # --- answers from the panel ---------------------------------------------------------------
    def loaded_services(self, services):
        self.services, self.cursor = list(services), 0

    def loaded_recent(self, items):
        """Own outbox items (any order): complaints are counted by status and the newest listed."""
        complaints = [item for item in items if item.kind == "complaint"]
        self.counts = Counter(item.status for item in complaints)
        self.recent = sorted(complaints, key=lambda item: item.id, reverse=True)[:RECENT]

    def loaded_definition(self, service, definition, now=None):
        if self.step != LOADING_FORM or service is not self._wanted:
            return  # the resident stepped back meanwhile
        self.form = ComplaintForm.from_definition(service, definition, self.place, self.t, now)
        self.drafts[service.service_code] = self.form
        self.problems, self.step = [], FORM

    def failed(self, message):
        """A fetch or the store did not work: say so where the resident is (a form load goes back)."""
        self.error = message
        if self.step == LOADING_FORM:
            self.step = TYPES
        elif self.step == SUBMITTING:
            self.step = REVIEW

    def submitted(self, item):
        self.drafts.pop(self.form.service_code, None)
        self.item, self.step, self.error = item, STATUS, None

    def item_changed(self, item):
        if self.item is not None and item.id == self.item.id:
            self.item = item

    # --- keys ---------------------------------------------------------------------------------
    def press(self, key):
        """A named key (up, down, tab, enter, escape, backspace); returns an Effect or None."""
        return getattr(self, f"_{self.step}_key")(key)

    def type(self, text):
        if self.step == FORM:
            self.form.type(text)
            self._recheck()

    def _types_key(self, key):
        if key == "escape" or (key == "enter" and not self.services):
            return CLOSE  # offline or still loading: Enter closes, as at every other kiosk
        if not self.services:
            return None
        if key in ("up", "down"):
            self.cursor = max(0, min(len(self.services) - 1, self.cursor + (1 if key == "down" else -1)))
        elif key == "enter":
            self.error = None
            service = self.services[self.cursor]
            draft = self.drafts.get(service.service_code)
            if draft is not None:
                self.form, self.problems, self.step = draft, [], FORM
                return None
            self._wanted, self.step = service, LOADING_FORM
            return Effect("load_form", service=service)
        return None

    def _loading_form_key(self, key):
        if key == "escape":
            self.step = TYPES
        return None

    def _form_key(self, key):
        form = self.form
        if key == "escape":
            self.step = TYPES
        elif key == "enter" and form.at_last_field:
            self.problems = form.problems(self.t)
            if self.problems:
                form.focus_on(self.problems[0][0])
            else:
                self.step, self.error = REVIEW, None
        elif key in ("enter", "tab"):
            form.next_field()
        elif key in ("up", "down", "backspace"):
            getattr(form, key)()
            self._recheck()
        return None

    def _recheck(self):
        if self.problems:  # once shown, problems go away as they are fixed
            self.problems = self.form.problems(self.t)

    def _review_key(self, key):
        if key == "escape":
            self.step = FORM
        elif key == "enter":
            self.step, self.error = SUBMITTING, None
            return Effect("submit", payload=self.form.payload())
        return None

    def _submitting_key(self, key):
        return None  # storing takes a moment; nothing to do until it is stored

    def _status_key(self, key):
        if key in ("enter", "escape"):
            self.step, self.item, self.form = TYPES, None, None
            return HOME
        return None

    # --- drawing ------------------------------------------------------------------------------
    def screen(self):
        """[(style, text)] lines of the current step; style is None, FOCUS, PROBLEM or DIM."""
        lines = getattr(self, f"_{self.step}_lines")()
        if self.error:
            lines.insert(-1, (PROBLEM, self.error))  # above the key help
        return lines

    def _service_name(self, code):
        names = {s.service_code: s.service_name for s in self.services or []}
        return names.get(code, code)

    def _types_lines(self):
        t = self.t
        lines = [(None, self.title)]
        if self.services is None and self.error is None:
            lines.append((DIM, t("kiosk_loading")))
        elif self.services is not None:
            lines.append((None, t("complaint_choose_type")))
            start = max(0, min(self.cursor - LISTED // 2, len(self.services) - LISTED))
            for index, service in enumerate(self.services[start:start + LISTED], start):
                here = index == self.cursor
                lines.append((FOCUS if here else None, ("▶ " if here else "   ") + service.service_name))
            if self.services and self.services[self.cursor].description:
                lines.append((DIM, "   " + self.services[self.cursor].description))
        else:
            lines.append((None, t("kiosk_offline")))
        if self.counts is not None:
            lines += [(None, ""), (None, t("kiosk_outbox", pending=self.counts["pending"],
                                           sent=self.counts["sent"], refused=self.counts["refused"]))]
            lines += [(None, self._recent_line(item)) for item in self.recent]
        keys = "complaint_types_keys" if self.services else "kiosk_close"
        return lines + [(None, ""), (DIM, t(keys))]

    def _recent_line(self, item):
        when = datetime.fromtimestamp(item.created_at, SEOUL).strftime("%m-%d %H:%M")
        name = self._service_name(item.payload.get("service_code", "?"))
        return f"· {name} · {when} · {status_line(item, self.t)}"

    def _loading_form_lines(self):
        return [(None, self.title), (DIM, self.t("complaint_loading_form")), (DIM, self.t("complaint_back_key"))]

    def _form_lines(self):
        t, form = self.t, self.form
        lines = [(None, f"{self.title} · {form.service_name}")]
        lines += [(PROBLEM, f"※ {notice}") for notice in form.notices]
        for index, here in enumerate(form.fields):
            focused = index == form.focus
            typing = focused and not here.is_list
            # While typing, the text as typed (a trailing space shows); otherwise the answer, short.
            value = _tail(here.text) + "_" if typing else _tail(here.shown_value(), TEXT_TAIL if focused else 40)
            lines.append((FOCUS if focused else None,
                          ("▶ " if focused else "   ") + _answer(here.label, value, here.required)))
            if focused:
                lines += self._focused_details(here)
        lines += [(PROBLEM, problem) for _, problem in self.problems]
        return lines + [(DIM, self._form_keys())]

    def _focused_details(self, here):
        lines = []
        if here.is_list:
            for index, choice in enumerate(here.choices):
                ticked = choice.key in here.chosen
                if here.datatype == MULTI:
                    mark = ("▷ " if index == here.cursor else "   ") + ("■" if ticked else "□")
                else:
                    mark = "   " + ("●" if ticked else "○")
                lines.append((FOCUS if index == here.cursor else None, f"      {mark} {choice.name}"))
        elif here.datatype == "text":  # long texts show how much room is left
            lines.append((DIM, "      " + self.t("complaint_chars", count=len(here.text), limit=here.max_length)))
        if here.hint:
            lines.append((DIM, "      " + here.hint))
        return lines

    def _form_keys(self):
        here = self.form.focused
        kind = "multi" if here.datatype == MULTI else "list" if here.is_list else "text"
        enter = self.t("complaint_enter_review" if self.form.at_last_field else "complaint_enter_next")
        return self.t(f"complaint_keys_{kind}", enter=enter)

    def _review_lines(self):
        t, form = self.t, self.form
        lines = [(None, t("complaint_review_title", service=form.service_name))]
        for here in form.fields:
            if not here.empty:
                lines.append((None, _answer(here.label, _tail(here.shown_value(), 200))))
        if form.place.located:
            name = form.place.names.get(t.lang) or form.place.names.get("en", "")
            lines.append((None, t("complaint_location", place=name, lat=form.place.lat, long=form.place.long)))
        return lines + [(None, ""), (DIM, t("complaint_review_keys"))]

    def _submitting_lines(self):
        return [(None, self.title), (DIM, self.t("complaint_storing")), (None, "")]

    def _status_lines(self):
        t, item = self.t, self.item
        name = self._service_name(item.payload.get("service_code", "?"))
        style = PROBLEM if item.status == "refused" else FOCUS
        return [(None, t("complaint_stored", service=name)), (style, status_line(item, t)),
                (None, ""), (DIM, t("complaint_status_keys"))]
