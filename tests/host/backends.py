"""django-axes' backend as the host uses it: it checks the lockout of every authentication that comes with a
request (tokenAuth, the admin's login form), and lets through the in-process calls that have none (Django's test
client `login()`, management commands), which no outsider can repeat over HTTP; axes' own backend refuses those."""

from axes.backends import AxesStandaloneBackend


class AxesBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
