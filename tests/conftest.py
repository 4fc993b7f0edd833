import pytest
from django.core.cache import cache
from mail_helpers import mail_config, smtp  # noqa: F401 - the mail tests' SMTP server and configuration

from factories import make_user


@pytest.fixture(autouse=True)
def _fresh_cache():
    # core caches each user's rights in the default cache; ids are reused after a test's rollback.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin(db):
    return make_user("Admin", admin=True)


@pytest.fixture
def nobody(db):
    """An interactive user holding no right of this module."""
    return make_user("Nobody", rights=[])
