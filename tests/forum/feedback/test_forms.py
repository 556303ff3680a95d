from datetime import timedelta

import pytest
from django.utils import timezone

from forum.feedback.forms import FilingForm
from tests.forum.feedback.factories import make_release
from tests.store.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_the_version_list_offers_every_released_version_newest_first(product):
    today = timezone.localdate()
    for version, days, channel, live in [
        ("V14.0.3.0", 40, "STABLE", True),
        ("V14.0.4.0", 3, "STABLE", True),  # the one the home page announces
        ("V14.0.5.2", 0, "WEEKLY", True),
        ("V14.0.5.0", 1, "BETA", True),
        ("V14.1.0.0", 0, "STABLE", False),  # a draft: not released
    ]:
        make_release(
            product=product,
            version=version,
            channel=channel,
            live=live,
            released_on=today - timedelta(days=days),
        )
    make_release(product=ProductFactory(slug="other"), version="9.9.9", live=True)

    form = FilingForm(product=product, environment_fields=[])
    choices = [label for value, label in form.fields["release"].choices if value]
    assert choices == ["V14.0.5.2 (Weekly)", "V14.0.5.0 (Beta)", "V14.0.4.0 (Stable)", "V14.0.3.0 (Stable)"]
