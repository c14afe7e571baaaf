from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Uppföljning")

    def ready(self) -> None:
        from samverkan.history import register_history_page

        from .models import ActivityLog, AnnualReport

        register_history_page("logg", ActivityLog)
        register_history_page("arsuppfoljning", AnnualReport)

        from medborgarloften.public import register_progress_provider

        from .progress import progress_for

        register_progress_provider(lambda activities, day: {p.activity.pk: p for p in progress_for(activities, day)})

        from medborgarloften.signals import lofte_replaced

        from .services import carry_logs_over

        lofte_replaced.connect(carry_logs_over, dispatch_uid="followup.carry_logs_over")
