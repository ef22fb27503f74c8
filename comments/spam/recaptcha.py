"""Optional reCAPTCHA (django-recaptcha), as one more signal for the spam filter.

With both ``NEWSROOM_RECAPTCHA_PUBLIC_KEY`` and ``NEWSROOM_RECAPTCHA_PRIVATE_KEY``
set, the comment form gets a field and the pipeline a check; with either
empty, neither exists. The form only collects the token; the check verifies
it with Google, so a slow or unreachable Google is "no signal" for the
pipeline, never a form error or a 500::

    # in the comment form's __init__:
    field = recaptcha.form_field()
    if field is not None:
        self.fields[recaptcha.FIELD_NAME] = field

    # when building the Submission:
    extra = {recaptcha.TOKEN_KEY: form.cleaned_data.get(recaptcha.FIELD_NAME, "")}

``v3`` (default) is invisible and scored; ``v2`` is the "I'm not a robot"
checkbox, which the reader must tick. The widgets load Google's script and,
for v3, ``comments/nr_recaptcha.js``: no inline code, so the site's strict
Content Security Policy holds.
"""

import json
import logging
from urllib.error import URLError

from django import forms
from django.utils.translation import gettext_lazy as _
from django_recaptcha import client
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox, ReCaptchaV3

from comments import conf

logger = logging.getLogger(__name__)

#: The form field's name.
FIELD_NAME = "recaptcha"
#: Where the token travels in ``Submission.extra``.
TOKEN_KEY = "recaptcha_token"
#: The action name v3 tokens are issued for (checked on verification).
ACTION = "comment"


def is_configured():
    return bool(conf.get("NEWSROOM_RECAPTCHA_PUBLIC_KEY") and conf.get("NEWSROOM_RECAPTCHA_PRIVATE_KEY"))


def version():
    return conf.get("NEWSROOM_RECAPTCHA_VERSION")


class CheckboxWidget(ReCaptchaV2Checkbox):
    """The v2 checkbox without the library's inline script."""

    template_name = "comments/nr_recaptcha_checkbox.html"

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("data-callback", None)  # named a function that only the inline script defined
        return attrs


class ScoreWidget(ReCaptchaV3):
    """The invisible v3 widget; ``comments/nr_recaptcha.js`` fetches the token on submit."""

    template_name = "comments/nr_recaptcha_v3.html"

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("data-callback", None)
        attrs["data-action"] = ACTION
        attrs["class"] = attrs.get("class", "") + " nr-recaptcha"
        return attrs


class TokenField(ReCaptchaField):
    """Collects the token; verifying it is the spam check's job (see the module docstring)."""

    default_error_messages = {"required": _("Please tick the box to show you are not a robot.")}

    def __init__(self, *, required, **kwargs):
        super().__init__(**kwargs)
        self.required = required  # the library forces True

    def validate(self, value):
        forms.CharField.validate(self, value)


def form_field():
    """The field for the comment form, or ``None`` when reCAPTCHA is not configured."""
    if not is_configured():
        return None
    public_key = conf.get("NEWSROOM_RECAPTCHA_PUBLIC_KEY")
    private_key = conf.get("NEWSROOM_RECAPTCHA_PRIVATE_KEY")
    if version() == "v2":
        return TokenField(
            public_key=public_key, private_key=private_key, widget=CheckboxWidget, required=True, label=""
        )
    return TokenField(
        public_key=public_key,
        private_key=private_key,
        widget=ScoreWidget(action=ACTION),
        required=False,
        label="",
    )


def verify(token, *, remote_ip=None):
    """Google's answer for ``token`` (a ``RecaptchaResponse``), or ``None`` if Google could not be asked."""
    try:
        return client.submit(
            recaptcha_response=token,
            private_key=conf.get("NEWSROOM_RECAPTCHA_PRIVATE_KEY"),
            remoteip=remote_ip or "",
        )
    except (URLError, OSError, ValueError, KeyError, json.JSONDecodeError) as error:
        # URLError covers HTTP errors; OSError timeouts and refused connections; the rest a garbled answer.
        logger.warning("reCAPTCHA verification failed: %s", error)
        return None
