"""The module's REST endpoints; the assembly mounts them at /api/openimis_be_meeting/."""

from django.urls import include, path

from .rest import documents, exports, feeds, imports

urlpatterns = [
    *feeds.urlpatterns,
    *exports.urlpatterns,
    *imports.urlpatterns,
    *documents.urlpatterns,
    # The participants' side: pages anyone may open (public/urls.py, docs/public.md).
    path("public/", include("openimis_be_meeting.public.urls")),
]
