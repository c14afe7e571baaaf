"""Importing a medborgarlöfte that a kommun already has as a Word, PDF or text file (like seed
002, Norsjö's promises 2019–2023): its title, period, introduction, dialogues, focus areas, every
activity with the heading it stands under, its responsible party and its target wording parsed
into a structured target (`targets`), the effects sought and how the work is communicated. The
draft is created under a del 2 plan once the person has confirmed the review."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import FocusArea
from samverkan.importing import complete_import
from samverkan.importjobs import ImportJob
from samverkan.models import Organization, User
from samverkan.reading import BULLET, Paragraph, bullet_text, join_lines
from samverkan.recognising import (
    DISCARD,
    NUMBER_WORDS,
    UNPLACED,
    Piece,
    SectionRule,
    dates_in,
    fold,
    pieces_of_job,
    sectioned,
    strip_bullet,
    year_range,
    years_from,
)

from . import services
from .models import Activity, LocalPlan, Medborgarlofte
from .targets import Target, TargetKind, Unit, describe

Responsible = Activity.Responsible
Dialogue = Medborgarlofte.Dialogue

FRONT, INTRO, DIALOGUE, FOCUS, ACTIVITY, EFFECT, COMMUNICATION, PERIOD = (
    "rubrik",
    "inledning",
    "dialog",
    "fokusomrade",
    "aktivitet",
    "effekt",
    "kommunikation",
    "period",
)
ACTIVITIES = "aktiviteter"

RULES = (
    SectionRule(INTRO, "", (r"inledning", r"bakgrund", r"syfte")),
    SectionRule(DIALOGUE, "", (r"(den )?gemensam(ma)? lagesbild", r"medborgardialog", r"dialog")),
    SectionRule(FOCUS, "", (r"(\w+ )?fokusomrade", r"prioriterade omraden")),
    SectionRule(
        ACTIVITIES,
        "",
        (r"medborgarlofte", r"(vara )?aktiviteter", r"atgarder", r"genomforandeplan", r"aktivitetsplan", r"vi lovar"),
    ),
    SectionRule(EFFECT, "", (r"(\w+ )?effekter", r"eftersträvade effekter")),
    SectionRule(COMMUNICATION, "", (r"kommunikation", r"redovisning")),
    SectionRule(PERIOD, "", (r"(giltighetstid|tidsram|period|avtalstid)",)),
)

SECTION_LABELS = {
    FRONT: gettext_lazy("Rubrik (sparas inte som text)"),
    INTRO: gettext_lazy("Inledning"),
    DIALOGUE: gettext_lazy("Om dialogerna"),
    FOCUS: gettext_lazy("Fokusområde (kopplas till överenskommelsens)"),
    ACTIVITY: gettext_lazy("Aktivitet (en per stycke)"),
    EFFECT: gettext_lazy("Eftersträvad effekt (en per stycke)"),
    COMMUNICATION: gettext_lazy("Kommunikation (del 2-planens text)"),
    PERIOD: gettext_lazy("Period (läses härifrån)"),
    UNPLACED: gettext_lazy("Kunde inte placeras"),
    DISCARD: gettext_lazy("Importera inte"),
}
SECTION_CHOICES = list(SECTION_LABELS.items())


# --- Targets --------------------------------------------------------------------------------

UNITS = {
    "dag": Unit.DAY,
    "dagen": Unit.DAY,
    "vecka": Unit.WEEK,
    "veckan": Unit.WEEK,
    "helg": Unit.WEEKEND,
    "helgen": Unit.WEEKEND,
    "manad": Unit.MONTH,
    "manaden": Unit.MONTH,
    "kvartal": Unit.QUARTER,
    "kvartalet": Unit.QUARTER,
    "ar": Unit.YEAR,
    "aret": Unit.YEAR,
    "termin": Unit.QUARTER,
}
UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
ORDINAL_WORDS = {"annan": 2, "tredje": 3, "fjarde": 4, "femte": 5, "sjatte": 6}
TRIGGERS = re.compile(
    r"vid behov|riskhelg|vid (storre |sarskilda )?(evenemang|handelser|tillfallen)|vid marknadshelg|nar det behovs"
    r"|vid larm"
)
CONTINUOUS = re.compile(r"kontinuerlig|lopande|varje arbetspass|standigt|fortlopande|hela tiden|alltid")
ADVERBS = {"dagligen": Unit.DAY, "veckovis": Unit.WEEK, "manadsvis": Unit.MONTH, "kvartalsvis": Unit.QUARTER}
ADVERBS["arligen"] = Unit.YEAR


def parse_target(wording: str) -> dict[str, Any] | None:
    """The structured target of an activity's wording, in the fields of `Activity`, or None when
    the wording says nothing this can read:

    "Minst 10 kontroller per månad" → at least 10 per month; "2 gånger/år" → 2 per year;
    "Besöka klasserna år 6–9 1 gång per år" → once a year in each of 4 classes; "Var tredje helg …"
    → once every third weekend; "Vid behov", "Under riskhelger" → a trigger; "Kontinuerligt",
    "Löpande under året", "Varje arbetspass" → continuous."""
    text = wording.strip()
    folded = fold(text).replace("–", "-")
    if not folded:
        return None
    if TRIGGERS.search(folded):
        return {"target_kind": TargetKind.TRIGGER, "target_text": text[:200]}
    minimum = bool(re.search(r"\b(minst|som minst|minimum|inte mindre an)\b", folded))
    multiplier, label = 1, ""
    span = re.search(r"\b(?:ar|arskurs|klass(?:erna)?|ak)\s*(\d{1,2})\s*-\s*(\d{1,2})\b", folded)
    if span and int(span.group(2)) > int(span.group(1)):
        multiplier = int(span.group(2)) - int(span.group(1)) + 1
        label = f"klass, år {span.group(1)}–{span.group(2)}"
        folded = folded[: span.start()] + folded[span.end() :]
    every_match = re.search(rf"\bvar(?:je)? ?(annan|tredje|fjarde|femte|sjatte|\d+:e) ({UNIT_WORDS})\b", folded)
    if every_match:
        every_word = every_match.group(1)
        every = ORDINAL_WORDS.get(every_word) or int(every_word.removesuffix(":e"))
        return _quantity(text, 1, UNITS[every_match.group(2)], minimum, every, multiplier, label)
    number = r"(\d+|" + "|".join(NUMBER_WORDS) + ")"
    per_unit = re.search(
        rf"\b{number}\s+(?:[a-zåäö]+\s+){{0,2}}?(?:per|i|/|om|varje|varannan)\s*({UNIT_WORDS})\b", folded
    ) or re.search(rf"\b{number}\s*(?:ggr|gånger|ganger|gang)?\s*/\s*({UNIT_WORDS})\b", folded)
    if per_unit:
        word = per_unit.group(1)
        count = int(word) if word.isdigit() else NUMBER_WORDS[word]
        every = 2 if "varannan" in per_unit.group(0) else 1
        return _quantity(text, count, UNITS[per_unit.group(2)], minimum, every, multiplier, label)
    adverb = next((unit for word, unit in ADVERBS.items() if re.search(rf"\b{word}\b", folded)), None)
    each = re.search(rf"\b(?:varje|varannan) ({UNIT_WORDS})\b", folded)
    if adverb or each:
        unit = adverb or (UNITS[each.group(1)] if each else Unit.YEAR)
        every = 2 if each and "varannan" in each.group(0) else 1
        return _quantity(text, 1, unit, minimum, every, multiplier, label)
    if CONTINUOUS.search(folded):
        return {"target_kind": TargetKind.CONTINUOUS, "target_text": text[:200]}
    return None


def _quantity(
    text: str, count: int, unit: str, minimum: bool, every: int, multiplier: int, label: str
) -> dict[str, Any]:
    return {
        "target_kind": TargetKind.QUANTITY,
        "target_count": count,
        "target_unit": unit,
        "target_minimum": minimum,
        "target_every": every,
        "target_multiplier": multiplier,
        "target_multiplier_label": label,
        "target_text": text[:200],
    }


# --- Activities -----------------------------------------------------------------------------

PARTY_WORD = r"(?:polis(?:en|myndigheten)?|kommun(?:en|erna)?)"
DETAILS = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*\.?\s*$", re.S)
ABBREVIATIONS = ("m.m.", "m.fl.", "bl.a.", "t.ex.", "osv.")


def _strip_period(text: str) -> str:
    text = text.strip()
    if text.endswith(".") and not text.endswith(ABBREVIATIONS):
        return text[:-1].strip()
    return text


def parse_activity(text: str, heading: str = "") -> dict[str, Any]:
    """An activity as `Activity` holds it, from the way seed 002 writes one: "Trygghetsvandring.
    (2 gånger per år. Samverkan: Kommunen.)" – what is done (the first sentence, or the words
    before " – "), the rest as description, and in the parenthesis the target wording and who:
    the police, the kommun or both, and the partners besides them. `parsed` says whether the
    target could be read; if not it is kept as words, to be set right in the draft."""
    running = join_lines(text.split("\n"))
    details = DETAILS.search(running)
    body, inside = (running[: details.start()], details.group(1)) if details else (running, "")
    wording, partners_text = inside, ""
    together = re.search(r"\bsamverkan\s*:\s*", inside, re.I) or re.search(r"\bansvarig\w*\s*:\s*", inside, re.I)
    if together:
        wording, partners_text = inside[: together.start()], inside[together.end() :]
    wording = _strip_period(wording.strip().rstrip(".").strip())
    partners_text = _strip_period(partners_text)
    folded_partners = fold(partners_text)
    police, kommun = bool(re.search(r"\bpolis", folded_partners)), bool(re.search(r"\bkommun", folded_partners))
    responsible = Responsible.BADA if police == kommun else Responsible.POLIS if police else Responsible.KOMMUN
    partners = partners_text
    while re.match(rf"^{PARTY_WORD}\b\s*(,|och|samt)?\s*", partners, re.I) and partners:
        partners = re.sub(rf"^{PARTY_WORD}\b\s*(,|och|samt)?\s*", "", partners, count=1, flags=re.I)
    body = body.strip()
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", body, maxsplit=1)
    what, description = sentences[0], sentences[1] if len(sentences) > 1 else ""
    dash = re.match(r"^(\S+(?: \S+){0,3}) [-–—] (.+)$", what)
    if dash:
        what, description = dash.group(1), f"{dash.group(2)} {description}".strip()
    target = parse_target(wording)
    fields: dict[str, Any] = {
        "heading": heading[:200],
        "what": _strip_period(what)[:300] or _("Aktivitet"),
        "description": description.strip(),
        "responsible": responsible,
        "partners": partners.strip()[:300],
    }
    if target is None:
        fields.update(target_kind=TargetKind.TRIGGER, target_text=(wording or _("Ej angivet i dokumentet"))[:200])
    else:
        fields.update(target)
    fields["parsed"] = target is not None
    return fields


def describe_activity(fields: dict[str, Any]) -> str:
    """The activity as the review shows it: "Polisen: Trafikkontroller – Minst 10 kontroller per månad"."""
    target = Target(
        kind=fields["target_kind"],
        count=fields.get("target_count", 0),
        unit=fields.get("target_unit", ""),
        every=fields.get("target_every", 1),
        minimum=fields.get("target_minimum", False),
        multiplier=fields.get("target_multiplier", 1),
        multiplier_label=fields.get("target_multiplier_label", ""),
        text="",
    )
    structured = describe(target) if target.is_measurable else TargetKind(target.kind).label
    return f"{Responsible(fields['responsible']).label}: {fields['what']} – {structured}"


# --- Proposal -------------------------------------------------------------------------------


def propose(paragraphs: Sequence[Paragraph]) -> list[Piece]:
    """Every paragraph – and every activity, however they share paragraphs – with the section
    proposed for it; an activity carries the heading it stands under."""
    pieces: list[Piece] = []
    blocks = sectioned(paragraphs, RULES, first=INTRO)
    for number, block in enumerate(blocks):
        section = block.section
        if number == 0 and section == INTRO and "\n" not in block.paragraph.text and len(block.paragraph.text) < 120:
            pieces.append(Piece(block.paragraph.text.strip(), FRONT, heading=block.heading))
            continue
        if section == ACTIVITIES:
            pieces.extend(_activities(block.paragraph, block.heading, pieces))
            continue
        text = strip_bullet(block.paragraph.text) if block.is_bullet else block.paragraph.text
        target = {
            DIALOGUE: DIALOGUE,
            FOCUS: FOCUS if block.is_bullet else DIALOGUE,
            EFFECT: EFFECT if block.is_bullet or len(text) < 300 else UNPLACED,
        }.get(section, section)
        if section == EFFECT and not block.is_bullet and fold(text).endswith(":"):
            target = DISCARD
        pieces.append(Piece(text, target, heading=block.heading, bullet=block.is_bullet))
    return pieces


def _activities(paragraph: Paragraph, section_heading: str, earlier: list[Piece]) -> list[Piece]:
    """The activities of one paragraph of the activity section: a bulleted first line without a
    parenthesis is the heading they stand under ("• Tillgreppsbrott"); an activity runs until its
    parenthesis closes ("… (Kontinuerligt. Samverkan: Polisen.)")."""
    heading = next((p.heading for p in reversed(earlier) if p.section == ACTIVITY), "")
    lines = paragraph.text.split("\n")
    found: list[Piece] = []
    first = bullet_text(lines[0])
    if first is None and paragraph.style == BULLET:
        first = lines[0].strip()  # a list item in Word carries no bullet character
    if first is not None and "(" not in first:
        heading, lines = first.strip().rstrip(":"), lines[1:]
    elif first is not None:
        lines = [first, *lines[1:]]
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        joined = " ".join(buffer)
        if joined.count("(") and joined.count("(") == joined.count(")") and joined.rstrip(" .").endswith(")"):
            found.append(Piece("\n".join(buffer).strip(), ACTIVITY, heading=heading))
            buffer = []
    if buffer:
        rest = "\n".join(buffer).strip()
        # Running text in the activity section that is no activity ("Fokusområdena och det konkreta
        # arbetet … återfinns i genomförandeplanen") belongs to the introduction.
        is_activity = bool(heading) and len(rest) < 400 and (found or earlier)
        found.append(Piece(rest, ACTIVITY if is_activity else INTRO, heading=heading if is_activity else ""))
    if not found and heading:
        # A heading alone: the activities follow in the next paragraphs.
        found.append(Piece(heading, DISCARD, heading=heading, note=_("Rubrik för aktiviteterna nedan")))
    for piece in found:
        if piece.section == ACTIVITY:
            piece.extra = {"section_heading": section_heading}
    return found


# --- What the review shows and the draft is made of ---------------------------------------


@dataclass
class Recognised:
    title: str = ""
    period_start: date | None = None
    period_end: date | None = None
    introduction: str = ""
    dialogues: list[str] = field(default_factory=list)
    dialogue_description: str = ""
    focus_titles: list[str] = field(default_factory=list)
    activities: list[dict[str, Any]] = field(default_factory=list)
    effects: list[str] = field(default_factory=list)
    kommunikation: str = ""
    unplaced: list[str] = field(default_factory=list)
    unparsed_targets: list[str] = field(default_factory=list)
    police_names: list[str] = field(default_factory=list)


def _of(pieces: Sequence[Piece], section: str) -> list[Piece]:
    return [p for p in pieces if p.section == section]


def _joined(pieces: Sequence[Piece]) -> str:
    return "\n\n".join(f"– {p.running_text}" if p.bullet else p.running_text for p in pieces).strip()


def recognise(pieces: Sequence[Piece], plan: LocalPlan | None = None) -> Recognised:
    """Title, period, texts, activities and effects from the pieces as they are placed."""
    found = Recognised()
    front = _of(pieces, FRONT)
    found.title = (front[0].running_text if front else "").rstrip(".").strip()
    headings = " ".join({p.extra.get("section_heading", "") for p in _of(pieces, ACTIVITY)})
    period_text = " ".join(p.running_text for p in _of(pieces, PERIOD))
    years = year_range(headings) or year_range(found.title) or year_range(period_text)
    if years:
        found.period_start, found.period_end = years
    else:
        intro = " ".join(p.running_text for p in pieces if p.section in (INTRO, PERIOD))
        start = re.search(r"med borjan (\d{1,2}/\d{1,2} \d{4}|\d{1,2} \w+ \d{4})", fold(intro))
        days = dates_in(start.group(1)) if start else dates_in(period_text)
        if days:
            found.period_start = days[0]
            found.period_end = years_from(days[0], intro) or (days[-1] if len(days) > 1 else None)
    if plan is not None:
        found.period_start = found.period_start or plan.period_start
        found.period_end = found.period_end or plan.period_end
    if found.title and found.period_start and found.period_end and not re.search(r"\d{4}", found.title):
        found.title = f"{found.title} {found.period_start.year}–{found.period_end.year}"
    found.title = found.title[:200] or str(_("Importerat medborgarlöfte"))
    found.introduction = _joined(_of(pieces, INTRO))
    found.dialogue_description = _joined(_of(pieces, DIALOGUE))
    dialogue_text = fold(found.dialogue_description)
    words = {
        Dialogue.MEDBORGARDIALOG: "medborgardialog",
        Dialogue.MEDARBETARDIALOG: "medarbetardialog",
        Dialogue.WEBBENKAT: "webbenkat",
        Dialogue.TRYGGHETSVANDRING: "trygghetsvandring",
    }
    found.dialogues = [str(kind) for kind, word in words.items() if word in dialogue_text]
    found.focus_titles = [p.running_text for p in _of(pieces, FOCUS)]
    for piece in _of(pieces, ACTIVITY):
        activity = parse_activity(piece.text, piece.heading)
        found.activities.append(activity)
        if not activity["parsed"]:
            found.unparsed_targets.append(activity["what"])
    found.effects = [p.running_text[:300] for p in _of(pieces, EFFECT)]
    found.kommunikation = _joined(_of(pieces, COMMUNICATION))
    found.unplaced = [p.running_text for p in _of(pieces, UNPLACED)]
    return found


def _stems(text: str) -> set[str]:
    ignore = {"insats", "arbete", "atgard", "omrad", "samver", "eller", "minska"}
    stems = {word[:6] for word in re.findall(r"[a-z]{5,}", fold(text))}
    return stems - ignore


def matching_area(text: str, areas: Sequence[FocusArea]) -> FocusArea | None:
    """The focus area whose title shares the most words with `text` (none when none does)."""
    words = _stems(text)
    scored = [(len(words & _stems(area.title)), area) for area in areas]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] > 0 else None


def pieces_of(job: ImportJob) -> list[Piece]:
    """The job's paragraphs with the section proposed for each, or the one the person chose."""
    return pieces_of_job(job.paragraphs, job.assignments, propose, SECTION_LABELS)


