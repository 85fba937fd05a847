"""Form widgets rendered through Jinja2, with Django's own widget templates in that language.

A list of countries is about 250 `<option>`s, and each is a template of its own: through the
Django template language the admin's meeting page spent most of its 0.8 s building them.
Django ships the template of every standard widget for Jinja2 too, which renders them several
times faster. A widget that has no Jinja2 template (the admin's own, a library's) is rendered
by the Django template language, as before.
"""

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class WidgetRenderer(Jinja2):
    _fallback = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._fallback.get_template(template_name)
