"""Login throttling: django-axes counts failed admin logins and locks the client out."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check, for logins that come with a request.

    A login without a request (a shell, a management command, the test client's login())
    has no client to throttle; axes would refuse it outright, so it goes straight to the
    next backend instead. Every login over HTTP, the admin's included, is still checked.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
