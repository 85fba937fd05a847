"""The interface language comes from the address alone: answers do not vary by the browser's."""

from django.middleware.locale import LocaleMiddleware
from django.utils.cache import cc_delim_re


class AddressLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware without its `Vary: Accept-Language`.

    With i18n_patterns(prefix_default_language=False), Django takes the language from the
    prefix (/az/, /tr/) and gives every other address the default one, whatever the browser's
    Accept-Language or a language cookie says. Yet it marks every unprefixed answer (English
    pages, the API, feeds) as varying by Accept-Language, so that a shared cache in front (a
    CDN, a partner's proxy) would keep one copy per browser setting of the same bytes.
    """

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [
                header
                for header in cc_delim_re.split(response["Vary"])
                if header.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
