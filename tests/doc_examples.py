"""The documentation's examples, read from README.md and docs/*.md, and run as a reader runs them against a fresh
`make demo`: GraphQL blocks as the demo's GraphiQL page sends them, bash blocks (curl, the CLI) in a shell.

A fenced block is an example when its language is `graphql` or `bash`. One that is only a piece of something, or
that runs elsewhere than in the demo (an instance's install steps), is marked on the line before it with
`<!-- fragment -->` or `<!-- fragment: why -->` and is not run. A mutation shown being refused is marked
`<!-- refused: <error code> -->`: its log must say status 1 with that code. Other languages (`json`, `python`,
`text`, `csv`) are data or answers, never run; a fence without a language is refused, so no command escapes the test.
"""

import json
import re
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
RUN = {"graphql", "bash"}
DATA = {"json", "python", "text", "csv"}
FRAGMENT = re.compile(r"<!--\s*fragment(:[^>]*)?-->")
REFUSED = re.compile(r"<!--\s*refused:\s*(\S+)\s*-->")
FENCE = re.compile(r"^(\s*)```(\S*)\s*$")  # indented too: a block inside a list item
DEMO_URL = "http://127.0.0.1:8000"
CLIENT_ID = re.compile(r'clientMutationId:\s*"([^"]+)"')
VARIABLES = re.compile(r"^# variables: (.*)$", re.M)
LOGIN = re.compile(r'tokenAuth\(username:\s*"([^"]+)",\s*password:\s*"([^"]+)"\)')


@dataclass
class Block:
    path: Path
    line: int  # of the opening fence, from 1
    language: str
    text: str
    fragment: bool
    refused: str | None = None  # the error code a mutation shown being refused must give

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks(path: Path) -> list[Block]:
    """Every fenced block of one Markdown file, in the order a reader meets them."""
    found, lines, index = [], path.read_text(encoding="utf-8").split("\n"), 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        indent = opening.group(1)
        end = next(i for i in range(index + 1, len(lines)) if lines[i].strip().startswith("```"))
        before = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
        text = "\n".join(line.removeprefix(indent) for line in lines[index + 1 : end])
        refused = REFUSED.search(before)
        found.append(
            Block(path, index + 1, opening.group(2), text, bool(FRAGMENT.search(before)), refused and refused.group(1))
        )
        index = end + 1
    return found


class DemoReader:
    """A reader of the documentation at the demo: the GraphiQL page's way of logging in and sending queries (the
    csrftoken cookie for tokenAuth, then getCsrfToken's token on every request), and a shell for the rest."""

    def __init__(self, url: str, workdir: Path, env: dict):
        self.url, self.workdir, self.env = url, workdir, env
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.session_token = None

    def run(self, block: Block) -> None:
        if block.language == "graphql":
            self.graphql(block)
        else:
            self.shell(block)

    def login(self, username: str, password: str) -> dict:
        self._request("GET", "/api/graphql", headers={"Accept": "text/html"})
        cookie = next((c.value for c in self.jar if c.name == "csrftoken"), None)
        query = f'mutation {{ tokenAuth(username: "{username}", password: "{password}") {{ refreshExpiresIn }} }}'
        answer = self.post({"query": query}, csrf=cookie)
        if "errors" not in answer:
            token = self.post({"query": "mutation { getCsrfToken { csrfToken } }"})
            self.session_token = token["data"]["getCsrfToken"]["csrfToken"]
        return answer

    def graphql(self, block: Block) -> None:
        if login := LOGIN.search(block.text):
            answer = self.login(*login.groups())
            assert "errors" not in answer, f"{block.name}: the login failed: {answer}"
            return
        body = {"query": VARIABLES.sub("", block.text)}
        if variables := VARIABLES.search(block.text):
            body["variables"] = json.loads(variables.group(1))
        answer = self.post(body)
        assert "errors" not in answer, f"{block.name}: GraphQL errors {answer['errors']}"
        assert all(value is not None for value in answer["data"].values()), f"{block.name}: null field in {answer}"
        for client_id in CLIENT_ID.findall(block.text):
            self._mutation_succeeded(block, client_id)

    def _mutation_succeeded(self, block: Block, client_id: str) -> None:
        query = (
            f'{{ mutationLogs(clientMutationId: "{client_id}", orderBy: ["-requestDateTime"], first: 1) '
            "{ edges { node { status error } } } }"
        )
        edges = self.post({"query": query})["data"]["mutationLogs"]["edges"]
        assert edges, f"{block.name}: no mutation log for clientMutationId {client_id}"
        node = edges[0]["node"]
        if block.refused:
            refused = node["status"] == 1 and block.refused in (node["error"] or "")
            assert refused, f"{block.name}: mutation {client_id} should be refused with {block.refused}: {node}"
        else:
            assert node["status"] == 2, f"{block.name}: mutation {client_id} refused: {node['error']}"

    def post(self, body: dict, csrf: str | None = None) -> dict:
        headers = {"Content-Type": "application/json"}
        if token := csrf or self.session_token:
            headers["X-CSRFToken"] = token
        status, text = self._request("POST", "/api/graphql", json.dumps(body).encode(), headers)
        assert status in (200, 400), f"GraphQL answered HTTP {status}: {text[:500]}"
        return json.loads(text)

    def _request(self, method: str, path: str, data: bytes | None = None, headers: dict | None = None):
        request = urllib.request.Request(self.url + path, data=data, headers=headers or {}, method=method)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def shell(self, block: Block) -> None:
        """One block in bash, with the variables the file's earlier blocks set (as in one terminal)."""
        state = self.workdir / ".example-variables"
        script = (
            f"set -a\n[ -f {state} ] && source {state}\n"
            + block.text.replace(DEMO_URL, self.url)
            + f"\nexport -p | grep -v -E '^declare -x (OLDPWD|PWD|SHLVL|_)=' > {state}\n"
        )
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, (
            f"{block.name}: the commands failed (exit {done.returncode})\n"
            f"stdout: {done.stdout[-2000:]}\nstderr: {done.stderr[-2000:]}"
        )
