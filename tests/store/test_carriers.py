"""store/carriers.py: a known carrier gives a tracking link, any other carrier none."""

from store.carriers import canonical_name, find_carrier, tracking_url


def test_a_known_carrier_is_found_in_any_case_and_spacing():
    assert find_carrier("  dhl   EXPRESS ").name == "DHL Express"
    assert canonical_name("ups") == "UPS" and canonical_name(" Correos  de  España ") == "Correos de España"


def test_the_tracking_link_quotes_the_number():
    assert (
        tracking_url(carrier="UPS", tracking_number="1Z 99/9")
        == "https://www.ups.com/track?tracknum=1Z%2099%2F9"
    )


def test_an_unknown_carrier_or_no_number_gives_no_link():
    assert tracking_url(carrier="SF Express", tracking_number="SF123") == ""
    assert tracking_url(carrier="UPS", tracking_number="") == ""
    assert tracking_url(carrier="", tracking_number="1Z1") == ""
