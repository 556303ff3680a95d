import pytest
from django.core.exceptions import ImproperlyConfigured

from community.settings.env import env_bool, env_int, env_list, parse_email_url


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("true", True), ("On", True), ("0", False), ("no", False)]
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)

    assert env_bool("FLAG") is expected


def test_env_bool_names_the_variable_when_it_is_not_a_boolean(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("PORT_NUMBER", "8080")
    monkeypatch.setenv("HOSTS", " a.example.com, b.example.com ,,")

    assert env_int("PORT_NUMBER", 1) == 8080
    assert env_int("MISSING_NUMBER", 7) == 7
    assert env_list("HOSTS") == ["a.example.com", "b.example.com"]


def test_env_int_names_the_variable_when_it_is_not_a_number(monkeypatch):
    monkeypatch.setenv("DB_CONN_MAX_AGE", "ten")

    with pytest.raises(ImproperlyConfigured, match="DB_CONN_MAX_AGE"):
        env_int("DB_CONN_MAX_AGE", 0)


def test_email_url_smtp_with_tls():
    mailer = parse_email_url("smtp://user%40x.com:p%3Ass@mail.example.com:2525?tls=1")

    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "mail.example.com",
        "port": 2525,
        "username": "user@x.com",
        "password": "p:ss",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 10,
    }


def test_email_url_smtps_defaults_to_port_465():
    assert parse_email_url("smtps://u:p@mail.example.com")["OPTIONS"]["port"] == 465


def test_email_url_console():
    assert parse_email_url("console://")["BACKEND"].endswith("console.EmailBackend")


@pytest.mark.parametrize("url", ["ftp://mail.example.com", "smtp://"])
def test_email_url_rejects_what_it_cannot_send_with(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        parse_email_url(url)
