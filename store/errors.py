from django.core.exceptions import ValidationError


class StoreError(ValidationError):
    """A request the store refuses, with a message meant for the buyer."""

    @property
    def text(self) -> str:
        return " ".join(self.messages)


class SoldOut(StoreError):
    pass
