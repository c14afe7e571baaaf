"""Sections that apps add to the Översikt, so that `samverkan` imports no app: each app registers
a provider in its AppConfig.ready that answers, in a bounded number of queries, what to show the
person (a template and its context), or None."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .models import User
from .tenancy import Viewer


@dataclass(frozen=True)
class OverviewSection:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


OverviewProvider = Callable[[User, Viewer], OverviewSection | None]

_providers: list[OverviewProvider] = []


def register_overview_section(provider: OverviewProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def sections_for(user: User, viewer: Viewer) -> list[OverviewSection]:
    if viewer.is_anonymous:
        return []
    return [section for provider in _providers if (section := provider(user, viewer)) is not None]
