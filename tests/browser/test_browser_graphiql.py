"""The demo's GraphiQL page works with the network cut: its scripts and styles come from the instance, the editor
renders, and logging in and a query go through the page's own fetch (issue 14, §4)."""

import json
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

LOGIN = 'mutation { tokenAuth(username: "Admin", password: "admin123") { refreshExpiresIn } }'
QUERY = '{ meetingEvents(first: 10, orderBy: ["code"]) { totalCount edges { node { code } } } }'
# Sends a GraphQL document through the page's window.fetch (which adds core's CSRF token after tokenAuth).
SEND = """
const [query, done] = arguments;
window.fetch("/api/graphql", {method: "post", credentials: "include",
                              headers: {"Content-Type": "application/json"}, body: JSON.stringify({query})})
  .then(r => r.text()).then(done, e => done(String(e)));
"""


def _requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_graphiql_works_offline_from_the_instance_alone(offline_chromium, demo_host):
    offline_chromium.get(f"{demo_host.url}/api/graphql")
    WebDriverWait(offline_chromium, 30).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".graphiql-container .CodeMirror"))
    )
    # The editor fetched the schema (introspection) through the page: the documentation explorer has it.
    assert "Docs" in offline_chromium.find_element(By.CSS_SELECTOR, ".graphiql-container").text

    offline_chromium.set_script_timeout(30)
    login = json.loads(offline_chromium.execute_async_script(SEND, LOGIN))
    assert "errors" not in login, login
    answer = json.loads(offline_chromium.execute_async_script(SEND, QUERY))
    codes = [edge["node"]["code"] for edge in answer["data"]["meetingEvents"]["edges"]]
    assert codes == ["AEHIN-TRAIN", "CORE-MIS-MERGE", "FHIR-CONNECT", "MINAS-SR-WS", "OIM-CM-YDE"]

    urls = _requested_urls(offline_chromium)
    assert any(url.endswith("/static/vendor/graphiql/graphiql.min.js") for url in urls), urls
    # Over the network (the browser's own chrome:// pages aside), only the instance is asked for anything.
    instance = urlsplit(demo_host.url).netloc
    network = [url for url in urls if urlsplit(url).scheme in ("http", "https", "ws", "wss")]
    outside = [url for url in network if urlsplit(url).netloc != instance]
    assert outside == [], f"requests that left the instance: {outside}"
