"""The commenter's record in the admin: ``…/newsroom_comments/comment/commenter/?email=<address>`` or ``?user=<id>``.

Linked from the writer of every row of the moderation queue and from a
comment's page (``CommentAdmin``'s "record" link). Whoever may see comments
sees the record (:func:`comments.commenters.record`); notes, rules and
lifting them need ``newsroom_comments.moderate_comment``. Each action is a
plain form posted to the page itself (no JavaScript), which redirects back
to it with a message once done, or shows the form again with what to fix.
A malformed address is answered with 400, an unknown account with 404.

A ban asks for a reason (Coral's list, :class:`~comments.models.RejectionReason`);
its "Why" is the explanation the commenter reads. If the ban names an
address (by e-mail, or an account with one) and statements are on, that
address gets one statement of reasons about the ban after commit
(:func:`comments.tasks.mail_about_ban`), counting the comments trashed with
it; those comments are not mailed one by one.
"""

from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments import commenters, networks, tasks
from comments.models import Comment, CommenterRule, RejectionReason, email_key

TEMPLATE = "admin/newsroom_comments/comment/commenter_record.html"
RULE_KINDS = [CommenterRule.Kind.TRUST, CommenterRule.Kind.HOLD, CommenterRule.Kind.BAN]
# What each rule form's button says.
RULE_BUTTONS = {
    CommenterRule.Kind.TRUST: _("Trust"),
    CommenterRule.Kind.HOLD: _("Always hold"),
    CommenterRule.Kind.BAN: _("Ban"),
}
RULE_HELP = {
    CommenterRule.Kind.TRUST: _(
        "Their first comment is not held. A signed-out commenter is trusted only from a browser that holds the "
        "trust cookie for this address, never because someone typed it."
    ),
    CommenterRule.Kind.HOLD: _("Every new comment waits for a moderator, whatever the spam filter says."),
    CommenterRule.Kind.BAN: _(
        "New comments are refused with a polite message; their text is kept in the form. A ban by e-mail address "
        "or account sends that address one statement of reasons: the reason, your explanation, the end date and "
        "how many comments went to the trash."
    ),
}


def commenter_url(*, user_id=None, email="", current_app="admin"):
    """The record page's address for an account or an e-mail address."""
    url = reverse("admin:newsroom_comments_comment_commenter", current_app=current_app)
    return f"{url}?{urlencode({'user': user_id} if user_id else {'email': email})}"


def commenter_from(params):
    """The :class:`~comments.commenters.Commenter` that ``?user=<id>`` or ``?email=<address>`` names.

    Raises ``BadRequest`` (400) unless exactly one is given and well formed, ``Http404`` for no such account.
    """
    user, email = params.get("user"), params.get("email")
    if (user is None) == (email is None):
        raise BadRequest("Name one commenter: ?user=<id> or ?email=<address>.")
    if user is not None:
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user)
            model._meta.pk.run_validators(pk)
        except ValidationError:
            raise BadRequest("?user= is not an account's id.") from None
        if pk is None or (isinstance(pk, int) and not 0 < pk < 2**63):
            raise BadRequest("?user= is not an account's id.")
        return commenters.Commenter.for_account(get_object_or_404(model, pk=pk))
    key = email_key(email)
    local, at, domain = key.rpartition("@")
    if not (local and at and domain) or len(key) > 254 or any(c.isspace() or c in "<>\"'" for c in key):
        raise BadRequest("?email= is not an e-mail address.")
    return commenters.Commenter.for_email(key)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("For the other moderators; the commenter never sees it."),
    )


class RuleForm(forms.Form):
    """Trust, always hold or ban (``kind``) the commenter, by what the kind may name (``commenters.MATCHES``)."""

    match = forms.ChoiceField(label=_("By"), widget=forms.RadioSelect)
    network = forms.CharField(
        label=_("Address range"),
        required=False,
        max_length=50,
        help_text=_("CIDR, such as 203.0.113.0/24 (at most a /16 of IPv4 or a /32 of IPv6), or one address."),
    )
    until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The rule ends at the end of this day. Empty: until lifted."),
    )
    reason_code = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", "---------"), *RejectionReason.choices],
        help_text=_("Explained to the commenter in the ban's statement of reasons."),
    )
    note = forms.CharField(label=_("Why"), required=False, max_length=500, help_text=_("For the other moderators."))
    trash_recent = forms.BooleanField(
        label=_("Also move their comments from the last %(days)d days to the trash") % {"days": commenters.TRASH_DAYS},
        required=False,
    )

    def __init__(self, *args, commenter, kind, last_ip="", **kwargs):
        super().__init__(*args, prefix=kind, **kwargs)
        self.commenter, self.kind = commenter, CommenterRule.Kind(kind)
        choices = commenters.match_choices(commenter, kind=kind)
        self.fields["match"].choices = choices
        self.fields["match"].initial = choices[0][0] if choices else None
        if commenters.NETWORK in dict(choices):
            self.fields["network"].initial = networks.suggested_network(last_ip)
        else:
            del self.fields["network"]
        if self.kind == CommenterRule.Kind.BAN:
            self.fields["note"].help_text = _(
                "For the other moderators, and sent to the commenter as the moderator's explanation when the ban "
                "names an address."
            )
        else:
            # A trust or a hold removes nothing a reader sees and sends nobody a statement.
            del self.fields["trash_recent"], self.fields["reason_code"]

    @property
    def button(self):
        return RULE_BUTTONS[self.kind]

    @property
    def help(self):
        return RULE_HELP[self.kind]

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until is not None and until < timezone.localdate():
            raise ValidationError(_("Choose today or a later day."))
        return until

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("match") == commenters.NETWORK:
            try:
                cleaned["network"] = networks.parse_network(cleaned.get("network", ""))
            except ValueError as error:
                self.add_error("network", str(error))
        return cleaned

    def ends_at(self):
        """The end of the chosen day in the site's time zone, or ``None``."""
        until = self.cleaned_data["until"]
        if until is None:
            return None
        return timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min))


