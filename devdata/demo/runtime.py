"""How seeding runs, apart from what it writes:

- ``quiet_side_effects``: e-mail goes to files under ``var/demo-mail/`` (Django's file backend) and
  background tasks are collected instead of run (search is rebuilt once at the end; notification
  e-mails for the seeded history are not sent: the notifications themselves are on the site).
- ``DemoClock``: the demo's history happens over the past weeks, not all in the same second. The
  actions read the time from ``django.utils.timezone.now``; the clock stands in for it while a
  thread, reply or report of the past is written, so dates, "last post" order and the daily caps of
  the reputation ledger are what they would have been.
"""

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
    return Path(settings.BASE_DIR) / "var" / "demo-mail"


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
        try:
            yield report
        finally:
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
        self.current = min(moment, _real_now() - timedelta(minutes=1))
        return self

    def step(self, **delta) -> datetime:
        self.at(self.current + timedelta(**delta))
        return self.current

    @contextmanager
    def running(self):
        with mock.patch("django.utils.timezone.now", self.now):
            yield self


def days_ago(days: float, *, hour: int = 0) -> datetime:
    base = _real_now().replace(minute=0, second=0, microsecond=0)
    return base - timedelta(days=days) + timedelta(hours=hour)
