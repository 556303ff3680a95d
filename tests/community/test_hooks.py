import pytest

from community import hooks


def test_every_declared_hook_can_be_read_and_filled():
    def provider():
        return None

    hooks.register(hooks.Hook.HOME_ANNOUNCEMENTS, provider)
    try:
        assert provider in hooks.get("home.announcements")  # the declared string is the same hook
    finally:
        hooks.unregister(hooks.Hook.HOME_ANNOUNCEMENTS, provider)
    assert provider not in hooks.get(hooks.Hook.HOME_ANNOUNCEMENTS)


@pytest.mark.parametrize(
    "call", [hooks.get, lambda name: hooks.register(name, print), lambda name: hooks.unregister(name, print)]
)
def test_a_misspelt_hook_name_raises_instead_of_finding_nothing(call):
    with pytest.raises(LookupError, match=r"home\.anouncements"):
        call("home.anouncements")
