"""One visit: the app started in a window on an X server of the test's own, talking to a city
server, and a new user in front of it. Used by the tests' fixtures and by benchmarks/new_user.py."""

import time
from pathlib import Path

from .app_window import AppWindow
from .person import Person
from .plaza import NewUser
from .screen import Screen


class Visit:
    def __init__(self, folder, xvfb, city, cache_dir=None, app_env=None, shots=True, **user_options):
        """`shots`: screenshots of each step in folder/shots (a benchmark goes without: they take time);
        `user_options` go to the NewUser (walk_keys, hold_keys)."""
        self.folder = Path(folder)
        self.shots = self.folder / "shots" if shots else None
        if shots:
            self.shots.mkdir(parents=True, exist_ok=True)
        self.xvfb, self.city = xvfb, city
        self.app = AppWindow(self.folder / "app", xvfb.env, city.base_url, cache_dir=cache_dir, extra_env=app_env)
        self.user_options = user_options
        self.screen = self.user = None
        self.ready_s = None

    def start(self):
        """Launch the app and wait for its first frame of the plaza; returns the NewUser."""
        self.app.start()
        box = self.app.wait_until_ready()
        self.ready_s = time.monotonic() - self.app.started_at
        self.screen = Screen(self.xvfb.env, box)
        self.user = NewUser(Person(self.xvfb.env), self.screen, self.city.log, self.shots, **self.user_options)
        self.user.shot("plaza")
        return self.user

    def seconds_since_launch(self):
        return time.monotonic() - self.app.started_at

    def stop(self):
        """Stop the app, keeping the last screen as shots/last.png."""
        try:
            if self.screen is not None:
                if self.shots is not None:
                    self.screen.save(self.shots / "last.png")
                self.screen.close()
        finally:
            self.app.stop()
