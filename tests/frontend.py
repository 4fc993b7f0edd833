"""A GraphQL client that talks to the host exactly as the openIMIS frontend does (conventions §8)."""

import json
import uuid

from django.test import Client
from graphql_relay import from_global_id

GRAPHQL = "/api/graphql"


def literal(value) -> str:
    """A GraphQL input literal, as the frontend writes them: strings quoted, enums bare (wrap in Enum)."""
    if isinstance(value, Enum):
        return value.name
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, dict):  # an input object
        return "{" + " ".join(f"{key}: {literal(item)}" for key, item in value.items()) + "}"
    return json.dumps(str(value), ensure_ascii=False)


class Enum:
    def __init__(self, name: str):
        self.name = name


class FrontendSession:
    def __init__(self):
        self.http = Client(enforce_csrf_checks=True)
        self.csrf_token = None

    def login(self, username: str, password: str) -> dict:
        """tokenAuth with the csrftoken cookie as header, then getCsrfToken, as the frontend does after login."""
        self.http.get(GRAPHQL, HTTP_ACCEPT="text/html")
        cookie = self.http.cookies.get("csrftoken")
        result = self.post(
            "mutation authenticate($username: String!, $password: String!) "
            "{ tokenAuth(username: $username, password: $password) { refreshExpiresIn } }",
            variables={"username": username, "password": password},
            csrf=cookie.value if cookie else None,
        )
        if "errors" not in result:
            token = self.post("mutation { getCsrfToken { csrfToken } }")
            self.csrf_token = token["data"]["getCsrfToken"]["csrfToken"]
        return result

    def post(self, query: str, variables: dict | None = None, csrf: str | None = None) -> dict:
        body = {"query": query}
        if variables is not None:
            body["variables"] = variables
        headers = {}
        token = csrf or self.csrf_token
        if token:
            headers["HTTP_X_CSRFTOKEN"] = token
        response = self.http.post(GRAPHQL, data=json.dumps(body), content_type="application/json", **headers)
        self.last_status = response.status_code
        return response.json()

    def mutate(
        self, name: str, fields: dict, *, label: str = "test", input_type: str | None = None, client_id: str = ""
    ) -> dict:
        """Send `mutation { name(input: {...}) }` with a fresh clientMutationId; return its mutationLogs node.

        With input_type, the input travels as a variable instead of a literal (graphene 2 has no null literal).
        """
        client_mutation_id, response = self.send_mutation(
            name, fields, label=label, input_type=input_type, client_id=client_id
        )
        assert "errors" not in response, response
        log = self.mutation_log(client_mutation_id, internal_id=response["data"][name]["internalId"])
        log["clientMutationId"] = client_mutation_id
        return log

    def send_mutation(
        self, name: str, fields: dict, *, label: str = "test", input_type: str | None = None, client_id: str = ""
    ):
        """Send the mutation (with a fresh clientMutationId unless `client_id` replays one); return that id and the
        HTTP response body."""
        client_mutation_id = client_id or str(uuid.uuid4())
        if input_type:
            variables = {"input": {"clientMutationId": client_mutation_id, "clientMutationLabel": label, **fields}}
            response = self.post(
                f"mutation ($input: {input_type}!) {{ {name}(input: $input) {{ clientMutationId internalId }} }}",
                variables=variables,
            )
        else:
            literal_fields = " ".join(f"{key}: {literal(value)}" for key, value in fields.items())
            response = self.post(
                f"mutation {{ {name}( input: {{ clientMutationId: {literal(client_mutation_id)} "
                f"clientMutationLabel: {literal(label)} {literal_fields} }} ) {{ clientMutationId internalId }} }}"
            )
        return client_mutation_id, response

    def mutation_log(self, client_mutation_id: str, *, internal_id: str | None = None) -> dict:
        """The mutation log row of that request (its internalId), or the newest one with that clientMutationId."""
        response = self.post(
            "query ($clientMutationId: String) { mutationLogs(clientMutationId: $clientMutationId, "
            'orderBy: ["-requestDateTime"]) '
            "{ edges { node { id status clientMutationId jsonContent error } } } }",
            variables={"clientMutationId": client_mutation_id},
        )
        edges = response["data"]["mutationLogs"]["edges"]
        if internal_id:  # replays share a clientMutationId and may share a timestamp: pick this request's row
            edges = [edge for edge in edges if from_global_id(edge["node"]["id"])[1] == str(internal_id)]
        assert edges, response
        node = edges[0]["node"]
        node["errors"] = json.loads(node["error"]) if node["error"] else []
        return node


REST = "/api/openimis_be_meeting/"


def rest_get(session: FrontendSession, path: str, **params):
    """GET a module REST endpoint with the session's JWT cookie, as the frontend's downloads do."""
    return session.http.get(REST + path.lstrip("/"), params)


def rest_post(session: FrontendSession, path: str, data: dict, **extra):
    """POST (multipart, e.g. a file upload) to a module REST endpoint with the session's JWT cookie."""
    headers = {"HTTP_X_CSRFTOKEN": session.csrf_token} if session.csrf_token else {}
    return session.http.post(REST + path.lstrip("/"), data, **headers, **extra)


def logged_in(username: str, password: str) -> FrontendSession:
    session = FrontendSession()
    result = session.login(username, password)
    assert "errors" not in result, result
    return session
