"""The module's pages in the instance's Django admin (/api/admin/openimis_be_meeting/), autodiscovered by Django.

Every page follows the module's rights (permissions.py) and writes only through its services; see site.py for who
gets into the admin at all.
"""

from django.contrib import admin

from . import agenda, catalogue, events, mail, organisations, participants, showcases
from .site import open_to_module_staff

open_to_module_staff(admin.site)

__all__ = ["agenda", "catalogue", "events", "mail", "organisations", "participants", "showcases"]
