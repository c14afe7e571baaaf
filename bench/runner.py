"""`make bench`: the key pages measured on the national dataset (bench/scale.py).

The app is served by gunicorn with DEBUG off, as in production, and a bare Django hello-world view
(/bench/hello/, there only when SAMVERKAN_BENCH installs this app) in the same server is the
baseline. wrk drives the load from the same machine. Each page is checked once to answer as it
should (200, or the redirect after a log) before it is measured, and its queries are counted in-process with the same
person's session. The PDF timings render and seal the real documents; the reminder scan runs
over the whole dataset as the daily Celery beat task does.
"""

import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement
from followup.meetings import services as meeting_services
from followup.meetings.models import Meeting
from followup.models import ActivityLog, AnnualReport
from followup.tasks import scan_reminders
from medborgarloften.models import Activity, LocalPlan
from samverkan.celery import app as celery_app
from samverkan.groups import services as group_services
from samverkan.groups.models import Group
from samverkan.models import Membership, Notification, Organization, User
from samverkan.sealed import seal_bytes

from . import profile, scale

TARGETS = {
    # Every key page, under load: p95, its share of the hello-world view's throughput, and at most
    # this many queries (constant with the amount of data: tests/scale/test_query_counts.py).
    "p95_ms": 50.0,
    "throughput_ratio": 0.15,
    "queries": 10,
    "agreement_pdf_s": 1.0,
    "annual_report_pdf_s": 2.0,
    "reminder_scan_s": 30.0,
}
#: The kommun whose pages are measured (a typical one: every scale kommun has the same shape) and
#: the county of the county overview (Västra Götaland, the largest, with 49 kommuner).
KOMMUN = f"{scale.SLUG_PREFIX}2401"
#: The group whose meeting is measured, made by the benchmark itself (ensure_meeting).
BENCH_GROUP = "Trygghetsrådet (mätning)"
COUNTY = "14"
README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"


@dataclass
class Page:
    name: str
    path: str
    user: User | None
    method: str = "GET"
    form: dict[str, str] = field(default_factory=dict)
    expect: int = 200


@dataclass
class Load:
    """What wrk measured for one URL."""

    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class Settings:
    workers: int
    connections: int
    duration: int
    warmup: int
    port: int = 0


def parse_wrk(output: str) -> Load:
    """The JSON line bench/wrk.lua prints at the end of a wrk run."""
    line = next((line for line in reversed(output.splitlines()) if line.startswith("{")), None)
    if line is None:
        raise RuntimeError(f"wrk gav inget resultat:\n{output}")
    data = json.loads(line)
    errors = sum(data[key] for key in data if key.startswith("errors_"))
    return Load(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        errors=errors,
    )


