"""The backoff arithmetic: full jitter within the exponential ceiling, Retry-After as a floor."""

import email.utils
import random

from metaverse_seoul.services.retry import RetryPolicy, parse_retry_after


def test_retry_after_seconds_and_http_date():
    assert parse_retry_after("7") == 7.0
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert parse_retry_after(date, now=now) == 30.0
    assert parse_retry_after(email.utils.formatdate(now - 30, usegmt=True), now=now) == 0.0


def test_unusable_retry_after_is_ignored():
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("-3") is None


def test_full_jitter_stays_under_the_exponential_ceiling():
    policy = RetryPolicy(base_delay=0.5, max_delay=4.0, rng=random.Random(1))
    for attempt, ceiling in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (10, 4.0)]:
        waits = [policy.backoff(attempt) for _ in range(200)]
        assert all(0 <= wait <= ceiling for wait in waits)
        assert max(waits) > ceiling * 0.8  # spread over the whole range, not a fixed step


def test_retry_after_is_a_floor_on_the_wait():
    policy = RetryPolicy(base_delay=0.5, max_delay=4.0, rng=random.Random(2))
    assert all(policy.delay(0, retry_after=3.0) >= 3.0 for _ in range(50))


def test_attempts_and_long_retry_after_end_the_retries():
    policy = RetryPolicy(max_attempts=3, max_retry_after=10)
    assert policy.may_retry(0) and policy.may_retry(1)
    assert not policy.may_retry(2)
    assert not policy.may_retry(0, retry_after=60)
