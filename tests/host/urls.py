from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView
from graphql_jwt.decorators import jwt_cookie

urlpatterns = [
    path("api/admin/", admin.site.urls),
    path("api/graphql", csrf_exempt(jwt_cookie(GraphQLView.as_view(graphiql=True)))),
    # As the assembly: every module's urls.py under api/<module name>/.
    path("api/core/", include("core.urls")),
    path("api/location/", include("location.urls")),
    path("api/openimis_be_meeting/", include("openimis_be_meeting.urls")),
]
