"""Money is an integer amount of minor units plus an ISO 4217 currency. This is the one formatter."""

# Currencies whose minor unit is not a hundredth (ISO 4217 exponents).
_EXPONENTS = {
    "JPY": 0,
    "KRW": 0,
    "VND": 0,
    "CLP": 0,
    "ISK": 0,
    "HUF": 2,
    "BHD": 3,
    "KWD": 3,
    "JOD": 3,
    "TND": 3,
}
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥"}


def exponent(currency: str) -> int:
    return _EXPONENTS.get(currency.upper(), 2)


def format_money(amount_minor: int, currency: str) -> str:
    """``format_money(129900, "USD") == "$1,299.00"``; unknown currencies show their code."""
    if not isinstance(amount_minor, int):
        raise TypeError("money is an integer number of minor units")
    code = currency.upper()
    digits = exponent(code)
    sign = "-" if amount_minor < 0 else ""
    whole, fraction = divmod(abs(amount_minor), 10**digits) if digits else (abs(amount_minor), 0)
    text = f"{whole:,}"
    if digits:
        text += f".{fraction:0{digits}d}"
    symbol = _SYMBOLS.get(code)
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {code}"


def percent_of(amount_minor: int, basis_points: int) -> int:
    """Integer share of an amount, rounded half up: ``percent_of(1000, 825) == 83``."""
    return (amount_minor * basis_points + 5000) // 10000
