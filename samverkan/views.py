from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import i18n
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .access import forget_unread
from .adapters import start_page
from .forms import AccessibilityReportForm, InviteForm, PreferenceForm, VerifyForm, form_page, perform, submit
from .fragments import deferred, fragment_key, generations, scope_of
from .handovers import todo_for
from .history import HISTORY_PAGES, history_of
from .http import Request, person
from .middleware import ACTIVE_ORGANIZATION_SESSION_KEY
from .models import Membership, Notification, Organization, User
from .notifications import KINDS, preference_of
from .overview import sections_for
from .personal_data import export_json
from .seal import verify_pdf
from .sealed import find_sealed
from .services import invite_member, remove_membership, report_accessibility_problem
from .tenancy import ADMIN_ROLES, get_object_for, get_organization_for, visible_organizations

Role = Membership.Role

#: What each role lets a person do, as shown on the Översikt.
ROLE_CAPABILITIES = {
    Role.SAMORDNARE: [
        gettext_lazy("Bygga och fastställa organisationens lägesbild"),
        gettext_lazy("Redigera handlingsplan (del 2) och medborgarlöften"),
        gettext_lazy("Logga genomförda aktiviteter och skriva den årliga uppföljningen"),
    ],
    Role.KONTAKTPERSON: [
        gettext_lazy("Logga genomförda aktiviteter som polisen ansvarar för"),
        gettext_lazy("Hålla polisens del av planerna aktuell"),
    ],
    Role.LEDNING: [
        gettext_lazy("Läsa översikter och den årliga uppföljningen"),
        gettext_lazy("Godkänna uppföljningen och skriva under överenskommelser"),
    ],
    Role.LASARE: [gettext_lazy("Läsa organisationens och, för länsstyrelser, länets kommuners underlag")],
    Role.ADMIN: [gettext_lazy("Bjuda in personer och tilldela roller")],
}


def home(request: Request) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(start_page(person(request)))
    return render(request, "samverkan/home.html")


@require_GET
@login_required
def oversikt(request: Request) -> HttpResponse:
    viewer = request.viewer
    user = person(request)

    def body() -> dict[str, object]:
        # The person's organisations and roles from their cached Access, as the navigation shows them.
        roles = request.access.roles
        rows = [
            {
                "organization": organization,
                "roles": [Role(role).label for role in roles[organization.pk]],
                "can": [item for role in roles[organization.pk] for item in ROLE_CAPABILITIES.get(Role(role), [])],
            }
            for organization in request.access.organizations
        ]
        county_kommuner = visible_organizations(viewer).filter(pk__in=viewer.county_kommun_ids)
        return {
            "rows": rows,
            "county_kommuner": list(county_kommuner.select_related("county")),
            "todo": todo_for(user, viewer),
            "sections": sections_for(user, viewer),
        }

    # The whole page is the person's own: their access, name, what is their turn and their
    # kommuner's duties, from the data of every organisation they work with, today.
    orgs = viewer.own_org_ids | viewer.partner_org_ids | viewer.county_kommun_ids | viewer.police_org_ids
    key = fragment_key(
        "oversikt",
        str(user.pk),
        str(user.access_stamp),
        user.full_name,
        generations(orgs),
        timezone.localdate().isoformat(),
        scope=scope_of(viewer),
    )
    return render(
        request,
        "samverkan/oversikt.html",
        {"body_fragment": key, **deferred(body, ["rows", "county_kommuner", "todo", "sections"])},
    )


@require_GET
@login_required
def organization_detail(request: Request, slug: str) -> HttpResponse:
    viewer = request.viewer
    organization = get_organization_for(viewer, slug)
    own = organization.pk in viewer.own_org_ids
    members = (
        Membership.objects.filter(organization=organization).select_related("user").order_by("user__full_name")
        if own
        else Membership.objects.none()
    )
    return render(
        request,
        "samverkan/organization_detail.html",
        {
            "organization": organization,
            "is_own": own,
            "can_admin": viewer.has_role(organization, ADMIN_ROLES),
            "members": members,
            "covers": organization.covers.order_by("name"),
            "covered_by": organization.covered_by.order_by("name"),
        },
    )


@require_POST
@login_required
def switch_organization(request: Request) -> HttpResponse:
    viewer = request.viewer
    organization = Organization.objects.filter(
        slug=request.POST.get("organization", ""), pk__in=viewer.own_org_ids
    ).first()
    if organization is None:
        messages.error(request, _("Du är inte medlem i den organisationen."))
    else:
        request.session[ACTIVE_ORGANIZATION_SESSION_KEY] = organization.pk
        messages.success(request, _("Du arbetar nu i %(name)s.") % {"name": organization.name})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return redirect(next_url or "oversikt")