@transaction.atomic
def create_lofte_from_import(
    job: ImportJob,
    *,
    actor: User,
    plan: LocalPlan,
    title: str,
    period_start: date,
    period_end: date,
    police_area: Organization,
    assignments: dict[str, str],
) -> Medborgarlofte:
    """Create the draft medborgarlöfte the person confirmed on the review screen, under `plan`:
    its texts, the agreement's focus areas it names, its effects and every activity with its
    target (a wording that could not be read is kept as words, as a trigger, to be set right);
    the communication text goes to the plan when the plan has none. The import job then keeps
    only the link to the draft."""
    job.assignments = assignments
    found = recognise(pieces_of(job), plan)
    areas = list(FocusArea.all_objects.filter(agreement_id=plan.agreement_id))
    chosen = [area for text in found.focus_titles if (area := matching_area(text, areas)) is not None]
    lofte = services.create_lofte(
        plan,
        actor=actor,
        title=title,
        period_start=period_start,
        period_end=period_end,
        police_area=police_area,
        focus_areas=list(dict.fromkeys(chosen)),
        effects=found.effects,
        introduction=found.introduction,
        dialogues=found.dialogues,
        dialogue_description=found.dialogue_description,
    )
    lofte_areas = list(dict.fromkeys(chosen)) or areas
    for activity in found.activities:
        fields = {k: v for k, v in activity.items() if k in Activity.editable_fields}
        fields["focus_area"] = matching_area(f"{activity['heading']} {activity['what']}", lofte_areas)
        plan.refresh_from_db()
        services.add_activity(lofte, actor=actor, expected_version=plan.version, **fields)
    if found.kommunikation and not plan.kommunikation.strip():
        plan.refresh_from_db()
        services.update_plan(plan, actor=actor, expected_version=plan.version, kommunikation=found.kommunikation)
    complete_import(job, actor=actor, result_url=lofte.get_absolute_url())
    return lofte
