import logging
from datetime import timedelta

from django.core import mail as django_mail
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from devdata.demo.runtime import DemoClock, days_ago, latest_moment, mail_dir, quiet_side_effects


@task()
def _noted(*, text: str) -> str:
    return text


def test_days_ago_is_that_hour_of_that_day_and_never_in_the_future():
    three_days = timezone.localtime(days_ago(3, hour=14))
    today = timezone.localdate()
    assert (three_days.date(), three_days.hour, three_days.minute) == (today - timedelta(days=3), 14, 0)
    before = latest_moment()
    assert before <= days_ago(0, hour=24) <= latest_moment() < timezone.now()


def test_the_clock_stands_in_for_now_and_stops_short_of_the_present():
    start = timezone.now() - timedelta(days=10)
    clock = DemoClock(start)
    with clock.running():
        assert timezone.now() == start
        clock.step(days=2)
        assert timezone.now() == start + timedelta(days=2)
        clock.step(days=30)
        stopped = timezone.now()
    assert start + timedelta(days=9) < stopped <= latest_moment() < timezone.now()
    assert timezone.now() > start + timedelta(days=10)


def test_seeding_writes_mail_to_files_under_the_var_folder_holds_tasks_back_and_keeps_the_log_quiet(
    settings, tmp_path, caplog
):
    settings.VAR_DIR = tmp_path
    django_mail.outbox = []
    with quiet_side_effects() as report:
        send_mail("Your order", "It shipped.", "shop@canopy.localhost", ["leo@canopy.localhost"])
        _noted.enqueue(text="later")
        logging.getLogger("wagtail").info("Page published")
        logging.getLogger("wagtail").warning("Something to look at")
    assert mail_dir() == tmp_path / "demo-mail"
    assert report["mail_files"] == 1 and "Your order" in next(mail_dir().glob("*.log")).read_text()
    assert report["tasks"][_noted.name] == 1
    messages = [record.getMessage() for record in caplog.records]
    assert "Page published" not in messages and "Something to look at" in messages
    assert not logging.root.manager.disable  # afterwards the apps log as configured again
