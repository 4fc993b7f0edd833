"""The module's REST endpoints; the assembly mounts them at /api/openimis_be_meeting/."""

from .rest import documents, exports, feeds, imports

urlpatterns = [*feeds.urlpatterns, *exports.urlpatterns, *imports.urlpatterns, *documents.urlpatterns]
