from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

MODULE_NAME = "openimis_be_meeting"

# Every key ending in _perms lists openIMIS right codes; core builds the administrator's rights and the role
# editor from them. Deployments override any key through core's ModuleConfiguration (module "openimis_be_meeting").
DEFAULT_CFG = {
    "gql_query_meeting_events_perms": ["215001"],
    "gql_mutation_create_meeting_events_perms": ["215002"],
    "gql_mutation_update_meeting_events_perms": ["215003"],
    "gql_mutation_delete_meeting_events_perms": ["215004"],
    # Organisations are kept with the participants' rights by default.
    "gql_query_meeting_organisations_perms": ["216001"],
    "gql_mutation_create_meeting_organisations_perms": ["216002"],
    "gql_mutation_update_meeting_organisations_perms": ["216003"],
    "gql_mutation_delete_meeting_organisations_perms": ["216004"],
    "gql_query_meeting_participants_perms": ["216001"],
    "gql_mutation_create_meeting_participants_perms": ["216002"],
    "gql_mutation_update_meeting_participants_perms": ["216003"],
    "gql_mutation_delete_meeting_participants_perms": ["216004"],
    "gql_mutation_check_in_meeting_participants_perms": ["216005"],
    "gql_query_meeting_participants_personal_data_perms": ["216006"],
    "gql_mutation_approve_meeting_participants_perms": ["216007"],
    # Erasing one person's personal data on request (docs/retention.md): a right of its own, given to nobody else.
    "gql_mutation_erase_meeting_participants_perms": ["216008"],
    # Days after an event's end (in its zone) that its participants' personal data is kept, unless the event sets
    # its own retention date; then erase_meeting_personal_data (or the Celery task) erases it.
    "retention_days_after_end": 365,
    # Documents (docs/documents.md): printing badges shows each person's check-in code, so it is a right of its own.
    "gql_query_meeting_badges_perms": ["216011"],
    # Issuing, revoking and downloading certificates of attendance.
    "gql_mutation_issue_meeting_certificates_perms": ["216009"],
    # Visa invitation letters: asked for on a participant's behalf with the participant update right; approved or
    # refused with a right of their own. Their passport details are read with the personal-data right (216006).
    "gql_mutation_request_meeting_visa_letters_perms": ["216003"],
    "gql_mutation_decide_meeting_visa_letters_perms": ["216010"],
    # The published participant list (names, organisations, roles of those who consented) goes with event search.
    "gql_query_meeting_published_participants_perms": ["215001"],
    "gql_query_meeting_showcases_perms": ["217001"],
    "gql_mutation_create_meeting_showcases_perms": ["217002"],
    "gql_mutation_update_meeting_showcases_perms": ["217003"],
    "gql_mutation_delete_meeting_showcases_perms": ["217004"],
    "gql_mutation_review_meeting_showcases_perms": ["217005"],
    "gql_mutation_decide_meeting_showcases_perms": ["217006"],
    # Digital systems and standards are kept by those who decide on showcases, by default.
    "gql_mutation_manage_meeting_catalogue_perms": ["217006"],
    "max_integrations_per_showcase": 20,
    # The agenda is read with the event search right and kept with the event update right, by default.
    "gql_query_meeting_sessions_perms": ["215001"],
    "gql_mutation_manage_meeting_sessions_perms": ["215003"],
    # Limits of one participant import (POST events/<id>/participants/import, import_meeting_participants).
    "max_import_bytes": 5 * 1024 * 1024,
    "max_import_rows": 20_000,
    # Largest number of events one deleteMeetingEvent call may name.
    "max_ids_per_delete": 100,
    # Limits on every GraphQL request of the instance, where it installs gql_limits.QueryLimitsBackend (README,
    # "Query limits"): how deep fields nest, how many fields (each use of a fragment counted) and aliases one request
    # selects; null turns one off. Page sizes are limited by GRAPHENE["RELAY_CONNECTION_MAX_LIMIT"].
    # Documents: the badge size and grid on A4 (millimetres), role colours (hex) merged over the defaults, and how
    # many badges one file may hold.
    "documents_badge_layout": {"width_mm": 90, "height_mm": 60, "columns": 2, "rows": 4, "cut_mark_mm": 5},
    "documents_role_colours": {},
    "max_badges_per_file": 10_000,
    # The attendance a certificate needs, for events without document settings of their own: DAYS (at least
    # documents_certificate_min_days days) or SESSION_SHARE (at least that percentage of the event's sessions).
    "documents_certificate_rule": "DAYS",
    "documents_certificate_min_days": 1,
    "documents_certificate_min_session_percent": 75,
    "gql_max_depth": 15,
    "gql_max_fields": 1_000,
    "gql_max_aliases": 30,
    # Mail to participants (docs/mail.md). The outbox is read with the participant search right; recipients'
    # addresses and the server's answers need the personal-data right (216006).
    "gql_query_meeting_messages_perms": ["216001"],
    "gql_mutation_resend_meeting_messages_perms": ["216003"],
    "gql_mutation_send_meeting_announcements_perms": ["218101"],
    # "auto": a Celery task delivers where mutations run in workers (MODE=PROD), send_meeting_mail elsewhere;
    # "celery" or "command" to choose.
    "mail_delivery": "auto",
    "mail_batch_size": 200,
    "mail_max_attempts": 8,
    "mail_retry_base_seconds": 60,
    "mail_retry_max_seconds": 3600,
    # How long a sender holds a row; past it another sender takes it (the first is presumed dead).
    "mail_lease_seconds": 300,
    # Reminders go out this many days before an event starts (each event may set its own), once per registration.
    "mail_reminder_days_before": 3,
    # The domain of every Message-ID; the domain of DEFAULT_FROM_EMAIL when empty.
    "mail_message_id_domain": "",
    # The public pages (public/, docs/public.md): how long an emailed verification link works (seconds); how many
    # registration or link requests one IP address and one email address may send per window (seconds), counted in
    # the instance's cache; how many unconfirmed requests one event may hold at once; how often the door code of
    # self check-in changes (seconds; the one before it is still taken).
    "public_link_max_age": 24 * 3600,
    "public_rate_window": 3600,
    "public_requests_per_ip": 20,
    "public_requests_per_email": 5,
    "public_max_unverified_per_event": 500,
    "public_door_code_seconds": 300,
    # The verification page: how many visa letters one IP address may check by number and passport number per
    # window (public_rate_window); a check by the letter's random code is not counted.
    "documents_letter_checks_per_ip": 10,
    # How long a rendered public agenda page is kept in the cache (seconds; 0 renders every request).
    "public_agenda_cache_seconds": 15,
    # What a request may cost (docs/security.md): the values its answer may hold (each field once per row of every
    # page and list around it), the document's size and what its text may hold before it is parsed, the errors
    # one answer reports, and, in the module's GraphQL view, the body's size and the nesting of its JSON.
    "gql_max_cost": 100_000,
    "gql_list_size": 3,
    "gql_max_document_bytes": 256 * 1024,
    "gql_max_directives": 50,
    "gql_max_fragments": 100,
    "gql_max_arguments": 1_000,
    "gql_max_errors": 50,
    "gql_max_body_bytes": None,  # None: Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB by default) bounds the body
    "gql_max_json_depth": 32,
}


