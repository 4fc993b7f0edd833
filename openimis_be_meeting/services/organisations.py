"""Writes to organisations, which participants of any event belong to."""

from core.services import BaseService
from django.db import IntegrityError, transaction

from .. import validation as v
from ..apps import MeetingConfig
from ..errors import MeetingError, Problems
from ..models import ACTIVE_PARTICIPANT_STATUSES, Organisation, OrganisationType
from ..permissions import Action
from .base import service_method


def _apply_changes(organisation: Organisation, data: dict) -> None:
    if "name" in data:
        organisation.name = v.clean_text(data["name"], field="name", max_length=255, required=True)
    if "acronym" in data:
        organisation.acronym = v.clean_text(data["acronym"], field="acronym", max_length=32)
    if "organisation_type" in data:
        organisation.organisation_type = v.clean_choice(
            data["organisation_type"], field="organisationType", choices=OrganisationType
        )
    if "country" in data:
        organisation.country = v.clean_country(data["country"])
    if "website" in data:
        organisation.website = v.clean_url(data["website"], field="website", max_length=500)


def _save(organisation: Organisation, user) -> Organisation:
    if not organisation.name:
        raise MeetingError(Problems.REQUIRED, field="name")
    if not organisation.organisation_type:
        raise MeetingError(Problems.REQUIRED, field="organisationType")
    same_name = Organisation.objects.live().filter(name__iexact=organisation.name, country=organisation.country)
    if same_name.exclude(id=organisation.id).exists():
        raise MeetingError(Problems.ORGANISATION_NAME_TAKEN, field="name", value=organisation.name)
    try:
        with transaction.atomic():
            organisation.save(user=user)
    except IntegrityError:
        raise MeetingError(Problems.ORGANISATION_NAME_TAKEN, field="name", value=organisation.name) from None
    return organisation


def live_organisation(organisation_id, *, field: str = "id", lock: bool = False) -> Organisation:
    """The live organisation with that id (locked when asked), or a refusal naming the field."""
    uuid = v.clean_uuid(organisation_id, field=field)
    queryset = Organisation.objects.select_for_update() if lock else Organisation.objects
    organisation = queryset.live().filter(id=uuid).first()
    if organisation is None:
        raise MeetingError(Problems.ORGANISATION_NOT_FOUND, field=field, value=str(uuid))
    return organisation


class OrganisationService(BaseService):
    """Every write to organisations; each method checks the caller's right and returns core's result dictionary."""

    OBJECT_TYPE = Organisation

    def __init__(self, user):
        super().__init__(user)

    @service_method("meeting_organisation_service.create", Action.CREATE_ORGANISATIONS)
    def create(self, obj_data: dict) -> Organisation:
        """Create an organisation; its name is unique within its country."""
        organisation = Organisation()
        _apply_changes(organisation, obj_data)
        return _save(organisation, self.user)

    @service_method("meeting_organisation_service.update", Action.UPDATE_ORGANISATIONS)
    def update(self, obj_data: dict) -> Organisation:
        """Change the given fields of a live organisation."""
        organisation = live_organisation(obj_data.get("id"), lock=True)
        _apply_changes(organisation, obj_data)
        return _save(organisation, self.user)

    @service_method("meeting_organisation_service.delete", Action.DELETE_ORGANISATIONS)
    def delete(self, obj_data: dict) -> None:
        """Soft-delete organisations that no active registration refers to; all of them or none."""
        ids = v.clean_ids(obj_data.get("ids"), field="ids", max_count=int(MeetingConfig.config["max_ids_per_delete"]))
        # One locking query in id order, so that two deletes naming the same organisations cannot deadlock.
        locked = Organisation.objects.select_for_update().live().filter(id__in=ids).order_by("id")
        organisations = {organisation.id: organisation for organisation in locked}
        for organisation_id in ids:
            organisation = organisations.get(organisation_id)
            if organisation is None:
                raise MeetingError(Problems.ORGANISATION_NOT_FOUND, field="ids", value=str(organisation_id))
            # Registrations lock the organisation they name, so none can slip in between this check and the delete.
            active = organisation.participants.live().filter(status__in=ACTIVE_PARTICIPANT_STATUSES)
            if active.exists():
                raise MeetingError(Problems.ORGANISATION_IN_USE, field="ids", value=organisation.name)
            organisation.delete(user=self.user)
