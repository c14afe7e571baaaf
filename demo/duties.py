"""The kommuner's duties under Lag 2023:196 in Västerbotten: Umeå with every duty fulfilled, Norsjö
missing its åtgärdsplan (a new mandatperiod began 15 October 2026), Malå and Sorsele with nothing
recorded – so Länsstyrelse Västerbotten's county view shows the difference. Safe to run again."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement
from followup import services as followup_services
from followup.duties import mandate_period
from followup.models import AnnualReport
from lagesbild.models import Lagesbild
from lagesbild.services import adopt_lagesbild, update_lagesbild
from medborgarloften import atgardsplan_services
from medborgarloften.models import Atgardsplan
from samverkan.coordination import appoint_samordningsfunktion, cycle_of, set_duty_cycle
from samverkan.models import Organization, Samordningsfunktion, User


def _appoint(kommun: Organization, person: User, role_title: str, decided_by: str, diarienummer: str) -> None:
    if Samordningsfunktion.objects.filter(organization=kommun).exists():
        return
    appoint_samordningsfunktion(
        kommun,
        actor=None,
        role_title=role_title,
        from_date=date(2023, 7, 1),  # the day Lag 2023:196 came into force
        people=[person],
        decided_by=decided_by,
        diarienummer=diarienummer,
        paragraph="§ 88",
    )


def _cycle(kommun: Organization, lagesbild_months: int, basis: str) -> None:
    cycle = cycle_of(kommun)
    if cycle.pk is None:
        set_duty_cycle(cycle, actor=None, expected_version=None, lagesbild_months=lagesbild_months, basis=basis)


def _umea_report(umea: Organization, users: dict[str, User]) -> None:
    agreement = Agreement.objects.filter(parties__organization=umea).order_by("-revision").first()
    if agreement is None or AnnualReport.objects.filter(organization=umea, year=2025).exists():
        return
    samordnare = users["samordnare@umea.example"]
    report = followup_services.create_report(agreement, actor=samordnare, organization=umea, year=2025)
    report = followup_services.update_report(
        report,
        actor=samordnare,
        expected_version=report.version,
        summary="Första året med överenskommelsen 2025–2027 och åtgärdsplanen enligt lagen (2023:196).",
        worked="Samverkan mot organiserad brottslighet och trygghetsvandringarna i centrum.",
        changes_next_year="Medborgarlöftet följs upp två gånger om året i det strategiska rådet.",
    )
    followup_services.submit_report(report, actor=samordnare)
    lpo = Organization.objects.get(slug="lpo-umea")
    followup_services.approve_report(report, actor=users["ledning@umea.example"], organization=umea)
    followup_services.approve_report(report, actor=users["lpochef@umea.example"], organization=lpo)


@transaction.atomic
def load() -> list[str]:
    """Record the samordningsfunktioner, cycles, lägesbild decisions and Umeå's åtgärdsplan."""
    orgs = {o.slug: o for o in Organization.objects.filter(slug__in=["norsjo", "umea"])}
    users = {u.email: u for u in User.objects.all()}
    today = timezone.localdate()
    norsjo, umea = orgs["norsjo"], orgs["umea"]

    _appoint(
        norsjo, users["samordnare@norsjo.example"], "Folkhälso- och trygghetssamordnare", "Kommunchefen", "KS 2023/112"
    )
    _appoint(umea, users["samordnare@umea.example"], "Brottsförebyggande samordnare", "Kommunstyrelsen", "KS-2023/0412")
    _cycle(norsjo, 48, "Lägesbilden gäller för perioden 2024–2027 och förnyas inför nästa period.")
    _cycle(umea, 36, "Lägesbilden gäller för överenskommelsens period 2025–2027 (seed 004).")

    norsjo_picture = Lagesbild.objects.filter(organization=norsjo, title="Lägesbild Norsjö 2024–2027").first()
    if norsjo_picture is not None and not norsjo_picture.is_adopted:
        update_lagesbild(
            norsjo_picture,
            actor=None,
            expected_version=norsjo_picture.version,
            analys="Narkotika bland unga och trafikbrott är de problem som prioriteras; folkhälso- och "
            "trygghetsrådet har gått igenom kartläggningen.",
        )
        adopt_lagesbild(
            norsjo_picture,
            actor=None,
            adopted_on=date(2024, 4, 15),
            adopted_by="Kommunstyrelsen",
            adopted_diarienummer="KS 2024/58",
            adopted_paragraph="§ 41",
        )

    umea_picture = Lagesbild.objects.filter(organization=umea, status=Lagesbild.Status.FASTSTALLD).first()
    if umea_picture is not None and not Atgardsplan.objects.filter(organization=umea).exists():
        plan = atgardsplan_services.create_atgardsplan(
            umea, actor=None, title="Åtgärdsplan mot brott Umeå", lagesbild=umea_picture
        )
        atgardsplan_services.add_del2_activities(plan, actor=None)
        problems = list(umea_picture.problems.order_by("priority"))
        atgardsplan_services.add_measure(
            plan,
            actor=None,
            what="Föräldrastöd och tidiga insatser för unga i riskzon",
            problem=problems[0] if problems else None,
            follow_up="Socialtjänstens uppföljning två gånger om året till det strategiska rådet",
            responsible="Socialnämnden",
        )
        # Decided early in the current mandatperiod, never before the lägesbild nor after today.
        decided_on = min(today, max(mandate_period(today)[0] + timedelta(days=21), umea_picture.adopted_on or today))
        atgardsplan_services.decide_atgardsplan(
            plan,
            actor=None,
            decided_on=decided_on,
            decided_by="Kommunstyrelsen",
            diarienummer="KS-2026/0733",
            paragraph="§ 214",
        )
    _umea_report(umea, users)
    return []
