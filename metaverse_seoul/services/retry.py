"""When to try an HTTP call again, and how long to wait first.

Exponential backoff with full jitter (each wait drawn uniformly from 0 to base * 2**attempt, capped),
which spreads a crowd of clients out after an outage instead of having them return in lockstep. A
server's Retry-After is a floor: we never come back sooner than it asked.
"""

import email.utils
import random
import time
from dataclasses import dataclass, field

# Statuses that mean "not now" rather than "no": the same call may well succeed later.
TRANSIENT_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Statuses worth retrying within one call; a 500 is a server bug, so it waits for the next attempt
# at the outbox level instead of being hammered now.
RETRY_NOW_STATUSES = frozenset({408, 429, 502, 503, 504})
# 409 from an idempotent POST means "the first request with this key is still in flight".
IN_FLIGHT_STATUS = 409


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None if unusable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


@dataclass
class RetryPolicy:
    """How many times to try a retryable call, and the backoff between tries.

    max_attempts counts the first try. A Retry-After longer than max_retry_after is not waited for
    inside the call: the call fails with ApiUnavailable(retry_after=...) and the caller (the outbox
    worker) comes back later, so a button press never hangs for minutes.
    """

    max_attempts: int = 4
    base_delay: float = 0.25
    max_delay: float = 8.0
    max_retry_after: float = 30.0
    rng: random.Random = field(default_factory=random.Random, repr=False)

    def backoff(self, attempt):
        """The jittered wait before try number attempt + 1 (attempt counts from 0)."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** attempt))
        return self.rng.uniform(0, ceiling)

    def delay(self, attempt, retry_after=None):
        """Wait before the next try: the jittered backoff, but never less than the server asked."""
        wait = self.backoff(attempt)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return wait

    def may_retry(self, attempt, retry_after=None):
        """Whether another try is allowed after try number attempt (from 0) failed transiently."""
        if attempt + 1 >= self.max_attempts:
            return False
        return retry_after is None or retry_after <= self.max_retry_after
