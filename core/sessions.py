"""Signed-in sessions end after an idle spell and after a fixed lifetime, whichever comes first.

OWASP ASVS 3.3 (level 2) asks for both; Django's SESSION_COOKIE_AGE alone gives neither
(every save of the session pushes its expiry on). The session keeps when its user signed in
and when it was last used; a request past either limit is signed out (the admin then asks
for the password again, and the second factor). The last use is rewritten at most once
a minute, not on every request, so the idle limit holds to within that minute.
Django-session-security does the idle half with JavaScript warnings and no fixed lifetime;
what is needed here is this one check.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

SIGNED_IN_AT = "_signed_in_at"
LAST_SEEN_AT = "_last_seen_at"
# How stale the stored last use may get before it is rewritten (a session write).
TOUCH_EVERY_SECONDS = 60


async def _anonymous() -> AnonymousUser:
    return AnonymousUser()


class CookielessAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, except that a request without a session cookie is
    anonymous without a look at the session.

    Reading the session marks the answer `Vary: Cookie`, and every request here asks who the
    user is (the page cache, the database router, the session limits below). A partner's API
    call and a reader's first visit carry no session cookie: their answers no longer say they
    vary by Cookie, so a shared cache keeps one copy, not one per cookie. Signing in still
    works: the login view authenticates from the form and sets request.user itself.
    """

    def process_request(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return super().process_request(request)
        request.user = AnonymousUser()
        request.auser = partial(_anonymous)


class SessionTimeoutMiddleware:
    """Sign out a session idle for SESSION_IDLE_SECONDS or older than SESSION_MAX_AGE_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = timezone.now().timestamp()
        signed_in_before = request.user.is_authenticated
        if signed_in_before and self._expired(request, now):
            logout(request)  # a new, empty session; the admin asks to sign in again
            signed_in_before = False
        response = self.get_response(request)
        # Only a signed-in account has a session to keep: the partner API's views put the
        # partner (or None) in request.user, and a partner's request must not write one.
        if isinstance(request.user, get_user_model()) and request.user.is_authenticated:
            session = request.session
            if not signed_in_before or SIGNED_IN_AT not in session:
                # This request signed in (or the session predates these limits): start both.
                session[SIGNED_IN_AT] = session[LAST_SEEN_AT] = now
            elif now - session.get(LAST_SEEN_AT, 0) >= TOUCH_EVERY_SECONDS:
                session[LAST_SEEN_AT] = now
        return response

    def _expired(self, request, now: float) -> bool:
        session = request.session
        signed_in = session.get(SIGNED_IN_AT)
        seen = session.get(LAST_SEEN_AT)
        if signed_in is None or seen is None:
            return False
        return (
            now - seen > settings.SESSION_IDLE_SECONDS
            or now - signed_in > settings.SESSION_MAX_AGE_SECONDS
        )


class AdminNeverCachedMiddleware:
    """Every admin response is `no-store, private`: browsers and proxies keep no copy.

    Django marks most admin views so, but not all (the password change page); this holds for
    any page under /admin/, ours and third-party apps' alike.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/admin/"):
            add_never_cache_headers(response)
        return response
