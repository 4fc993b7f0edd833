"""The outbox in the admin: every message with its status and attempts (the address and the server's answer only
with the personal-data right), resending, an announcement page (preview and count, then send), and the events'
mail settings. Every write goes through MailService."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..errors import MeetingError
from ..models import Event, EventMailSettings, Message, ParticipantRole, ParticipantStatus
from ..permissions import Action, can
from ..selectors import mail as mail_reads
from ..services import MailService
from .actions import service_action
from .times import local_time


class MessageAdmin(admin.ModelAdmin):
    list_display = ("kind", "event", "participant", "status", "attempts", "local_queued_at", "local_sent_at")
    list_filter = ("status", "kind", "language", ("event", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("event", "participant")
    search_fields = ("participant__first_name", "participant__last_name", "message_id", "event__code")
    ordering = ("-queued_at",)
    FIELDS = ("event", "participant", "kind", "language", "status", "subject", "message_id", "attempts",
              "local_queued_at", "local_next_attempt_at", "local_sent_at", "resent_from")  # fmt: skip
    PERSONAL = ("recipient", "last_error")
    actions = [
        service_action(
            "resend_messages",
            _("Send the selected messages again"),
            permission="resend",
            call=lambda user, message: MailService(user).resend({"id": str(message.pk)}),
            done=lambda message, _result: gettext("%(object)s: queued again.") % {"object": message.kind},
        )
    ]
    change_list_template = "admin/openimis_be_meeting/message_change_list.html"

    local_queued_at = local_time("queued_at", _("queued at"))
    local_next_attempt_at = local_time("next_attempt_at", _("next attempt at"))
    local_sent_at = local_time("sent_at", _("sent at"))

    def sees_personal_data(self, request) -> bool:
        return can(request.user, Action.VIEW_PERSONAL_DATA)

    def get_fields(self, request, obj=None):
        return (*self.FIELDS, *self.PERSONAL) if self.sees_personal_data(request) else self.FIELDS

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_list_display(self, request):
        return (*self.list_display, "recipient") if self.sees_personal_data(request) else self.list_display

    def get_queryset(self, request):
        return mail_reads.messages_for(user=request.user, queryset=super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        return can(request.user, Action.SEARCH_MESSAGES)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return self.has_view_permission(request) and can(request.user, Action.RESEND_MESSAGES)

    def has_announce_permission(self, request):
        return self.has_view_permission(request) and can(request.user, Action.SEND_ANNOUNCEMENTS)

    def changelist_view(self, request, extra_context=None):
        extra = {"may_announce": self.has_announce_permission(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def get_urls(self):
        announce = self.admin_site.admin_view(self.announce_view)
        return [path("announce/", announce, name="openimis_be_meeting_message_announce"), *super().get_urls()]

    def announce_view(self, request):
        """The form, then its preview with the recipients' count, then the sending (that count confirmed)."""
        if not self.has_announce_permission(request):
            raise PermissionDenied
        form = AnnouncementForm(request.POST or None)
        preview = None
        if request.method == "POST" and form.is_valid():
            data = form.service_input()
            try:
                preview = mail_reads.announcement_preview(user=request.user, **data)
            except MeetingError as error:
                form.add_error(None, error.message)
            if preview is not None and "send" in request.POST:
                expected = request.POST.get("count", "")
                expected = int(expected) if expected.isdigit() else None
                result = MailService(request.user).announce({**data, "expected_count": expected})
                if result["success"]:
                    self.message_user(request, gettext("The announcement is on its way."), messages.SUCCESS)
                    return HttpResponseRedirect(reverse("admin:openimis_be_meeting_message_changelist"))
                form.add_error(None, result["detail"]["message"])
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Announcement to participants"),
            "form": form,
            "preview": preview,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/openimis_be_meeting/announce.html", context)


class AnnouncementForm(forms.Form):
    event = forms.ModelChoiceField(label=_("event"), queryset=Event.objects.filter(is_deleted=False))
    statuses = forms.MultipleChoiceField(
        label=_("status"), choices=ParticipantStatus.choices, required=False, help_text=_("Confirmed when none.")
    )
    roles = forms.MultipleChoiceField(label=_("role"), choices=ParticipantRole.choices, required=False)
    subject = forms.CharField(label=_("subject"), max_length=200)
    body = forms.CharField(label=_("message"), widget=forms.Textarea)

    def service_input(self) -> dict:
        data = self.cleaned_data
        return {
            "event_id": str(data["event"].pk),
            "statuses": data["statuses"],
            "roles": data["roles"],
            "subject": data["subject"],
            "body": data["body"],
        }


class EventMailSettingsAdmin(admin.ModelAdmin):
    """Read with the event search right; an event's settings change through setMeetingEventMailSettings."""

    list_display = ("event", "sender_name", "reply_to", "disabled_kinds", "reminder_days_before")
    fields = list_display
    readonly_fields = list_display

    def has_view_permission(self, request, obj=None):
        return can(request.user, Action.SEARCH_EVENTS)

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Message, MessageAdmin)
admin.site.register(EventMailSettings, EventMailSettingsAdmin)
