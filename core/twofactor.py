"""Two-factor sign-in for the desk: a TOTP authenticator app, with one-time recovery codes.

With TWO_FACTOR_REQUIRED (DJANGO_REQUIRE_2FA; on in production) every superuser and every
member of the Editors group must, after the password, give a code from their authenticator
app or a recovery code before any admin page opens; in production superusers must whatever
the setting says. Someone without an app yet is sent to enrol: a page with the QR code
(drawn here, as an inline SVG image) and the secret, confirmed with a first code; ten
recovery codes are then shown once. django-otp keeps the devices and marks the session
verified; its devices throttle repeated wrong codes.
"""

from base64 import b32encode
from urllib.parse import quote

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.editors import EDITORS_GROUP

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def twofactor_required(user) -> bool:
    """Whether this account must give a second factor: a superuser in production always; with
    the setting on, every superuser and editor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser and settings.PRODUCTION:
        # The setting cannot turn it off for the accounts that hold every key.
        return True
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()


def totp_secret(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code, an SVG data URI drawn here (no outside service)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """The user's unconfirmed authenticator device, created with a new secret if none is pending."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device with a first code; replaces older devices. Returns new recovery codes.

    None when the code is wrong (the device stays unconfirmed).
    """
    if not device.verify_token(token):
        return None
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user=user)


@transaction.atomic
def recovery_codes_renew(*, user) -> list[str]:
    """Ten new one-time recovery codes, replacing any earlier ones; shown to the user once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


# Admin addresses an account that still owes its second factor may open.
OPEN_BEFORE_SECOND_FACTOR = (
    "admin:login",
    "admin:logout",
    "admin:jsi18n",
    "twofactor:setup",
    "twofactor:verify",
)


class TwoFactorMiddleware:
    """Send a signed-in superuser or editor without a second factor to give or enrol one."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open = None

    def __call__(self, request: HttpRequest):
        if self._must_wait(request):
            has_app = user_has_device(request.user)
            target = reverse("twofactor:verify" if has_app else "twofactor:setup")
            return redirect(f"{target}?next={quote(request.get_full_path())}")
        return self.get_response(request)

    def _must_wait(self, request: HttpRequest) -> bool:
        if not request.path_info.startswith("/admin/"):
            return False
        user = request.user
        if not user.is_authenticated or not user.is_staff or user.is_verified():
            return False
        if self._open is None:
            self._open = {reverse(name) for name in OPEN_BEFORE_SECOND_FACTOR}
        return request.path_info not in self._open and twofactor_required(user)