class MeetingConfig(AppConfig):
    name = MODULE_NAME
    label = MODULE_NAME
    verbose_name = _("openIMIS meetings")
    default_auto_field = "django.db.models.AutoField"
    # The effective configuration: DEFAULT_CFG merged with the instance's ModuleConfiguration in ready().
    config = dict(DEFAULT_CFG)

    def ready(self):
        from core.models import ModuleConfiguration

        MeetingConfig.config = ModuleConfiguration.get_or_default(MODULE_NAME, DEFAULT_CFG)
        checks.register(check_time_zone)
        checks.register(check_async_workers)


def check_time_zone(app_configs=None, **kwargs):
    """Naive datetimes (USE_TZ off, as openIMIS runs) are stored as UTC: the instance's TIME_ZONE must say so."""
    from django.conf import settings

    if settings.USE_TZ or settings.TIME_ZONE == "UTC":
        return []
    return [
        checks.Warning(
            f"TIME_ZONE is {settings.TIME_ZONE!r} with USE_TZ off; openimis_be_meeting stores times as UTC, so "
            "times written by other code in local time would be shifted.",
            hint='Set TIME_ZONE = "UTC", or USE_TZ = True.',
            id="openimis_be_meeting.W001",
        )
    ]


def check_async_workers(app_configs=None, **kwargs):
    """With mutations done by Celery workers, a message must be acknowledged only after its task: otherwise a worker
    that dies mid-way loses the mutation, and its log stays "received" for ever."""
    import core
    from django.conf import settings

    if not getattr(core, "async_mutations", False):
        return []
    if getattr(settings, "CELERY_TASK_ACKS_LATE", False) and getattr(
        settings, "CELERY_TASK_REJECT_ON_WORKER_LOST", False
    ):
        return []
    return [
        checks.Warning(
            "Mutations run in Celery workers, but CELERY_TASK_ACKS_LATE and CELERY_TASK_REJECT_ON_WORKER_LOST are not "
            "both on: a mutation whose worker dies mid-way is lost instead of being handed to another worker.",
            hint="Set CELERY_TASK_ACKS_LATE = True and CELERY_TASK_REJECT_ON_WORKER_LOST = True (README, running it "
            "in production).",
            id="openimis_be_meeting.W002",
        )
    ]
