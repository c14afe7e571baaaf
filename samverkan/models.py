"""Organisations (the tenants), people and their memberships."""

import uuid
from uuid import uuid4

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .bounds import Range
from .concurrency import Versioned
from .history import tracked


class County(models.Model):
    """A län. Länsstyrelser read across the kommuner of their county."""

    code = models.CharField(_("länskod"), max_length=2, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    sami_name = models.CharField(_("samiskt namn"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("län")
        verbose_name_plural = _("län")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """A party to the collaboration and the unit of tenancy."""

    class Kind(models.TextChoices):
        KOMMUN = "kommun", _("Kommun")
        LOKALPOLISOMRADE = "lokalpolisomrade", _("Lokalpolisområde")
        POLISREGION = "polisregion", _("Polisregion")
        LANSSTYRELSE = "lansstyrelse", _("Länsstyrelse")
        REGION = "region", _("Region")
        OTHER = "annan", _("Annan organisation")

    POLICE_KINDS = frozenset({Kind.LOKALPOLISOMRADE, Kind.POLISREGION})

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("kortnamn"), max_length=80, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=200)
    sami_name = models.CharField(
        _("samiskt namn"), max_length=200, blank=True, help_text=_("Där organisationen har ett.")
    )
    code = models.CharField(
        _("officiell kod"),
        max_length=20,
        blank=True,
        help_text=_("Till exempel kommunkod 2417 eller länskod 24."),
    )
    county = models.ForeignKey(
        County,
        verbose_name=_("län"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("överordnad organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Till exempel polisregionen som ett lokalpolisområde hör till."),
    )
    covers = models.ManyToManyField(
        "self",
        verbose_name=_("kommuner som ingår"),
        symmetrical=False,
        blank=True,
        related_name="covered_by",
        limit_choices_to={"kind": Kind.KOMMUN},
        help_text=_("De kommuner som ett lokalpolisområde omfattar."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    history = tracked(m2m_fields=[covers])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "county"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_police(self) -> bool:
        return self.kind in self.POLICE_KINDS

    @property
    def display_name(self) -> str:
        return f"{self.name} – {self.sami_name}" if self.sami_name else self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        if not email:
            raise ValueError("E-postadress krävs.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-postadress"), unique=True)
    full_name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("befattning"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("personal i administrationen"), default=False)
    date_joined = models.DateTimeField(_("skapad"), default=timezone.now)
    # The language chosen in the footer's switch, kept so that e-mails reach the person in it too.
    language = models.CharField(_("språk"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    #: Renewed, in the same transaction, by every change to what the person may see: the key of
    #: their cached Viewer and navigation (samverkan/access.py). Random, so that a key never recurs.
    access_stamp = models.UUIDField(default=uuid4, editable=False)

    history = tracked(excluded_fields=["password", "last_login", "language", "access_stamp"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Membership(models.Model):
    """A person's role in an organisation. A person may hold several."""

    class Role(models.TextChoices):
        SAMORDNARE = "samordnare", _("Samordnare")
        KONTAKTPERSON = "kontaktperson", _("Kontaktperson")
        LEDNING = "ledning", _("Ledning")
        LASARE = "lasare", _("Läsare")
        ADMIN = "admin", _("Administratör")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    history = tracked()

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["organization__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="unique_membership_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.organization}"


class Notification(models.Model):
    """A message to one person, in the app and by e-mail. The unique key (kind, person, subject,
    period) is what makes a reminder go out exactly once."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("typ"), max_length=40)
    subject_key = models.CharField(max_length=100, help_text=_("Det påminnelsen gäller, t.ex. aktivitet:17."))
    period_key = models.CharField(max_length=20, help_text=_("Perioden den gäller, t.ex. 2026-11."))
    title = models.CharField(_("rubrik"), max_length=300)
    body = models.TextField(_("text"))
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    read_at = models.DateTimeField(_("läst"), null=True, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    emailed_at = models.DateTimeField(_("e-post skickad"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notis")
        verbose_name_plural = _("notiser")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "user", "subject_key", "period_key"], name="notification_once"),
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """Which reminders a person wants, and whether e-mail comes at once or as a weekly digest."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="notification_preference")
    weekly_digest = models.BooleanField(_("samla e-posten i ett veckobrev"), default=False)
    disabled_kinds = models.JSONField(_("avstängda påminnelser"), default=list, blank=True)

    class Meta:
        verbose_name = _("notisinställning")
        verbose_name_plural = _("notisinställningar")

    def __str__(self) -> str:
        return str(self.user)


class Samordningsfunktion(models.Model):
    """The kommun's samordningsfunktion (Lag 2023:196): the role, and the people in it, that
    coordinate its crime prevention from a given date. A new appointment is a new row, so the
    history of who held the function stays; the current one is the latest that has begun.

    Organisation-level data like memberships: read through the kommun's pages, which are resolved
    by the tenancy module (`get_organization_for`)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("kommun"),
        on_delete=models.CASCADE,
        related_name="samordningsfunktioner",
        limit_choices_to={"kind": Organization.Kind.KOMMUN},
    )
    role_title = models.CharField(
        _("funktion"),
        max_length=200,
        help_text=_("T.ex. brottsförebyggande samordnare vid avdelningen för kultur och folkhälsa."),
    )
    people = models.ManyToManyField(
        User,
        verbose_name=_("personer"),
        blank=True,
        related_name="+",
        help_text=_("Personerna som har funktionen. Lämna tomt om bara rollen är bestämd än."),
    )
    from_date = models.DateField(_("från och med"))
    decided_by = models.CharField(
        _("beslutande organ"), max_length=200, blank=True, help_text=_("T.ex. kommunstyrelsen eller kommundirektören.")
    )
    diarienummer = models.CharField(_("diarienummer"), max_length=60, blank=True)
    paragraph = models.CharField(_("paragraf"), max_length=30, blank=True, help_text=_("T.ex. § 112."))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    history = tracked(m2m_fields=[people])

    class Meta:
        verbose_name = _("samordningsfunktion")
        verbose_name_plural = _("samordningsfunktioner")
        ordering = ["organization", "-from_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.role_title} ({self.organization})"


class DutyCycle(Versioned):
    """How often the kommun renews each of its duties under Lag 2023:196. The law states no cycle;
    this is the kommun's own setting, with defaults explained in the README."""

    #: What a person edits; the form's fields and the service's checks come from here.
    editable_fields: tuple[str, ...] = (
        "basis",
        "lagesbild_months",
        "atgardsplan_per_mandatperiod",
        "atgardsplan_months",
        "uppfoljning_months",
        "warning_days",
    )

    organization = models.OneToOneField(
        Organization, verbose_name=_("kommun"), on_delete=models.CASCADE, related_name="duty_cycle"
    )
    basis = models.CharField(
        _("grund för cykeln"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. kommunens styrdokument eller beslutet som anger hur ofta arbetet förnyas."),
    )
    lagesbild_months = models.PositiveSmallIntegerField(
        _("lägesbilden förnyas inom (månader)"), default=24, help_text=_("Räknat från beslutet att fastställa den.")
    )
    atgardsplan_per_mandatperiod = models.BooleanField(
        _("åtgärdsplanen beslutas en gång per mandatperiod"),
        default=True,
        help_text=_("Mandatperioden börjar den 15 oktober valåret (2022, 2026, 2030 …)."),
    )
    atgardsplan_months = models.PositiveSmallIntegerField(_("annars förnyas åtgärdsplanen inom (månader)"), default=48)
    uppfoljning_months = models.PositiveSmallIntegerField(
        _("uppföljningen görs inom (månader)"), default=12, help_text=_("Räknat från förra godkända uppföljningen.")
    )
    warning_days = models.PositiveSmallIntegerField(
        _("varna så här många dagar innan"), default=90, help_text=_("Då blir skyldigheten ”snart inaktuell”.")
    )

    number_bounds = {
        "lagesbild_months": Range(1, 120),
        "atgardsplan_months": Range(1, 120),
        "uppfoljning_months": Range(1, 60),
        "warning_days": Range(0, 365),
    }
    history = tracked()

    class Meta:
        verbose_name = _("cykel för kommunens skyldigheter")
        verbose_name_plural = _("cykler för kommunernas skyldigheter")

    def __str__(self) -> str:
        return str(self.organization)


# Groups are tenant-owned (their base lives in samverkan.tenancy, which needs the models above), so
# they are defined in their own module and imported here, where Django looks for the app's models.
from .groups.models import Group, GroupMember  # noqa: E402, F401

# The import job is a tenant-owned model, and tenancy builds on the models above.
from .importjobs import ImportJob  # noqa: E402, F401
