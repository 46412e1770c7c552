"""One router per resource: open311 (civil complaints), reservations, events, staff, health."""
