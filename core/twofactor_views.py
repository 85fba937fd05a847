"""The admin's two-factor pages: enrol an authenticator app, and give a code after the password."""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from core.twofactor import (
    totp_device_confirm,
    totp_device_start,
    totp_qr_data_uri,
    totp_secret,
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The six-digit code your authenticator app shows now, or a recovery code.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("admin:index")


def _context(request: HttpRequest, title: str, **extra) -> dict:
    return {**admin.site.each_context(request), "title": title, "next": _next_url(request), **extra}


@never_cache
@staff_member_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol (or replace) an authenticator app: QR code and secret, confirmed with a first code."""
    user = request.user
    if user_has_device(user) and not user.is_verified():
        # Replacing a second factor takes the current one first.
        return redirect(f"{reverse('twofactor:verify')}?next={reverse('twofactor:setup')}")
    device = totp_device_start(user=user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = totp_device_confirm(device=device, token=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            request.session.cycle_key()  # a new session id for the stronger sign-in
            context = _context(request, "Your recovery codes", codes=codes)
            return render(request, "admin/twofactor/recovery_codes.html", context)
        form.add_error("code", "That code is not the one the app shows now; try the next one.")
    context = _context(
        request,
        "Set up two-factor sign-in",
        form=form,
        qr=totp_qr_data_uri(device),
        secret=totp_secret(device),
    )
    return render(request, "admin/twofactor/setup.html", context)


@never_cache
@staff_member_required
def verify(request: HttpRequest) -> HttpResponse:
    """After the password: a code from the authenticator app or a recovery code."""
    if not user_has_device(request.user):
        return redirect(f"{reverse('twofactor:setup')}?next={_next_url(request)}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()  # a new session id for the stronger sign-in
            return redirect(_next_url(request))
        form.add_error(
            "code", "That code is not valid. Wait for the next one, or use a recovery code."
        )
    return render(
        request, "admin/twofactor/verify.html", _context(request, "Two-factor sign-in", form=form)
    )