def commenter_view(model_admin, request):
    """The record (GET), or one action on it (POST: ``do`` is ``note``, ``trust``, ``hold``, ``ban`` or ``lift``)."""
    if request.method not in {"GET", "HEAD", "POST"}:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    commenter = commenter_from(request.GET)
    may_act = model_admin.has_moderate_permission(request)
    bound = {}
    if request.method == "POST":
        if not may_act:
            raise PermissionDenied
        done, bound = _act(model_admin, request, commenter)
        if done:
            return HttpResponseRedirect(request.get_full_path())
    record = commenters.record(commenter)
    note_form = bound.get("note") or NoteForm()
    rule_forms = [
        bound.get(kind) or RuleForm(commenter=commenter, kind=kind, last_ip=record.last_ip) for kind in RULE_KINDS
    ]
    queue = reverse("admin:newsroom_comments_comment_changelist", current_app=model_admin.admin_site.name)
    in_queue = {"user": commenter.user.pk} if commenter.is_account else {"email_key": commenter.email}
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Commenter: %(who)s") % {"who": commenter},
        "record": record,
        "commenter": commenter,
        "may_act": may_act,
        "note_form": note_form,
        "rule_forms": rule_forms if may_act else [],
        "counts": [(label, record.counts[value]) for value, label in Comment.Status.choices],
        "queue_url": f"{queue}?{urlencode({**in_queue, 'status': 'all'})}",
    }
    return TemplateResponse(request, TEMPLATE, context)


def _act(model_admin, request, commenter):
    """Do what the POST asks: ``(True, {})`` when done, ``(False, {name: bound form})`` to show it again."""
    action = request.POST.get("do")
    user = request.user
    if action == "note":
        form = NoteForm(request.POST)
        if not form.is_valid():
            return False, {"note": form}
        commenters.note(commenter, text=form.cleaned_data["text"], by=user)
        model_admin.message_user(request, _("Your note is on the record."), messages.SUCCESS)
        return True, {}
    if action in RULE_KINDS:
        form = RuleForm(request.POST, commenter=commenter, kind=action)
        if not form.is_valid():
            return False, {action: form}
        with transaction.atomic():
            try:
                rule = commenters.add_rule(
                    commenter,
                    kind=action,
                    match=form.cleaned_data["match"],
                    network=form.cleaned_data.get("network", ""),
                    ends_at=form.ends_at(),
                    note=form.cleaned_data["note"],
                    reason_code=form.cleaned_data.get("reason_code", ""),
                    by=user,
                )
            except commenters.RuleError as error:
                form.add_error(None, str(error))
                return False, {action: form}
            trashed = (
                commenters.trash_recent(rule, on=commenter, by=user) if form.cleaned_data.get("trash_recent") else 0
            )
            tasks.mail_about_ban(rule)
        message = _("%(rule)s.") % {"rule": commenters.describe(rule).capitalize()}
        if trashed:
            message += " " + ngettext(
                "%(count)d comment moved to the trash.", "%(count)d comments moved to the trash.", trashed
            ) % {"count": trashed}
        model_admin.message_user(request, message, messages.SUCCESS)
        return True, {}
    if action == "lift":
        rule_id = request.POST.get("rule", "")
        if not (rule_id.isascii() and rule_id.isdigit()) or int(rule_id) >= 2**63:
            raise BadRequest("No rule named.")
        rule = get_object_or_404(CommenterRule, pk=int(rule_id))
        try:
            commenters.lift(rule, on=commenter, by=user)
        except commenters.RuleError as error:
            model_admin.message_user(request, str(error), messages.WARNING)
        else:
            model_admin.message_user(request, _("The rule is lifted."), messages.SUCCESS)
        return True, {}
    raise BadRequest("Unknown action.")
