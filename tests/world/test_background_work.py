"""Work off the main thread: results, progress and failures come back on the main thread, in the task
manager's frame; a cancelled job's late answers are dropped; a job's bug is logged, not lost."""

import logging
import threading
import time

from direct.task.Task import TaskManager

from metaverse_seoul.services.errors import ApiUnavailable
from metaverse_seoul.world.background_work import BackgroundWork


def frames_until(tasks, condition, frames=400):
    for _ in range(frames):
        tasks.step()
        if condition():
            return
        time.sleep(0.005)
    raise AssertionError("never happened")


def test_results_progress_and_failures_arrive_on_the_main_thread():
    tasks = TaskManager()
    work = BackgroundWork(tasks)
    seen = []

    def count(report):
        for number in range(3):
            report(number)
        return "done"

    def note(kind):
        return lambda value: seen.append((kind, value, threading.current_thread() is threading.main_thread()))

    work.start(count, done=note("done"), progress=note("progress"))
    frames_until(tasks, lambda: ("done", "done", True) in seen)
    assert seen == [("progress", 0, True), ("progress", 1, True), ("progress", 2, True), ("done", "done", True)]

    failure = ApiUnavailable("the city is down")
    work.start(lambda report: (_ for _ in ()).throw(failure), failed=note("failed"))
    frames_until(tasks, lambda: seen[-1][0] == "failed")
    assert seen[-1] == ("failed", failure, True)
    work.destroy()


def test_a_cancelled_job_hands_nothing_back_and_a_bug_is_logged(caplog):
    tasks = TaskManager()
    work = BackgroundWork(tasks)
    release = threading.Event()
    seen = []
    job = work.start(lambda report: release.wait(5), done=seen.append)
    job.cancel()
    release.set()
    for _ in range(50):
        tasks.step()
        time.sleep(0.005)
    assert seen == []

    with caplog.at_level(logging.ERROR, logger="metaverse_seoul.background"):
        work.start(lambda report: {}["missing"], failed=seen.append)
        frames_until(tasks, lambda: seen)
    assert isinstance(seen[0], KeyError) and "background job job failed" in caplog.text
    work.destroy()
