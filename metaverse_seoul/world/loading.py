"""Prepare a scene's models on a worker thread while the main thread keeps drawing the loading screen.

The worker must not call into the engine (see model_loader): it runs ModelLoader.prepare, which
only checks files and converts them in a child process.
"""

import queue
import threading


class BackgroundLoad:
    """Loads `paths` one after another with `load_one(path)`; the main thread polls `poll()`.

    poll() returns ("progress", done, total), ("done", results) or ("error", exception), or None
    when nothing new happened. Errors are passed back, never raised on the worker thread.
    """

    def __init__(self, paths, load_one):
        self.paths = list(paths)
        self.load_one = load_one
        self.events = queue.Queue()
        self.thread = threading.Thread(target=self._work, name="model-loader", daemon=True)
        self.thread.start()

    def _work(self):
        results = []
        try:
            for path in self.paths:
                results.append(self.load_one(path))
                self.events.put(("progress", len(results), len(self.paths)))
            self.events.put(("done", results))
        except Exception as exc:  # handed to the main thread, which reports it
            self.events.put(("error", exc))

    def poll(self):
        last = None
        while True:
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                return last
            if event[0] != "progress":
                return event
            last = event
