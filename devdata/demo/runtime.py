"""How seeding runs, apart from what it writes:

- ``quiet_side_effects``: e-mail goes to files under ``<CANOPY_VAR_DIR>/demo-mail/`` (Django's file
  backend), background tasks are collected instead of run (search is rebuilt once at the end;
  notification e-mails for the seeded history are not sent: the notifications themselves are on the
  site), and the apps' informational log lines (Wagtail's "Page published"...) are held back, so the
  command prints its summary only.
- ``DemoClock``: the demo's history happens over the past weeks, not all in the same second. The
  actions read the time from ``django.utils.timezone.now``; the clock stands in for it while a
  thread, reply or report of the past is written, so dates, "last post" order and the daily caps of
  the reputation ledger are what they would have been. Nothing is dated later than
  ``latest_moment()``, a little before the seed runs.
"""

import logging
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.test.utils import override_settings
from django.utils import timezone

_real_now = timezone.now


def mail_dir() -> Path:
    return Path(settings.VAR_DIR) / "demo-mail"


@contextmanager
def quiet_side_effects():
    """Yields a dict that tells, afterwards, how many mails were written and tasks were held back."""
    from django_tasks import task_backends

    report: dict = {"mail_dir": mail_dir(), "tasks": Counter()}
    before = set(report["mail_dir"].glob("*.log")) if report["mail_dir"].exists() else set()
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(report["mail_dir"])},
        }
    }
    tasks = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(MAILERS=mailers, TASKS=tasks):
        backend = task_backends["default"]
        logging.disable(logging.INFO)
        try:
            yield report
        finally:
            logging.disable(logging.NOTSET)
            report["tasks"].update(result.task.name for result in backend.results)
    after = set(report["mail_dir"].glob("*.log")) if report["mail_dir"].exists() else set()
    report["mail_files"] = len(after - before)


class DemoClock:
    """``timezone.now()`` for the demo's past. ``at(moment)`` sets it; ``step(**delta)`` moves it on."""

    def __init__(self, start: datetime):
        self.current = start

    def now(self) -> datetime:
        return self.current

    def at(self, moment: datetime) -> "DemoClock":
        self.current = min(moment, latest_moment())
        return self

    def step(self, **delta) -> datetime:
        self.at(self.current + timedelta(**delta))
        return self.current

    @contextmanager
    def running(self):
        with mock.patch("django.utils.timezone.now", self.now):
            yield self


def latest_moment() -> datetime:
    """The demo's history ends a few minutes before the seed runs: nothing is dated in the future."""
    return _real_now() - timedelta(minutes=5)


def days_ago(days: float, *, hour: float = 0) -> datetime:
    """``hour`` o'clock (local time) on the day ``days`` days before today; a moment that would
    still be to come today is moved back to ``latest_moment()``."""
    midnight = timezone.localtime(_real_now()).replace(hour=0, minute=0, second=0, microsecond=0)
    return min(midnight - timedelta(days=days) + timedelta(hours=hour), latest_moment())