def key_pages(today: date, kommun_slug: str = KOMMUN, county: str = COUNTY) -> list[Page]:
    """The key pages, each seen by the person who uses it."""
    kommun = Organization.objects.get(slug=kommun_slug)
    samordnare = _person(kommun, Membership.Role.SAMORDNARE)
    lansstyrelse = Organization.objects.get(slug=f"{scale.SLUG_PREFIX}lansstyrelsen-{county}")
    n_kommuner = Organization.objects.filter(kind=Organization.Kind.KOMMUN, county=lansstyrelse.county_id).count()
    plan = LocalPlan.objects.get(organization=kommun)
    report = AnnualReport.objects.get(organization=kommun, year=today.year - 1)
    activity = (
        Activity.objects.filter(lofte__plan=plan, responsible=Activity.Responsible.KOMMUN).order_by("order").first()
    )
    assert activity is not None
    meeting = ensure_meeting(kommun, samordnare, today)
    county_samordnare = _person(lansstyrelse, Membership.Role.SAMORDNARE)
    return [
        # Not a page of the product: the floor every authenticated page stands on (bench/views.py).
        Page("Golvet: tom sida för inloggad", reverse("bench_floor"), samordnare),
        Page("Översikt", reverse("oversikt"), samordnare),
        Page("Kommunens uppföljning", reverse("dashboard_kommun", args=[kommun.slug]), samordnare),
        Page(
            f"Länsöversikt ({n_kommuner} kommuner)",
            reverse("dashboard_overview"),
            _person(lansstyrelse, Membership.Role.SAMORDNARE),
        ),
        Page("Handlingsplan (redigering)", plan.get_absolute_url(), samordnare),
        Page(
            "Logga en aktivitet (POST)",
            reverse("log"),
            samordnare,
            method="POST",
            form={"activity": str(activity.pk), "done_on": today.isoformat(), "count": "1"},
            expect=302,
        ),
        Page("Publik sida", reverse("public_loften", args=[kommun.slug]), None),
        Page("Årsuppföljning", report.get_absolute_url(), samordnare),
        Page("Kommunens skyldigheter", reverse("duties_kommun", args=[kommun.slug]), samordnare),
        Page(f"Länets skyldigheter ({n_kommuner} kommuner)", reverse("duties_county"), county_samordnare),
        Page("Samverkansgrupper och möten", reverse("group_list"), samordnare),
        Page("Ett möte", reverse("meeting_detail", args=[meeting.uuid]), samordnare),
    ]


def ensure_meeting(kommun: Organization, samordnare: User, today: date) -> Meeting:
    """The kommun's trygghetsråd with the local police area as a member and a planned meeting:
    made once in the dataset (the scale data has no meetings), found on later runs."""
    group = Group.all_objects.filter(organization=kommun, name=BENCH_GROUP).first()
    if group is None:
        group = group_services.create_group(kommun, actor=samordnare, name=BENCH_GROUP, kind=Group.Kind.TRYGGHETSRAD)
        police = Organization.objects.filter(
            agreement_parties__agreement__parties__organization=kommun, kind=Organization.Kind.LOKALPOLISOMRADE
        ).first()
        if police is not None:
            group_services.add_party_member(group, actor=samordnare, organization=police)
    meeting = Meeting.all_objects.filter(group=group).first()
    if meeting is None:
        starts = timezone.make_aware(datetime.combine(today + timedelta(days=14), clock(18)))
        meeting = meeting_services.plan_meeting(
            group, actor=None, title="Trygghetsrådets möte", starts_at=starts, agenda="1. Lägesbilden\n2. Aktiviteterna"
        )
    return meeting


def _person(org: Organization, role: str) -> User:
    return Membership.objects.select_related("user").get(organization=org, role=role).user


def count_queries(page: Page) -> int:
    """Queries of one request to the page, counted in-process; the second of two, so that
    per-process caches (content types, templates) are warm as they are in a running server."""
    request = profile.requester(page)
    request()
    with CaptureQueriesContext(connection) as queries:
        request()
    return len(queries)


