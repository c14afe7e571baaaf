"""Which sealed document a PDF is. Apps that seal documents register a lookup by SHA-256, so the
public verify page can name the document without this package importing them."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SealedDocument:
    kind: str
    title: str
    version: str
    parties: list[str] = field(default_factory=list)


Lookup = Callable[[str], SealedDocument | None]
_lookups: list[Lookup] = []


def register_sealed_lookup(lookup: Lookup) -> None:
    if lookup not in _lookups:
        _lookups.append(lookup)


def find_sealed(sha256: str) -> SealedDocument | None:
    """The sealed document with this SHA-256, if one of ours has it."""
    for lookup in _lookups:
        found = lookup(sha256)
        if found is not None:
            return found
    return None
