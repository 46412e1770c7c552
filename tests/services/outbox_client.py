"""A stand-alone app process for the outage test: submit to the outbox, or run its worker.

    python outbox_client.py submit DATA_DIR API_URL COUNT   submit COUNT complaints, then keep the
                                                            worker running until killed
    python outbox_client.py drain DATA_DIR API_URL [--die-after N]
                                                            run the worker until nothing is pending;
                                                            with --die-after, SIGKILL ourselves right
                                                            after the server's N-th answer, before it
                                                            is written down (the crash window)

Progress lines on stdout tell the test when to kill us.
"""

import argparse
import os
import signal
import sys
import time

from metaverse_seoul.services.client import CityServicesClient
from metaverse_seoul.services.outbox import PENDING, Outbox, OutboxWorker
from metaverse_seoul.services.retry import RetryPolicy



def say(line):
    print(line, flush=True)


class DyingClient(CityServicesClient):
    """Dies like a killed app between the server's answer and the outbox update."""

    def __init__(self, *args, die_after, **kwargs):
        super().__init__(*args, **kwargs)
        self.die_after = die_after
        self.answers = 0

    def submit_request(self, *args, **kwargs):
        answer = super().submit_request(*args, **kwargs)
        self.answers += 1
        if self.answers == self.die_after:
            os.kill(os.getpid(), signal.SIGKILL)
        return answer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("submit", "drain"))
    parser.add_argument("data_dir")
    parser.add_argument("api_url")
    parser.add_argument("count", type=int, nargs="?", default=0)
    parser.add_argument("--die-after", type=int, default=0)
    args = parser.parse_args()
    outbox = Outbox(args.data_dir)
    quick = RetryPolicy(max_attempts=2, base_delay=0.05, max_delay=0.2)
    options = {"api_key": "metaverse-seoul-dev", "timeout": (1, 5), "retry": quick}
    client = (DyingClient(args.api_url, die_after=args.die_after, **options) if args.die_after
              else CityServicesClient(args.api_url, **options))
    worker = OutboxWorker(outbox, client, idle_interval=0.2,
                          backoff=RetryPolicy(base_delay=0.05, max_delay=0.5))
    if args.mode == "submit":
        worker.start()
        for n in range(args.count):
            outbox.submit("complaint", {"service_code": "other", "lat": 37.5665, "long": 126.978,
                                        "attributes": {"subject": "outage test"},
                                        "description": f"outage test complaint {n}"})
            worker.wake()
        say(f"submitted {args.count}")
        while True:  # the resident keeps the app open; the test kills us
            time.sleep(1)
    say("draining")
    while outbox.counts()[PENDING]:
        report = worker.drain_once()
        say(f"sent {report.sent} refused {report.refused} outage {report.unavailable is not None}")
        if report.unavailable is not None:
            time.sleep(0.2)
    say("done")


if __name__ == "__main__":
    sys.exit(main())