@require_http_methods(["GET", "POST"])
def verify(request: Request) -> HttpResponse:
    """Anyone may check whether a PDF is a sealed document of ours, unaltered, and which one."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    result = document = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            form.add_error("file", _("Filen är för stor för att kontrolleras (högst 20 MB)."))
        else:
            result = verify_pdf(upload.read())
            if result.ok:
                document = find_sealed(result.sha256)
    return render(request, "samverkan/verify.html", {"form": form, "result": result, "document": document})


@require_GET
@login_required
def notifications(request: Request) -> HttpResponse:
    """The person's notifications, newest first; opening the list marks them read."""
    user = person(request)
    items = list(Notification.objects.filter(user=user)[:100])
    Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    forget_unread(user.pk)  # an update sends no signal: the navigation's count is forgotten here
    request.unread_notifications = 0  # and this page's navigation shows them read
    return render(request, "samverkan/notifications.html", {"items": items})


@require_http_methods(["GET", "POST"])
@login_required
def notification_preferences(request: Request) -> HttpResponse:
    user = person(request)
    preference = preference_of(user)
    form = PreferenceForm(
        request.POST or None,
        initial={
            "kinds": [kind for kind in KINDS if kind not in preference.disabled_kinds],
            "weekly_digest": preference.weekly_digest,
        },
    )
    if request.method == "POST" and form.is_valid():
        preference.disabled_kinds = [kind for kind in KINDS if kind not in form.cleaned_data["kinds"]]
        preference.weekly_digest = form.cleaned_data["weekly_digest"]
        preference.save()
        messages.success(request, _("Dina inställningar är sparade."))
        return redirect("notifications")
    return render(request, "samverkan/notification_preferences.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def organization_members(request: Request, slug: str) -> HttpResponse:
    """An organisation's admin invites people and sets their roles."""
    organization = get_organization_for(request.viewer, slug, roles=ADMIN_ROLES)
    form = InviteForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: invite_member(organization, actor=person(request), **form.cleaned_data),
        success=_("%(email)s har fått rollen och ett e-postmeddelande.") % {"email": form.data.get("email", "")},
        then=reverse("organization_members", args=[organization.slug]),
    )
    if done:
        return done
    members = Membership.objects.filter(organization=organization).select_related("user").order_by("user__full_name")
    return render(
        request, "samverkan/organization_members.html", {"organization": organization, "members": members, "form": form}
    )


@require_POST
@login_required
def membership_remove(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    membership = (
        Membership.objects.filter(uuid=uuid, organization_id__in=viewer.own_org_ids)
        .select_related("organization", "user")
        .first()
    )
    if membership is None:
        raise Http404
    if not viewer.has_role(membership.organization, ADMIN_ROLES):
        raise PermissionDenied(_("Bara organisationens administratör tar bort roller."))
    return perform(
        request,
        lambda: remove_membership(membership, actor=person(request)),
        success=_("%(name)s har inte längre rollen %(role)s.")
        % {"name": membership.user.full_name, "role": membership.get_role_display().lower()},
        confirm=_("Ta bort rollen %(role)s från %(name)s? Det gäller från nästa sida hen öppnar.")
        % {"name": membership.user.full_name, "role": membership.get_role_display().lower()},
        then=reverse("organization_members", args=[membership.organization.slug]),
    )


@require_GET
@login_required
def my_data(request: Request) -> HttpResponse:
    """What Samverkan stores about the person and why, with an export of all of it."""
    return render(request, "samverkan/my_data.html")


@require_GET
@login_required
def my_data_export(request: Request) -> HttpResponse:
    response = HttpResponse(export_json(person(request)), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter-samverkan.json"'
    return response


@require_GET
@login_required
def object_history(request: Request, kind: str, uuid: str) -> HttpResponse:
    """Who changed what and when, before and after, for any object the person may read."""
    model = HISTORY_PAGES.get(kind)
    if model is None:
        raise Http404
    obj = get_object_for(request.viewer, model, uuid=uuid)
    return render(
        request,
        "samverkan/object_history.html",
        {"object": obj, "entries": history_of(obj), "kind_label": model._meta.verbose_name},
    )


@require_http_methods(["GET", "POST"])
def accessibility(request: Request) -> HttpResponse:
    """Tillgänglighetsredogörelse, with a way to report problems (DOS-lagen)."""
    form = AccessibilityReportForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: report_accessibility_problem(
            message=form.cleaned_data["message"], reply_to=form.cleaned_data["email"] or ""
        ),
        success=_("Tack! Vi har tagit emot din rapport och återkommer om du lämnade e-post."),
        then="accessibility",
        template="samverkan/accessibility.html",
    )


@require_POST
def set_language(request: Request) -> HttpResponse:
    """Django's set_language (the cookie, and back to the page), and for a person logged in the
    choice saved on them: it follows them to other devices, and their e-mails are written in it."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        User.objects.filter(pk=request.user.pk).exclude(language=language).update(language=language)
    return response
