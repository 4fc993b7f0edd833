"""The table of rights in docs/rights-and-configuration.md is the one the code declares, and every declared right
is one of the module's."""

import re
from pathlib import Path

from openimis_be_meeting.apps import DEFAULT_CFG
from openimis_be_meeting.permissions import Action, ByArgument
from openimis_be_meeting.rights import graphql_guards, rest_guards, rights_table

RIGHTS_PAGE = Path(__file__).resolve().parent.parent / "docs" / "rights-and-configuration.md"
TABLE = re.compile(r"<!-- rights-table[^>]*-->\n(.*?)\n<!-- /rights-table -->", re.S)


def test_the_rights_page_lists_the_rights_the_code_declares():
    [written] = TABLE.findall(RIGHTS_PAGE.read_text(encoding="utf-8"))
    assert (
        written == rights_table()
    ), "paste openimis_be_meeting.rights.rights_table() into docs/rights-and-configuration.md"


def test_every_declared_action_is_configured_with_rights():
    guards = [*graphql_guards().values(), *rest_guards().values()]
    actions = [action for guard in guards if guard is not None for action in _actions(guard)]
    assert actions and all(isinstance(action, Action) and DEFAULT_CFG[action.value] for action in actions)
    # Only the badge-token feed declares none.
    assert [name for name, guard in rest_guards().items() if guard is None] == ["GET feeds/<token>/agenda.ics"]


def _actions(guard):
    return list(guard.actions.values()) if isinstance(guard, ByArgument) else [guard]
