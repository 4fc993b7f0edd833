from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from graphql_jwt.decorators import jwt_cookie

from openimis_be_meeting.gql.base.view import MeetingGraphQLView

urlpatterns = [
    path("api/admin/", admin.site.urls),
    # The module's GraphQL view, as an instance installs it (docs/security.md): the query limits (document, depth,
    # fields, aliases, cost, page sizes), bounded request bodies and JSON, and CSRF enforced on tokenAuth.
    path("api/graphql", csrf_exempt(jwt_cookie(MeetingGraphQLView.as_view(graphiql=True)))),
    # As the assembly: every module's urls.py under api/<module name>/.
    path("api/core/", include("core.urls")),
    path("api/location/", include("location.urls")),
    path("api/openimis_be_meeting/", include("openimis_be_meeting.urls")),
]
