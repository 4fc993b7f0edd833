from django.apps import AppConfig

MODULE_NAME = "openimis_be_meeting"

# Every key ending in _perms lists openIMIS right codes; core builds the administrator's rights and the role
# editor from them. Deployments override any key through core's ModuleConfiguration (module "openimis_be_meeting").
DEFAULT_CFG = {
    "gql_query_meeting_events_perms": ["215001"],
    "gql_mutation_create_meeting_events_perms": ["215002"],
    "gql_mutation_update_meeting_events_perms": ["215003"],
    "gql_mutation_delete_meeting_events_perms": ["215004"],
    # Largest number of events one deleteMeetingEvent call may name.
    "max_ids_per_delete": 100,
}


class MeetingConfig(AppConfig):
    name = MODULE_NAME
    label = MODULE_NAME
    verbose_name = "openIMIS meetings"
    default_auto_field = "django.db.models.AutoField"
    # The effective configuration: DEFAULT_CFG merged with the instance's ModuleConfiguration in ready().
    config = dict(DEFAULT_CFG)

    def ready(self):
        from core.models import ModuleConfiguration

        MeetingConfig.config = ModuleConfiguration.get_or_default(MODULE_NAME, DEFAULT_CFG)
