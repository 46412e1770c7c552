"""What a kiosk flow asks the panel to do, as typed values.

A flow's press(), click() and keyboard_press() never do I/O: when a key needs the city or the outbox,
they return one of these, and the panel (world/kiosk_session.py) carries it out on a thread and reports
the answer back to the flow (loaded_*, submitted, item_changed, cancelled, failed). Reading a flow,
`return LoadForm(service)` says what happens next; reading the session, `case LoadForm(service):` says
how.

    effect = flow.press("enter")     # at the list of complaint kinds
    effect == LoadForm(service)      # the panel fetches its definition, then calls
    flow.loaded_definition(service, definition)
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Close:
    """Close the kiosk panel."""


@dataclass(frozen=True)
class ShowHome:
    """Back at the first step after a submission: fetch what it shows afresh."""


@dataclass(frozen=True)
class Submit:
    """Store `payload` in the outbox as a `kind` item (it is sent from there), then follow it."""

    kind: str  # Outbox kind: "complaint" or "reservation"
    payload: dict


@dataclass(frozen=True, eq=False)
class LoadForm:
    """Fetch the service definition of `service` (a complaint kind) to build its form."""

    service: object


@dataclass(frozen=True, eq=False)
class LoadSlots:
    """Fetch the slots of `facility`."""

    facility: object


@dataclass(frozen=True, eq=False)
class CancelBooking:
    """Cancel `booking` (an OwnBooking) with its secret."""

    booking: object


@dataclass(frozen=True)
class RefreshRequests:
    """Ask the city again for the resident's own requests ("My requests")."""


CLOSE, SHOW_HOME, REFRESH_REQUESTS = Close(), ShowHome(), RefreshRequests()
