"""Importing an agreement (del 1) that a kommun already has as a Word, PDF or text file: its
paragraphs (read by `samverkan.reading`) are placed in the agreement's sections by their
headings and by the words the seed documents use, its period, renewal rule, parties, place and
signatories are recognised, and – once the person has confirmed the review – a draft is created
through the drafting services."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.importing import complete_import
from samverkan.importjobs import ImportJob
from samverkan.models import Organization, User
from samverkan.reading import Paragraph, join_lines
from samverkan.recognising import (
    DISCARD,
    MONTHS,
    UNPLACED,
    Piece,
    SectionRule,
    closest_name,
    dates_in,
    fold,
    match_organisations,
    pieces_of_job,
    sectioned,
    strip_bullet,
    year_range,
    years_from,
)

from . import services
from .models import Agreement, AgreementParty, Commitment, SectionItem

Who = Commitment.Who
Item = SectionItem.Section

FRONT = "rubrik"
#: The agreement's text fields, in the order of the document.
TEXT_SECTIONS = Agreement.text_sections
FOCUS, COMMITMENT, PERIOD, PARTIES, SIGNING = "fokusomrade", "atagande", "giltighet", "parter", "underskrift"

RULES = (
    SectionRule("innehall", "", (r"innehall",)),
    SectionRule("inledning", "", (r"inledning", r"bakgrund")),
    SectionRule("syfte", "", (r"syfte",)),
    SectionRule("samverkansmodell", "", (r"samverkansmodell", r"modell(en)? for samverkan")),
    SectionRule("vision", "", (r"(gemensam |var )?vision",)),
    SectionRule("gemensam_lagesbild", "", (r"(den )?gemensam(ma)? lagesbild",)),
    SectionRule("fokus", "", (r"(prioriterade )?(\w+ )?fokusomrade", r"prioritering", r"prioriterade omraden")),
    SectionRule("strategiska_forutsattningar", "", (r"strategiska forutsattningar", r"ansvar och roller")),
    SectionRule("medborgarloften", "", (r"medborgarlofte",)),
    SectionRule("uppfoljning", "", (r"uppfoljning", r"aterrapportering")),
    SectionRule("kommunikation", "", (r"kommunikation",)),
    SectionRule(PERIOD, "", (r"(overenskommelsens |avtalets )?(giltighetstid|tidsram|avtalstid|avtalsperiod)",)),
    SectionRule(PARTIES, "", (r"(samverkande )?parter\b",)),
)

SECTION_LABELS = {
    FRONT: gettext_lazy("Titel och försättsblad (sparas inte som text)"),
    "inledning": gettext_lazy("Inledning"),
    "syfte": gettext_lazy("Syfte"),
    Item.UTGANGSPUNKT: gettext_lazy("Syfte: viktiga utgångspunkter (punkt)"),
    "samverkansmodell": gettext_lazy("Samverkansmodellen"),
    Item.MODELLSTEG: gettext_lazy("Samverkansmodellen bygger på (punkt)"),
    Item.VISION: gettext_lazy("Gemensam vision (punkt)"),
    "gemensam_lagesbild": gettext_lazy("Den gemensamma lägesbilden"),
    "fokus_inledning": gettext_lazy("Inledning till fokusområdena"),
    FOCUS: gettext_lazy("Fokusområde (ett per stycke)"),
    "strategiska_forutsattningar": gettext_lazy("Strategiska förutsättningar"),
    COMMITMENT: gettext_lazy("Åtagande (ett per stycke)"),
    "medborgarloften": gettext_lazy("Medborgarlöften"),
    "uppfoljning": gettext_lazy("Uppföljning"),
    "kommunikation": gettext_lazy("Kommunikation"),
    PERIOD: gettext_lazy("Giltighetstid (period och förnyelse läses härifrån)"),
    PARTIES: gettext_lazy("Parter (läses för att hitta parterna)"),
    SIGNING: gettext_lazy("Ort, datum och undertecknare"),
    UNPLACED: gettext_lazy("Kunde inte placeras"),
    DISCARD: gettext_lazy("Importera inte"),
}
SECTION_CHOICES = list(SECTION_LABELS.items())

TITLE_WORDS = ("samverkansoverenskommelse", "overenskommelse", "samverkansavtal", "avtal om", "avtal mellan")
#: "Polisen åtar sig …", "Polisen tillsammans med kommunerna åtar sig …": a party's commitment.
COMMITS = re.compile(r"^[^.]{0,80}\batar sig\b")
SIGNER_TITLES = re.compile(r"chef|kommunalrad|ordforande|kommundirektor|radsordforande|polismastare")
CONTACT = re.compile(r"postadress|besok(sadress)?:|telefon|@|www\.|\b\d{3} ?\d{2} [a-z]")
PLACE_DATE = re.compile(r"^\s*([A-ZÅÄÖ][\wåäöé]+)[, ]+(?:den )?(\d{1,2} \w+ (?:19|20)\d\d|\d{4}-\d\d-\d\d)\s*$")


def _is_signature_block(text: str) -> bool:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return (
        bool(lines)
        and all(len(line) < 70 and not line.endswith(".") for line in lines)
        and (any(SIGNER_TITLES.search(fold(line)) for line in lines) or any(PLACE_DATE.match(line) for line in lines))
    )


def propose(paragraphs: Sequence[Paragraph]) -> list[Piece]:
    """Every paragraph with the section proposed for it."""
    pieces: list[Piece] = []
    lead: str | None = None
    previous = ""
    for block in sectioned(paragraphs, RULES, first=FRONT):
        text, folded, section = block.paragraph.text, fold(block.paragraph.text), block.section
        if section != previous:
            lead, previous = None, section
        bullet = block.is_bullet
        if bullet:
            text = strip_bullet(text)
        if section == "innehall" or CONTACT.search(folded):
            target = DISCARD
        elif _is_signature_block(text):
            target = SIGNING
        elif not bullet and text.rstrip().endswith(":"):
            # A lead-in to a list: "Viktiga utgångspunkter i arbetet är:", "Samverkansmodellen bygger på:".
            if "utgangspunkt" in folded:
                lead = Item.UTGANGSPUNKT
            elif "bygger pa" in folded and section == "samverkansmodell":
                lead = Item.MODELLSTEG
            elif section == "vision":
                lead = Item.VISION
            target = DISCARD if lead else _text_section(section)
        elif COMMITS.match(folded):
            target = COMMITMENT
        elif bullet and section == "fokus":
            target = FOCUS
        elif bullet and section == "vision":
            target = Item.VISION
        elif bullet and lead:
            target = lead
        elif section == FRONT and folded.startswith("syfte"):
            target = "syfte"
        elif section == "vision":
            target = UNPLACED
        else:
            target = _text_section(section)
        pieces.append(Piece(text=text, section=target, heading=block.heading, bullet=bullet))
    return pieces


def _text_section(section: str) -> str:
    if section == "fokus":
        return "fokus_inledning"
    if section in (*TEXT_SECTIONS, FRONT, PERIOD, PARTIES, UNPLACED):
        return section
    return UNPLACED


@dataclass
class Recognised:
    """What the review shows above the paragraphs and the draft is created with."""

    title: str = ""
    period_start: date | None = None
    period_end: date | None = None
    starts_on_signing: bool = False
    renewal: str = ""
    signing_place: str = ""
    signing_date: date | None = None
    reporting_month: int | None = None
    parties: list[Organization] = field(default_factory=list)
    unmatched_parties: list[str] = field(default_factory=list)
    signatory_titles: dict[int, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    items: dict[str, list[str]] = field(default_factory=dict)
    focus_areas: list[tuple[str, str]] = field(default_factory=list)
    commitments: list[tuple[str, str]] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _of(pieces: Sequence[Piece], section: str) -> list[Piece]:
    return [p for p in pieces if p.section == section]


def _focus_area(piece: Piece) -> tuple[str, str]:
    """A focus area's title and description: "Trygga och säkra offentliga miljöer — det är viktigt
    …" splits at the dash; a bullet on several lines has its title on the first."""
    text = piece.running_text
    dash = re.search(r"\s[—–-]\s", text)
    if dash and dash.start() < 160:
        return text[: dash.start()].strip(), text[dash.end() :].strip()
    lines = [line.strip() for line in piece.text.split("\n") if line.strip()]
    if len(lines) > 1 and not lines[0].endswith("."):
        return lines[0], join_lines(lines[1:])
    if len(text) <= 200:
        return text, ""
    first = re.split(r"(?<=\.)\s", text, maxsplit=1)
    return first[0][:200], first[1] if len(first) > 1 else ""


