import pytest

from store.money import format_money, percent_of


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (129900, "USD", "$1,299.00"),
        (5, "EUR", "€0.05"),
        (-250, "usd", "-$2.50"),
        (1500, "JPY", "¥1,500"),
        (12345, "CHF", "123.45 CHF"),
        (1000, "KWD", "1.000 KWD"),
    ],
)
def test_format_money(amount, currency, expected):
    assert format_money(amount, currency) == expected


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        format_money(12.5, "USD")


def test_percent_of_rounds_half_up_in_integers():
    assert percent_of(1000, 825) == 83
    assert percent_of(999, 1000) == 100
    assert percent_of(0, 2000) == 0
