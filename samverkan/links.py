"""Links for the rows of a long page without reversing a URL for every row: the URL is reversed
once per page with a placeholder, and each row's link is the prefix and suffix around its own
UUID (`UuidLink`). The same URL as `reverse()`; a row costs a string join."""

from uuid import UUID

from django.urls import reverse

#: Stands in for the row's UUID while the URL is reversed once.
_PLACEHOLDER = UUID("00000000-0000-4000-8000-0000000a11ce")


class UuidLink:
    """The URL named `name` whose only argument is `uuid`, for any row's UUID."""

    def __init__(self, name: str) -> None:
        url = reverse(name, kwargs={"uuid": _PLACEHOLDER})
        self.prefix, placeholder, self.suffix = url.partition(str(_PLACEHOLDER))
        if not placeholder:
            raise ValueError(f"{name}: the UUID is not a plain part of the URL")

    def __call__(self, uuid: UUID | str) -> str:
        return f"{self.prefix}{uuid}{self.suffix}"
