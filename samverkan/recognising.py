"""Recognising what the paragraphs of an imported document are, for any kind of document: which
section a heading opens, periods and dates written the Swedish way, and which organisations a
text names. The apps say which sections they have (`agreements.importing`,
`medborgarloften.importing`); this module only matches.

Everything compares *folded* text – lower case without diacritics – so that headings in capitals
("DEN GEMENSAMMA LÄGESBILDEN") and text recognised from a scan without its å, ä and ö
("Overenskommelsens giltighetstid", "Umea kommun") are found all the same.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import Any

from .models import Organization
from .reading import BULLET, HEADING, Paragraph, bullet_text, join_lines

MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
NUMBER_WORDS = {"en": 1, "ett": 1, "två": 2, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8}
#: Where a section's text is kept when nobody could place it.
UNPLACED = "oplacerad"
#: A paragraph the person chose not to import.
DISCARD = "bort"


def fold(text: str) -> str:
    """Lower case without diacritics and with single spaces: "LÄGESBILDEN" → "lagesbilden"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", plain).strip()


@dataclass(frozen=True)
class SectionRule:
    """A section of a document kind and the headings (regular expressions on folded text, matched
    at the start of the heading) that open it."""

    key: str
    label: str
    headings: tuple[str, ...] = ()

    def opens(self, folded_heading: str) -> bool:
        return any(re.match(pattern, folded_heading) for pattern in self.headings)


@dataclass
class Piece:
    """One movable paragraph of the source in the review: its text as read, the section proposed
    for it, and the heading it stood under (an activity's area, for a medborgarlöfte)."""

    text: str
    section: str
    heading: str = ""
    bullet: bool = False
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def running_text(self) -> str:
        return join_lines(self.text.split("\n"))

    def as_json(self) -> dict[str, object]:
        return asdict(self)


#: Words a line of running text may end with, but a heading does not.
CONTINUES = re.compile(r"\b(av|och|att|for|med|i|pa|som|en|ett|till|om|det|den|ar|samt|eller)$")


def heading_section(
    line: str, rules: Sequence[SectionRule], *, styled: bool = False, alone: bool = True
) -> SectionRule | None:
    """The section a line opens when it is a heading: a styled heading, or a short line that one
    of `rules` recognises – at most eight words on a line of its own ("Samverkande parter och
    avtalets omfattning."), at most six when text follows it directly ("Överenskommelsens
    giltighetstid"), and never one that ends as a sentence goes on ("… en förstärkning av")."""
    text = line.strip().lstrip("#").strip()
    if not text:
        return None
    if not styled and (
        len(text.split()) > (8 if alone else 6) or text.endswith((":", ",")) or CONTINUES.search(fold(text))
    ):
        return None
    folded = fold(text)
    return next((rule for rule in rules if rule.opens(folded)), None)


@dataclass
class Block:
    """A paragraph placed under the section its nearest heading opened."""

    section: str
    heading: str
    paragraph: Paragraph

    @property
    def is_bullet(self) -> bool:
        return self.paragraph.style == BULLET

    @property
    def lines(self) -> list[str]:
        return self.paragraph.text.split("\n")


def sectioned(paragraphs: Iterable[Paragraph], rules: Sequence[SectionRule], *, first: str) -> list[Block]:
    """Each paragraph under the section of the heading above it (`first` before any heading). A
    heading on the first line of a paragraph ("Prioritering för verksamhetsåren 2025–2027" followed
    directly by its text) opens its section and is split off."""
    section, heading = first, ""
    blocks: list[Block] = []
    for paragraph in paragraphs:
        lines = paragraph.text.split("\n")
        styled = paragraph.style == HEADING
        rule = (
            heading_section(lines[0], rules, styled=styled, alone=len(lines) == 1)
            if paragraph.style != BULLET
            else None
        )
        if rule is not None:
            section, heading = rule.key, lines[0].strip()
            rest = lines[1:]
            if not rest:
                continue
            paragraph = Paragraph("\n".join(rest), paragraph.style if not styled else "")
        elif styled:
            # A heading nobody recognises: what follows is not placed until the next known one.
            section, heading = UNPLACED, lines[0].strip()
            continue
        blocks.append(Block(section, heading, paragraph))
    return blocks


def strip_bullet(text: str) -> str:
    lines = text.split("\n")
    first = bullet_text(lines[0])
    return "\n".join([first if first is not None else lines[0], *lines[1:]])


# --- Periods and dates -------------------------------------------------------------------------


YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:[-–—]|till)\s*((?:19|20)\d\d)\b")
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+((?:19|20)\d\d)\b")
NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})\s*((?:19|20)\d\d)\b|\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str) -> list[date]:
    """Every date written out in `text`: "31 december 2026", "1/1 2019", "2025-03-11"."""
    folded = fold(text)
    found: list[tuple[int, date]] = []
    for match in DAY_MONTH_YEAR.finditer(folded):
        day = _safe_date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
        if day:
            found.append((match.start(), day))
    for match in NUMERIC_DATE.finditer(folded):
        if match.group(1):
            day = _safe_date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        else:
            day = _safe_date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
        if day:
            found.append((match.start(), day))
    return [day for _position, day in sorted(found)]