def session_cookie(user: User | None) -> str:
    if user is None:
        return ""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(config: Settings) -> Iterator[str]:
    """The app under gunicorn with DEBUG off, until the block ends."""
    config.port = config.port or free_port()
    base = f"http://127.0.0.1:{config.port}"
    env = {**os.environ, "SAMVERKAN_BENCH": "1"}
    env.pop("DJANGO_DEBUG", None)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "samverkan.wsgi:application",
        f"--workers={config.workers}",
        f"--bind=127.0.0.1:{config.port}",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)  # noqa: S603 - our own command line
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                hello = urllib.request.Request(  # noqa: S310 - a loopback URL of our own
                    f"{base}/bench/hello/", headers={"X-Forwarded-Proto": "https"}
                )
                with urllib.request.urlopen(hello, timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:  # not listening yet, or still starting its workers
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn startade inte.")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def headers_for(page: Page, base: str, cookie: str, csrf: str) -> dict[str, str]:
    headers = {"X-Forwarded-Proto": "https"}
    cookies = [f"{settings.SESSION_COOKIE_NAME}={cookie}"] if cookie else []
    if page.method == "POST":
        cookies.append(f"{settings.CSRF_COOKIE_NAME}={csrf}")
        headers.update(
            {
                "X-CSRFToken": csrf,
                "Origin": base.replace("http://", "https://"),
                "Content-Type": "application/x-www-form-urlencoded",
            }
        )
    if cookies:
        headers["Cookie"] = "; ".join(cookies)
    return headers


def check_once(page: Page, base: str, headers: dict[str, str]) -> None:
    """One request through the real server, which must answer as a person would be answered."""
    body = urllib.parse.urlencode(page.form).encode() if page.method == "POST" else None
    request = urllib.request.Request(  # noqa: S310 - a loopback URL of our own
        base + page.path, data=body, headers=headers, method=page.method
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != page.expect:
        raise RuntimeError(f"{page.name}: {page.path} svarade {status} genom gunicorn, väntat {page.expect}")


def run_wrk(url: str, headers: dict[str, str], config: Settings, *, method: str = "GET", body: str = "") -> Load:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk saknas: kör 'make bench', som installerar det.")
    script = Path(settings.BASE_DIR) / "bench" / "wrk.lua"
    env = {**os.environ, "BENCH_METHOD": method, "BENCH_BODY": body}

    def once(seconds: int) -> str:
        command = [wrk, "-t1", f"-c{config.connections}", f"-d{seconds}s", "--timeout=10s", "-s", str(script)]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        result = subprocess.run(  # noqa: S603 - our own command line
            [*command, url], capture_output=True, text=True, env=env, check=True, timeout=seconds + 60
        )
        return result.stdout

    if config.warmup:
        once(config.warmup)
    return parse_wrk(once(config.duration))


def timed(function: Callable[[], object], runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        seconds.append(round(time.perf_counter() - started, 3))
    return seconds


def pdf_timings(today: date, runs: int = 5, kommun_slug: str = KOMMUN) -> dict[str, list[float]]:
    kommun = Organization.objects.get(slug=kommun_slug)
    agreement = Agreement.objects.get(parties__organization=kommun)
    report = AnnualReport.objects.select_related("organization", "agreement").get(
        organization=kommun, year=today.year - 1
    )
    return {
        "agreement_pdf_s": timed(lambda: seal_bytes(agreement), runs),
        # The figures of a draft report are counted from the logs on every render: the slower case.
        "annual_report_pdf_s": timed(lambda: seal_bytes(report), runs),
    }


def reminder_scan() -> dict[str, Any]:
    """The daily scan over the whole dataset, as Celery beat runs it: it plans, creates each
    notification once and queues its e-mail (with a broker, as in production, the e-mails are sent
    by the workers afterwards; without one they are sent in-process and counted in). What it
    created is removed afterwards, and the queued e-mails purged, so that the next run finds the
    same work."""
    before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    started = time.perf_counter()
    created = scan_reminders()
    seconds = time.perf_counter() - started
    Notification.objects.filter(pk__gt=before).delete()
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        celery_app.control.purge()
    return {
        "seconds": round(seconds, 2),
        "notifications": created,
        "emails": "köade i Redis" if not settings.CELERY_TASK_ALWAYS_EAGER else "skickade i processen",
    }


def dataset() -> dict[str, int]:
    kinds = Organization.Kind
    orgs = Organization.objects.filter(slug__startswith=scale.SLUG_PREFIX)
    return {
        "counties": orgs.filter(kind=kinds.LANSSTYRELSE).count(),
        "kommuner": orgs.filter(kind=kinds.KOMMUN).count(),
        "police_areas": orgs.filter(kind=kinds.LOKALPOLISOMRADE).count(),
        "police_regions": orgs.filter(kind=kinds.POLISREGION).count(),
        "people": User.objects.filter(memberships__organization__in=orgs).distinct().count(),
        "agreements": Agreement.objects.filter(parties__organization__in=orgs.filter(kind=kinds.KOMMUN)).count(),
        "activities": Activity.objects.count(),
        "activity_logs": ActivityLog.objects.count(),
    }


def machine() -> dict[str, Any]:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        cpu = match.group(1) if match else ""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(), "postgresql": postgres}


def run(config: Settings, out: Callable[[str], None] = print) -> dict[str, Any]:
    today = timezone.localdate()
    pages = key_pages(today)
    out(f"Räknar frågor per sida för {len(pages)} sidor …")
    queries = {page.name: count_queries(page) for page in pages}
    out("Profilerar varje sida i processen: var en förfrågans tid går …")
    profiles = {page.name: profile.profile_page(page) for page in pages}
    csrf = _get_new_csrf_string()
    results: list[dict[str, Any]] = []
    with gunicorn(config) as base:
        out(f"gunicorn med {config.workers} arbetare på {base}; wrk med {config.connections} anslutningar")
        hello = run_wrk(f"{base}/bench/hello/", {"X-Forwarded-Proto": "https"}, config)
        out(f"hello-world: {hello.rps:.0f} req/s, p95 {hello.p95_ms:.1f} ms")
        for page in pages:
            headers = headers_for(page, base, session_cookie(page.user), csrf)
            check_once(page, base, headers)
            body = urllib.parse.urlencode(page.form) if page.method == "POST" else ""
            load = run_wrk(base + page.path, headers, config, method=page.method, body=body)
            ratio = load.rps / hello.rps if hello.rps else 0.0
            row = {
                "page": page.name,
                "method": page.method,
                "path": page.path,
                "p50_ms": round(load.p50_ms, 1),
                "p95_ms": round(load.p95_ms, 1),
                "p99_ms": round(load.p99_ms, 1),
                "requests_per_s": round(load.rps, 1),
                "requests": load.requests,
                "errors": load.errors,
                "queries": queries[page.name],
                "throughput_ratio": round(ratio, 3),
                "meets_targets": load.errors == 0
                and load.p95_ms <= TARGETS["p95_ms"]
                and ratio >= TARGETS["throughput_ratio"]
                and queries[page.name] <= TARGETS["queries"],
                "profile": profiles[page.name],
            }
            results.append(row)
            out(
                f"{page.name}: p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, {row['requests_per_s']} req/s, "
                f"{row['queries']} frågor, {row['throughput_ratio']:.0%} av hello-world"
                + (f", {load.errors} fel" if load.errors else "")
            )
    out("Renderar och förseglar PDF:er …")
    pdfs = pdf_timings(today)
    out("Kör påminnelseskanningen över hela datasetet …")
    scan = reminder_scan()
    medians = {name: statistics.median(values) for name, values in pdfs.items()}
    return {
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "dataset": dataset(),
        "server": {**asdict(config), "server": "gunicorn (sync), DEBUG av", "load": "wrk, samma maskin"},
        "targets": TARGETS,
        "hello_world": {
            "p50_ms": round(hello.p50_ms, 2),
            "p95_ms": round(hello.p95_ms, 2),
            "requests_per_s": round(hello.rps, 1),
            "errors": hello.errors,
        },
        "pages": results,
        "pdf": {
            name: {"runs_s": values, "median_s": medians[name], "meets_target": medians[name] <= TARGETS[name]}
            for name, values in pdfs.items()
        },
        "reminder_scan": {**scan, "meets_target": scan["seconds"] <= TARGETS["reminder_scan_s"]},
    }


def table(results: dict[str, Any]) -> str:
    """The README's short table of a benchmark run."""
    hello = results["hello_world"]
    data = results["dataset"]
    config = results["server"]
    logs = f"{data['activity_logs']:,}".replace(",", " ")
    lines = [
        f"Uppmätt {results['measured_at'][:10]} på {results['machine']['cores']} kärnor: {data['kommuner']} kommuner, "
        f"{data['police_areas']} lokalpolisområden, {logs} loggar; gunicorn med {config['workers']} arbetare, "
        f"wrk med {config['connections']} anslutningar i {config['duration']} s per sida. "
        f"Hello-world: {hello['requests_per_s']:.0f} req/s.",
        "",
        "| sida | p50 ms | p95 ms | req/s | frågor | andel av hello-world | mål |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in results["pages"]:
        lines.append(
            f"| {row['page']} | {row['p50_ms']} | {row['p95_ms']} | {row['requests_per_s']:.0f} | {row['queries']} | "
            f"{row['throughput_ratio']:.0%} | {'uppnått' if row['meets_targets'] else 'missat'} |"
        )
    if any(row.get("profile") for row in results["pages"]):
        lines += ["", *profile_table(results["pages"])]
    pdf = results["pdf"]
    scan = results["reminder_scan"]
    lines += [
        "",
        "| jobb | tid (median) | mål |",
        "| --- | ---: | --- |",
        f"| Överenskommelse som PDF, renderad och förseglad | {pdf['agreement_pdf_s']['median_s']} s | ≤ 1 s, "
        f"{'uppnått' if pdf['agreement_pdf_s']['meets_target'] else 'missat'} |",
        f"| Årsuppföljning som PDF, renderad och förseglad | {pdf['annual_report_pdf_s']['median_s']} s | ≤ 2 s, "
        f"{'uppnått' if pdf['annual_report_pdf_s']['meets_target'] else 'missat'} |",
        f"| Påminnelseskanning över hela datasetet ({scan['notifications']} påminnelser) | {scan['seconds']} s | "
        f"≤ 30 s, {'uppnått' if scan['meets_target'] else 'missat'} |",
    ]
    return "\n".join(lines)


#: The profile's phases as the README's table names them.
PHASE_LABELS = {
    "middleware": "middleware",
    "session": "session",
    "user": "person",
    "tenancy": "behörighet",
    "view": "vy och frågor",
    "context processors": "kontextprocessorer",
    "template": "mallar",
}


def profile_table(rows: list[dict[str, Any]]) -> list[str]:
    """Where one request's time goes on each page, in ms (the median in-process, bench/profile.py),
    with the queries each phase ran in parentheses."""
    lines = [
        "Var tiden går i en förfrågan (ms, median i processen; frågor inom parentes):",
        "",
        "| sida | " + " | ".join(PHASE_LABELS.values()) + " | totalt | frågornas tid |",
        "| --- |" + " ---: |" * (len(PHASE_LABELS) + 2),
    ]
    for row in rows:
        found = row.get("profile")
        if not found:
            continue
        cells = []
        for phase in PHASE_LABELS:
            queries = found["queries"].get(phase, 0)
            cells.append(f"{found['phases_ms'][phase]:.1f}" + (f" ({queries})" if queries else ""))
        totals = f"{found['total_ms']:.1f} | {found['query_ms']:.1f}"
        lines.append(f"| {row['page']} | " + " | ".join(cells) + f" | {totals} |")
    return lines


def profile_only(out: Callable[[str], None] = print) -> list[dict[str, Any]]:
    """The per-request profile of every key page, without the load (`bench --profile-only`)."""
    pages = key_pages(timezone.localdate())
    rows = [{"page": page.name, "profile": profile.profile_page(page)} for page in pages]
    for line in profile_table(rows):
        out(line)
    return rows


def update_readme(readme: Path, results: dict[str, Any]) -> None:
    text = readme.read_text()
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise RuntimeError(f"{readme} saknar markeringarna {README_START} och {README_END}.")
    readme.write_text(text[: start + len(README_START)] + "\n" + table(results) + "\n" + text[end:])


def write(results: dict[str, Any], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "results.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return path
