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

        from samverkan.handovers import register_todo_provider

        from .handovers import todo_for

        register_todo_provider(todo_for)

        from samverkan.overview import register_overview_section

        from .duties_overview import duties_section

        register_overview_section(duties_section)

        from medborgarloften.public import register_outcome_provider, register_progress_provider

        from .progress import outcome_by_year, progress_for

        register_progress_provider(lambda activities, day: {p.activity.pk: p for p in progress_for(activities, day)})
        register_outcome_provider(outcome_by_year)

        from medborgarloften.signals import lofte_replaced

        from .services import carry_logs_over

        lofte_replaced.connect(carry_logs_over, dispatch_uid="followup.carry_logs_over")

        # Meetings of groups (followup/meetings): their history, Att göra and the invitation's iCal file.
        from samverkan.notifications import register_attachments

        from .meetings.handovers import invitation_attachments
        from .meetings.handovers import todo_for as meeting_todo_for
        from .meetings.models import Meeting

        register_history_page("mote", Meeting)
        register_todo_provider(meeting_todo_for)
        register_attachments("meeting_invited", invitation_attachments)