def _who(text: str) -> str:
    subject = fold(text).split("atar sig")[0]
    police, kommun = "polis" in subject, "kommun" in subject
    if police and kommun:
        return Who.GEMENSAMT
    if police:
        return Who.POLISEN
    if kommun:
        return Who.KOMMUNERNA
    return Who.GEMENSAMT


def _texts(pieces: Sequence[Piece]) -> str:
    return "\n\n".join(f"– {p.running_text}" if p.bullet else p.running_text for p in pieces).strip()


def recognise(pieces: Sequence[Piece], organizations: Sequence[Organization]) -> Recognised:
    """The agreement's title, period, renewal rule, parties, place and texts from the pieces as
    they are placed."""
    found = Recognised()
    front = _of(pieces, FRONT)
    titled = [p for p in front if fold(p.text).startswith(TITLE_WORDS)]
    found.title = ((titled or front)[0].running_text if (titled or front) else "").rstrip(".").strip()[:300]
    period_text = " ".join(p.running_text for p in _of(pieces, PERIOD))
    folded_period = fold(period_text)
    everything = " ".join(p.running_text for p in pieces if p.section != DISCARD)
    years = year_range(found.title) or year_range(" ".join(p.running_text for p in front)) or year_range(everything)
    days = dates_in(period_text)
    found.starts_on_signing = bool(
        re.search(r"(fran|fr o m|fran och med) (datum(et)? for |dagen for )?underskrift", folded_period)
    )
    if len(days) >= 2:
        found.period_start, found.period_end = days[0], days[-1]
    elif len(days) == 1:
        found.period_end = days[0]
        found.period_start = years[0] if years else None
    elif years:
        found.period_start, found.period_end = years
    if found.period_start is None:
        start = re.search(r"med borjan (\d{1,2}/\d{1,2} \d{4}|\d{1,2} \w+ \d{4})", fold(everything))
        if start and (begins := dates_in(start.group(1))):
            found.period_start = begins[0]
            found.period_end = found.period_end or years_from(begins[0], everything)
    if "tills vidare" in folded_period or "forlangs" in folded_period:
        found.renewal = Agreement.Renewal.CONTINUES
    elif "revider" in folded_period:
        found.renewal = Agreement.Renewal.REVISE
    elif "upphor" in folded_period:
        found.renewal = Agreement.Renewal.ENDS
    month = re.search(
        r"(aterrapport\w*|rapporteras|redovisas)[^.]{0,80}?\b(i|under|senast i) ("
        r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b",
        fold(everything),
    )
    if month:
        found.reporting_month = MONTHS[month.group(3)]
    naming = "\n".join(p.text for p in pieces if p.section in (FRONT, PARTIES, SIGNING, PERIOD))
    matched = match_organisations(f"{found.title}\n{naming}", organizations)
    found.parties, found.unmatched_parties = matched.matched, matched.unmatched
    for piece in _of(pieces, SIGNING):
        for line in piece.text.split("\n"):
            place_date = PLACE_DATE.match(line)
            if place_date and not found.signing_place:
                towns = [re.sub(r"s? kommun$", "", o.name) for o in found.parties if not o.is_police]
                found.signing_place = closest_name(place_date.group(1), towns)
                found.signing_date = next(iter(dates_in(place_date.group(2))), None)
            elif SIGNER_TITLES.search(fold(line)):
                for organization in match_organisations(line, found.parties).matched:
                    found.signatory_titles.setdefault(organization.pk, line.strip()[:200])
    found.texts = {name: _texts(_of(pieces, name)) for name in TEXT_SECTIONS}
    found.items = {kind: [p.running_text for p in _of(pieces, kind)] for kind in Item.values}
    found.focus_areas = [_focus_area(p) for p in _of(pieces, FOCUS)]
    found.commitments = [(_who(p.running_text), p.running_text) for p in _of(pieces, COMMITMENT)]
    found.unplaced = [p.running_text for p in _of(pieces, UNPLACED)]
    if not found.renewal:
        found.warnings.append(_("Ingen regel för vad som händer när perioden är slut hittades; välj den i utkastet."))
    if found.period_start is None or found.period_end is None:
        found.warnings.append(_("Perioden kunde inte läsas ut helt; ange den nedan."))
    return found


