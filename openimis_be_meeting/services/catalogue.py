"""Writes to the catalogue showcases draw on: digital systems and standards, reused across events."""

from core.services import BaseService
from django.db import IntegrityError, transaction

from .. import validation as v
from ..apps import MeetingConfig
from ..errors import MeetingError, Problems
from ..models import DeploymentStage, DigitalSystem, Integration, Standard, StandardFamily, SystemType
from ..permissions import Action
from .base import service_method
from .locks import live_row
from .organisations import live_organisation


def _apply_system(system: DigitalSystem, data: dict) -> None:
    if "name" in data:
        system.name = v.clean_text(data["name"], field="name", max_length=255, required=True)
    if "system_type" in data:
        system.system_type = v.clean_choice(data["system_type"], field="systemType", choices=SystemType)
    if "deployment_stage" in data:
        system.deployment_stage = v.clean_choice(
            data["deployment_stage"], field="deploymentStage", choices=DeploymentStage
        )
    if "owner_id" in data:
        owner_id = data["owner_id"]
        system.owner = live_organisation(owner_id, field="ownerId") if owner_id else None
    if "country" in data:
        system.country = v.clean_country(data["country"])
    if "software_version" in data:
        system.software_version = v.clean_text(data["software_version"], field="softwareVersion", max_length=64)
    if "url" in data:
        system.url = v.clean_url(data["url"], field="url", max_length=500)


def _save_system(system: DigitalSystem, user) -> DigitalSystem:
    for key, field in (("name", "name"), ("system_type", "systemType"), ("deployment_stage", "deploymentStage")):
        if not getattr(system, key):
            raise MeetingError(Problems.REQUIRED, field=field)
    same = DigitalSystem.objects.live().filter(name__iexact=system.name, country=system.country)
    if same.exclude(id=system.id).exists():
        raise MeetingError(Problems.SYSTEM_NAME_TAKEN, field="name", value=system.name)
    try:
        with transaction.atomic():
            system.save(user=user)
    except IntegrityError:
        raise MeetingError(Problems.SYSTEM_NAME_TAKEN, field="name", value=system.name) from None
    return system


def _apply_standard(standard: Standard, data: dict) -> None:
    if "code" in data:
        standard.code = v.clean_text(data["code"], field="code", max_length=64, required=True)
    if "name" in data:
        standard.name = v.clean_text(data["name"], field="name", max_length=255, required=True)
    if "standard_version" in data:
        standard.standard_version = v.clean_text(data["standard_version"], field="standardVersion", max_length=64)
    if "family" in data:
        standard.family = v.clean_choice(data["family"], field="family", choices=StandardFamily)


def _save_standard(standard: Standard, user) -> Standard:
    for key in ("code", "name", "family"):
        if not getattr(standard, key):
            raise MeetingError(Problems.REQUIRED, field=key)
    if Standard.objects.live().filter(code__iexact=standard.code).exclude(id=standard.id).exists():
        raise MeetingError(Problems.STANDARD_CODE_TAKEN, field="code", value=standard.code)
    try:
        with transaction.atomic():
            standard.save(user=user)
    except IntegrityError:
        raise MeetingError(Problems.STANDARD_CODE_TAKEN, field="code", value=standard.code) from None
    return standard


def _delete_unused(model, ids, *, user, in_use, problem) -> None:
    """Soft-delete every named live row that no live showcase's integration uses; all of them or none."""
    ids = v.clean_ids(ids, field="ids", max_count=int(MeetingConfig.config["max_ids_per_delete"]))
    rows = {row.id: row for row in model.objects.select_for_update().live().filter(id__in=ids).order_by("id")}
    for row_id in ids:
        row = rows.get(row_id)
        if row is None:
            raise MeetingError(problem, field="ids", value=str(row_id))
        if in_use(row).filter(showcase__is_deleted=False).exists():
            raise MeetingError(
                Problems.SYSTEM_IN_USE if model is DigitalSystem else Problems.STANDARD_IN_USE,
                field="ids",
                value=str(row),
            )
        row.delete(user=user)


class DigitalSystemService(BaseService):
    OBJECT_TYPE = DigitalSystem

    def __init__(self, user):
        super().__init__(user)

    @service_method("meeting_digital_system_service.create", Action.MANAGE_CATALOGUE)
    def create(self, obj_data: dict) -> DigitalSystem:
        system = DigitalSystem()
        _apply_system(system, obj_data)
        return _save_system(system, self.user)

    @service_method("meeting_digital_system_service.update", Action.MANAGE_CATALOGUE)
    def update(self, obj_data: dict) -> DigitalSystem:
        system = live_row(DigitalSystem, obj_data.get("id"), field="id", problem=Problems.SYSTEM_NOT_FOUND, lock=True)
        _apply_system(system, obj_data)
        return _save_system(system, self.user)

    @service_method("meeting_digital_system_service.delete", Action.MANAGE_CATALOGUE)
    def delete(self, obj_data: dict) -> None:
        _delete_unused(
            DigitalSystem,
            obj_data.get("ids"),
            user=self.user,
            in_use=lambda system: Integration.objects.filter(source_system=system)
            | Integration.objects.filter(target_system=system),
            problem=Problems.SYSTEM_NOT_FOUND,
        )


class StandardService(BaseService):
    OBJECT_TYPE = Standard

    def __init__(self, user):
        super().__init__(user)

    @service_method("meeting_standard_service.create", Action.MANAGE_CATALOGUE)
    def create(self, obj_data: dict) -> Standard:
        standard = Standard()
        _apply_standard(standard, obj_data)
        return _save_standard(standard, self.user)

    @service_method("meeting_standard_service.update", Action.MANAGE_CATALOGUE)
    def update(self, obj_data: dict) -> Standard:
        standard = live_row(Standard, obj_data.get("id"), field="id", problem=Problems.STANDARD_NOT_FOUND, lock=True)
        _apply_standard(standard, obj_data)
        return _save_standard(standard, self.user)

    @service_method("meeting_standard_service.delete", Action.MANAGE_CATALOGUE)
    def delete(self, obj_data: dict) -> None:
        _delete_unused(
            Standard,
            obj_data.get("ids"),
            user=self.user,
            in_use=lambda standard: Integration.objects.filter(standard=standard),
            problem=Problems.STANDARD_NOT_FOUND,
        )
