"""No page of the module or of the demo host loads anything from another host: the demo works without internet."""

import re
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted(
    [*(ROOT / "openimis_be_meeting").rglob("templates/**/*.html"), *(ROOT / "tests/host/templates").rglob("*.html")]
)
# An address that leaves the instance, wherever a page could load it from: src, href, url(), @import, fetch.
OUTSIDE = re.compile(
    r"""(?:src|href|action|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//|\bhttps?://""",
    re.I,
)


def test_there_are_templates_to_scan():
    assert any(path.name == "graphiql.html" for path in TEMPLATES), TEMPLATES


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_references_an_outside_host(path: Path):
    outside = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert not outside, "serve these from the instance instead:\n" + "\n".join(outside)


@pytest.mark.django_db
def test_the_graphiql_page_loads_its_scripts_and_styles_from_the_instance():
    page = Client().get("/api/graphql", HTTP_ACCEPT="text/html").content.decode()
    assets = re.findall(r"""(?:src|href)="([^"]+)\"""", page)
    assert sorted(assets) == [
        "/static/graphene_django/graphiql.js",
        "/static/vendor/graphiql/graphiql.min.css",
        "/static/vendor/graphiql/graphiql.min.js",
        "/static/vendor/react-dom/umd/react-dom.production.min.js",
        "/static/vendor/react/umd/react.production.min.js",
        "/static/vendor/subscriptions-transport-ws/browser/client.js",
        "/static/vendor/whatwg-fetch/dist/fetch.umd.js",
    ]
    assert "//" not in " ".join(assets)