def pieces_of(job: ImportJob) -> list[Piece]:
    """The job's paragraphs with the section proposed for each, or the one the person chose."""
    return pieces_of_job(job.paragraphs, job.assignments, propose, SECTION_LABELS)


@transaction.atomic
def create_agreement_from_import(
    job: ImportJob,
    *,
    actor: User,
    title: str,
    period_start: date,
    period_end: date,
    parties: Sequence[Organization],
    assignments: dict[str, str],
) -> Agreement:
    """Create the draft the person confirmed on the review screen: the texts, lists, focus areas
    and commitments where they placed them, and the parties they kept (each invited, as when
    added by hand); the import job then keeps only the link to the draft."""
    job.assignments = assignments
    pieces = pieces_of(job)
    found = recognise(pieces, [job.organization, *parties])
    agreement = services.create_agreement(
        job.organization,
        actor=actor,
        title=title,
        period_start=period_start,
        period_end=period_end,
        starts_on_signing=found.starts_on_signing,
        renewal=found.renewal or Agreement.Renewal.REVISE,
        signing_place=found.signing_place[:100],
        reporting_month=found.reporting_month,
        **found.texts,
    )
    for section, texts in found.items.items():
        if texts:
            services.set_items(agreement, actor=actor, section=section, texts=texts)
    own = AgreementParty.all_objects.get(agreement=agreement)
    if found.signatory_titles.get(job.organization_id):
        services.update_party(
            own,
            actor=actor,
            expected_version=own.version,
            signatory=None,
            signatory_title=found.signatory_titles[job.organization_id],
        )
    for organization in parties:
        if organization.pk != job.organization_id:
            services.add_party(
                agreement,
                actor=actor,
                organization=organization,
                signatory_title=found.signatory_titles.get(organization.pk, ""),
            )
    for area_title, description in found.focus_areas:
        services.add_focus_area(agreement, actor=actor, title=area_title[:200], description=description)
    for who, text in found.commitments:
        services.add_commitment(agreement, actor=actor, who=who, text=text)
    complete_import(job, actor=actor, result_url=agreement.get_absolute_url())
    return agreement
