"""Factories shared by every app's tests. Apps keep their own in tests/<app>/factories.py."""

import factory
from allauth.account.models import EmailAddress

from community.models import User

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    display_name = factory.LazyAttribute(lambda user: user.username.title())

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Members have a verified e-mail unless built with ``verified=False``."""
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


def make_team_member(username: str = "mira", **fields) -> User:
    """The product team's role, as the demo's mira has it: in the team group, not staff, not a superuser."""
    from django.contrib.auth.models import Group

    from community.teams import team_group_name

    user = UserFactory(username=username, **fields)
    user.groups.add(Group.objects.get(name=team_group_name()))
    return user
