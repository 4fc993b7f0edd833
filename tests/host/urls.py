from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView
from graphql_jwt.decorators import jwt_cookie

from openimis_be_meeting.gql.base.limits import QueryLimitsBackend

urlpatterns = [
    path("api/admin/", admin.site.urls),
    # The module's query limits (depth, fields, aliases, page sizes), as an instance installs them.
    path("api/graphql", csrf_exempt(jwt_cookie(GraphQLView.as_view(graphiql=True, backend=QueryLimitsBackend())))),
    # As the assembly: every module's urls.py under api/<module name>/.
    path("api/core/", include("core.urls")),
    path("api/location/", include("location.urls")),
    path("api/openimis_be_meeting/", include("openimis_be_meeting.urls")),
]
