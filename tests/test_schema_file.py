from schema_sdl import SCHEMA_FILE, module_sdl


def test_committed_schema_matches_the_code():
    """The GraphQL contract is reviewed as a file: run `make schema` after changing it, and commit the result."""
    assert SCHEMA_FILE.read_text(encoding="utf-8") == module_sdl()


def test_every_root_field_and_type_is_prefixed():
    sdl = module_sdl()
    assert "meetingEvents(" in sdl
    assert "createMeetingEvent(" in sdl
