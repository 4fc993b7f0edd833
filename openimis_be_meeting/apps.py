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
    "gql_max_depth": 15,
    "gql_max_fields": 1_000,
    "gql_max_aliases": 30,
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