def year_range(text: str) -> tuple[date, date] | None:
    """A period written as years, "2023–2026" or "2019 – 2023": from 1 January to 31 December."""
    match = YEAR_RANGE.search(text)
    if not match:
        return None
    first, last = int(match.group(1)), int(match.group(2))
    if last < first or last - first > 20:
        return None
    return date(first, 1, 1), date(last, 12, 31)


def years_from(start: date, text: str) -> date | None:
    """The last day of a period that "löper på fyra år" from `start`."""
    match = re.search(r"(?:loper|galler|gaeller)\s+(?:pa|under)\s+(\w+)\s+ar\b", fold(text))
    if not match:
        return None
    word = match.group(1)
    years = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
    if not years:
        return None
    try:
        return start.replace(year=start.year + years) - timedelta(days=1)
    except ValueError:
        return None


# --- Organisations ------------------------------------------------------------------------------


@dataclass
class PartyMatch:
    matched: list[Organization]
    unmatched: list[str]


def _base_name(organization: Organization) -> str:
    """The distinctive part of an organisation's name: "Arjeplogs kommun" → "arjeplog",
    "Lokalpolisområde Piteå Älvdal" → "pitea alvdal"."""
    name = fold(organization.name)
    name = re.sub(r"^(lokalpolisomrade|lpo|polisregion|lansstyrelsen( i)?|region)\s+", "", name)
    name = re.sub(r"\s+(kommun|stad|lan)$", "", name)
    return re.sub(r"s$", "", name) if organization.kind == Organization.Kind.KOMMUN else name


#: Words that stand before "kommun" without naming one ("Varje kommun ska …").
NOT_NAMES = {"varje", "var", "denna", "den", "en", "egen", "hela", "annan", "samma", "berord", "vilken", "ingen"}
POLICE_PREFIX = r"(?:lokalpolisomrade(?:t|schef|ts)?|lpo|polisomrade|polisen i|polisen)"


def match_organisations(text: str, organizations: Iterable[Organization]) -> PartyMatch:
    """The organisations `text` names as parties – a kommun by its name ("Arjeplog kommun",
    "kommunerna Arjeplog och Arvidsjaur") or its kommunkod, a police area by its name after
    "Lokalpolisområde"/"Lokalpolisområdeschef" – and the kommuner and police areas it names that
    match none of them."""
    folded = fold(text)
    matched: list[Organization] = []
    for organization in organizations:
        base = re.escape(_base_name(organization))
        if not base:
            continue
        if organization.kind == Organization.Kind.KOMMUN:
            found = re.search(rf"\b{base}s?\b", folded) or (
                organization.code and re.search(rf"\b{re.escape(organization.code)}\b", folded)
            )
        elif organization.kind in Organization.POLICE_KINDS:
            found = re.search(rf"\b{POLICE_PREFIX}\s+{base}\b", folded)
        else:
            found = re.search(rf"\b{re.escape(fold(organization.name))}\b", folded)
        if found:
            matched.append(organization)
    known = {_base_name(o) for o in matched}
    unmatched: list[str] = []
    for match in re.finditer(r"\b([A-ZÅÄÖ][\wåäöé]+?)s? (?:kommun|stad)\b", text):
        name = fold(match.group(1))
        if name in NOT_NAMES:
            continue
        if name not in known and not any(n.startswith(name) or name.startswith(n) for n in known):
            unmatched.append(f"{match.group(1)} kommun")
    for match in re.finditer(r"\b[Ll]okalpolisomr[aå]de(?:t|schef)? ([A-ZÅÄÖ][\wåäö]+(?: [A-ZÅÄÖ][\wåäö]+)?)", text):
        name = fold(match.group(1))
        if not any(name.startswith(n) or n.startswith(name) for n in known):
            unmatched.append(f"Lokalpolisområde {match.group(1)}")
    if re.search(r"\bpolis(myndigheten|en)\b", folded) and not any(o.is_police for o in matched):
        unmatched.append("Polismyndigheten (inget lokalpolisområde som går att känna igen)")
    return PartyMatch(matched, sorted(set(unmatched)))


def closest_name(word: str, names: Iterable[str]) -> str:
    """`names`' spelling of `word` when they are nearly the same (a scanner's "Umed" for
    "Umeå"), else `word`."""
    best = max(names, key=lambda n: SequenceMatcher(None, fold(word), fold(n)).ratio(), default=word)
    return best if SequenceMatcher(None, fold(word), fold(best)).ratio() >= 0.75 else word


def pieces_of_job(
    paragraphs: Iterable[dict[str, Any]],
    assignments: Mapping[str, str],
    propose: Callable[[Sequence[Paragraph]], list[Piece]],
    labels: Mapping[str, Any],
) -> list[Piece]:
    """An import's paragraphs with the section proposed for each by the document kind's
    `propose`, or the one the person chose on the review screen (one of `labels`)."""
    pieces = propose([Paragraph(**p) for p in paragraphs])
    for index, piece in enumerate(pieces):
        chosen = assignments.get(str(index))
        if chosen is not None and chosen in labels:
            piece.section = chosen
    return pieces
