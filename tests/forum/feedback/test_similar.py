import pytest

from forum.feedback.similar import relevance, significant_terms, similar_items
from tests.forum.feedback.factories import make_item

DESCRIPTION = "It started recently and happens on my device too."


def test_significant_terms_leave_out_stop_words_numbers_and_ignored_words():
    assert significant_terms("Battery drain with the Wi-Fi on") == ["battery", "drain", "wi fi"]
    assert significant_terms("Aurora 14: it is a bug", ignore=frozenset({"aurora"})) == []
    assert significant_terms("电池耗电") == ["电 池", "池 耗", "耗 电"]


def test_relevance_needs_shared_significant_terms():
    typed = significant_terms("Battery drain with Wi-Fi on")
    assert relevance(typed, "Battery drains overnight on standby") == pytest.approx(2 / 3)
    assert relevance(typed, "Wi-Fi drops after waking from sleep") == pytest.approx(1 / 3)
    assert relevance(typed, "Replace the boot animation with a dark one") == 0
    assert relevance(significant_terms("batt"), "Battery health") == 1  # a word being typed


@pytest.mark.django_db
def test_a_battery_and_wifi_title_is_offered_battery_and_wifi_reports_only(
    feedback_board, product, reporter, django_capture_on_commit_callbacks
):
    # Given reports on the board, all with the same boilerplate description
    titles = [
        "Battery drains overnight on standby",
        "Wi-Fi drops after waking from sleep",
        "Replace the boot animation with a dark one",
        "Camera app freezes when switching to night mode",
        "Add a one-handed mode for the keyboard",
        "Aurora 14 gets warm while charging",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        items = {t: make_item(board=feedback_board, title=t, description=DESCRIPTION) for t in titles}

    # When someone types a battery/Wi-Fi title (with stop words and the product's name in it)
    found = similar_items(reporter, title="Aurora 14 battery drain with Wi-Fi on", product_id=product.pk)

    # Then only the battery and Wi-Fi reports are suggested, the closest first
    assert [item.thread.title for item in found] == [
        "Battery drains overnight on standby",
        "Wi-Fi drops after waking from sleep",
    ]
    assert items["Replace the boot animation with a dark one"] not in found
    # and a title of nothing but stop words suggests nothing
    assert similar_items(reporter, title="it is on with the one", product_id=product.pk) == []
