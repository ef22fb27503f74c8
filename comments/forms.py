"""The reader's comment form.

It keeps django-contrib-comments' anti-forgery fields (``content_type``,
``object_pk``, ``timestamp``, ``security_hash``) and adds the site's own:
length limits, web addresses that are http(s) only, "remember me", reply
notifications and a honeypot named like an ordinary field. It decides only
whether the input is well formed; whether it is spam is the spam filter's job.

Signed-in readers post under their account, so the form drops the name and
e-mail fields for them::

    form = CommentForm(article, data=request.POST, user=request.user)
"""

import time

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_comments.forms import CommentSecurityForm

from comments import conf
from comments.formrender import PlainWidgetRenderer
from comments.spam import recaptcha

NAME_MAX_LENGTH = 50  # django-contrib-comments' user_name column
EMAIL_MAX_LENGTH = 254
URL_MAX_LENGTH = 200
MAX_ID = 2**31 - 1  # xtd's thread columns are 32-bit integers
SECURITY_FIELDS = ("content_type", "object_pk", "timestamp", "security_hash")
# Labels of the fields built per form (below): one lazy text each, as for the other fields' labels.
COMMENT_LABEL = _("Comment")
HONEYPOT_LABEL = _("Phone")


def comment_max_length():
    return getattr(settings, "COMMENT_MAX_LENGTH", 3000)


def security_data(target):
    """The anti-forgery fields (``SECURITY_FIELDS``) of a new :class:`CommentForm` on ``target``, without
    building its other fields: for a form rendered once and shared (:func:`comments.section.section_html`).

    What ``CommentSecurityForm(target).initial`` holds, from the form's own ``generate_security_data()``
    (which reads only the target), without making the form's fields: a copy of each, on every page.
    """
    form = CommentSecurityForm.__new__(CommentSecurityForm)
    form.target_object = target
    return form.generate_security_data()


class CommentForm(CommentSecurityForm):
    default_renderer = PlainWidgetRenderer()  # the site's FORM_RENDERER for anything but plain widgets

    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("Never shown publicly."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    url = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=URL_MAX_LENGTH,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": _("Enter a web address starting with http:// or https://.")},
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    comment = forms.CharField(label=COMMENT_LABEL, widget=forms.Textarea(attrs={"rows": 8}))
    remember = forms.BooleanField(
        label=_("Save my name, e-mail and website in this browser for the next time I comment."),
        required=False,
    )
    followup = forms.BooleanField(label=_("Notify me of replies by e-mail"), required=False)
    reply_to = forms.IntegerField(min_value=0, max_value=MAX_ID, required=False, initial=0, widget=forms.HiddenInput)

    def __init__(self, target_object, *args, user=None, **kwargs):
        super().__init__(target_object, *args, **kwargs)
        # Built here so COMMENT_MAX_LENGTH is read when used, not at import.
        self.fields["comment"] = forms.CharField(
            label=COMMENT_LABEL, max_length=comment_max_length(), widget=forms.Textarea(attrs={"rows": 8})
        )
        self.fields[self.honeypot_name] = forms.CharField(
            label=HONEYPOT_LABEL,
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        captcha = recaptcha.form_field()  # None unless reCAPTCHA keys are set
        if captcha is not None:
            self.fields[recaptcha.FIELD_NAME] = captcha
        self.signed_in = bool(user is not None and user.is_authenticated)
        if self.signed_in:
            for name in ("name", "email", "url", "remember"):
                del self.fields[name]

    @property
    def honeypot_name(self):
        return conf.get("NEWSROOM_SPAM_HONEYPOT_FIELD")

    @property
    def honeypot_field(self):
        return self[self.honeypot_name]

    @property
    def captcha_field(self):
        return self[recaptcha.FIELD_NAME] if recaptcha.FIELD_NAME in self.fields else None

    @property
    def visible_detail_fields(self):
        """The name, e-mail and website fields a signed-out reader fills in."""
        return [self[name] for name in ("name", "email", "url") if name in self.fields]

    @classmethod
    def fixed_texts(cls):
        """The lazy labels and help texts the form's fields are built with: objects that live as long as the
        process (a writer of the form may translate each once per language)."""
        texts = [COMMENT_LABEL, HONEYPOT_LABEL]
        for field in cls.base_fields.values():
            texts += [field.label, field.help_text]
        return [text for text in texts if isinstance(text, Promise)]

    def clean_timestamp(self):
        ts = self.cleaned_data["timestamp"]
        if time.time() - ts > conf.get("NEWSROOM_COMMENTS_FORM_MAX_AGE"):
            raise forms.ValidationError(
                _("This form is too old. Please copy your comment, reload the page and post it again."),
                code="expired",
            )
        return ts

    def clean_reply_to(self):
        return self.cleaned_data.get("reply_to") or 0

    def security_errors(self):
        return {name: self.errors[name] for name in SECURITY_FIELDS if name in self.errors}

    def is_expired(self):
        return any(error.code == "expired" for error in self.errors.as_data().get("timestamp", []))

    def seconds_on_form(self):
        """Seconds since the form was handed out, from its signed timestamp."""
        ts = self.cleaned_data.get("timestamp")
        return None if ts is None else max(0.0, time.time() - ts)

    def with_fresh_security_data(self):
        """Re-issue the anti-forgery fields (keeping what the reader typed) so a re-post can succeed."""
        data = self.data.copy()
        for key, value in self.generate_security_data().items():
            data[key] = value
        self.data = data
        return self
