"""Commenters' personal data: export it, erase it, and stop keeping what is no longer needed.

What a comment stores about its writer: the name, e-mail address and
website they typed (or their account), the IP address, browser (user agent)
and referring page of the request, and what was sent to Akismet, if used.
Moderators and administrators see these in the admin; readers see only the
name, the website link and the text.

- :func:`export_for_email` gathers everything held for one address
  (``manage.py export_comments --email …`` and an admin action).
- :func:`erase_for_email` either anonymises those comments or deletes them
  (``manage.py erase_commenter --email … --mode anonymise|delete`` and an
  admin action).
- :func:`trim_personal_data` truncates IP addresses and drops user agents
  and referrers once a comment's final decision is older than
  ``NEWSROOM_COMMENTS_KEEP_IP_DAYS`` (``manage.py trim_comment_personal_data``,
  run daily).

Erasing purges readers' cached pages (:mod:`comments.visible`) so the name
and text are gone from them at once. Trimming purges nothing: readers never
see what it removes.

Erasing (either way) also takes back what the spam filter learned from those
comments and drops its memory of the address and account (it remembers how
many of their comments were approved or marked as spam).

Deleting a comment that others have replied to would tear their replies out
of the conversation, so such a comment is emptied instead: its text and
personal data are erased and it goes to the trash. The replies stay in the
database unchanged (they are their writers' data, not the erased person's);
as replies to a removed comment they are no longer shown under the article.
"""

import ipaddress
from collections import defaultdict
from datetime import timedelta
from email.utils import parseaddr

from django.db import transaction
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django_comments.models import Comment as ContribComment
from django_comments_xtd.conf import settings as xtd_settings

from comments import conf, visible
from comments.models import Comment, CommentEvent, email_key
from comments.spam import akismet_client, learning, memory, recaptcha
from comments.spam.models import SpamMemory

ANONYMOUS_NAME = "Anonymous"
ERASE_MODES = ("anonymise", "delete")
TRIM_BATCH = 500


def comments_for_email(email):
    """Comments written with this address, or by an account with it (case-insensitive)."""
    email = email.strip()
    if not email:
        return Comment.objects.none()
    return Comment.objects.filter(Q(email_key=email_key(email)) | Q(user__email__iexact=email))


def export_for_email(email):
    """Everything held about the writer of ``email``'s comments, as JSON-serialisable data.

    For each comment: what they typed, the request data kept, the moderation
    history (who decided is given as the moderator's label only), and the
    likes and reports it received (without who gave them: that is other
    readers' data).
    """
    comments = (
        comments_for_email(email)
        .select_related("content_type")
        .prefetch_related("events", "reactions", "reports", "content_object")
        .order_by("pk")
    )
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "comments": [_export_comment(comment) for comment in comments],
    }


def _export_comment(c):
    target = c.content_object
    return {
        "id": c.pk,
        "on": {
            "type": f"{c.content_type.app_label}.{c.content_type.model}",
            "id": c.object_pk,
            "title": str(target) if target is not None else "",
            "url": target.get_absolute_url() if hasattr(target, "get_absolute_url") else "",
        },
        "in_reply_to": c.parent_id if c.parent_id != c.pk else None,
        "submitted_at": _iso(c.submit_date),
        "name": c.user_name,
        "email": c.user_email,
        "website": c.user_url,
        "account": c.user.get_username() if c.user_id else None,
        "text": c.comment,
        "notify_of_replies": c.followup,
        "ip_address": c.ip_address,
        "user_agent": c.user_agent,
        "referrer": c.referrer,
        "reader_prompt": c.reader_prompt,
        "status": c.status,
        "status_changed_at": _iso(c.status_changed_at),
        "spam_score": c.spam_score,
        "spam_reasons": c.spam_reasons,
        "sent_to_akismet": c.akismet_payload,
        "personal_data_trimmed_at": _iso(c.personal_data_trimmed_at),
        "history": [
            {
                "at": _iso(e.created_at),
                "by": e.actor_label,
                "from": e.from_status,
                "to": e.to_status,
                "action": e.action,
                "reason": e.reason,
            }
            for e in c.events.all()
        ],
        "likes": [{"at": _iso(r.created_at)} for r in c.reactions.all()],
        "reports": [{"at": _iso(r.created_at), "reason": r.reason} for r in c.reports.all()],
    }


def erase_for_email(email, *, mode, by_label="privacy request"):
    """Anonymise or delete every comment of ``email``; returns ``{"anonymised": n, "deleted": n}``.

    ``anonymise``: the name becomes "Anonymous"; e-mail, website, account,
    user agent, referrer and the Akismet record are cleared and the IP address
    truncated; the text and the comment stay. ``delete``: the comments go,
    except those others replied to, which are emptied and trashed (see the
    module docstring).
    """
    if mode not in ERASE_MODES:
        raise ValueError(f"mode must be one of {', '.join(ERASE_MODES)}, not {mode!r}.")
    counts = {"anonymised": 0, "deleted": 0}
    with transaction.atomic():
        # Deepest first, so their own replies are gone before their parents are looked at.
        # Lock by primary key: the address lookup joins the nullable user
        # table, and PostgreSQL refuses FOR UPDATE across an outer join.
        ids = comments_for_email(email).values_list("pk", flat=True)
        comments = list(Comment.objects.select_for_update().filter(pk__in=list(ids)).order_by("-level", "-pk"))
        for comment in comments:
            _forget_learning(comment)
            if mode == "delete" and not _has_replies(comment):
                comment.delete()
                counts["deleted"] += 1
                continue
            changes = _anonymised_fields(comment)
            from_status = comment.status
            reason = "personal data erased on request"
            if mode == "delete":
                changes |= {
                    "comment": "",
                    "previous_status": from_status,
                    "status": Comment.Status.TRASH,
                    "status_changed_at": timezone.now(),
                    **Comment.visibility(Comment.Status.TRASH),
                }
                reason = "deleted on request; kept empty because others replied"
            # Through comments.visible: readers' cached pages lose the name (and the text) after commit.
            visible.update(comment, **changes)
            CommentEvent.objects.create(
                comment=comment,
                actor_label=by_label,
                from_status=from_status,
                to_status=changes.get("status", from_status),
                reason=reason,
            )
            counts["anonymised"] += 1
        _forget_identity(email, user_ids={c.user_id for c in comments if c.user_id})
    return counts


def _forget_learning(comment):
    """Take back what the spam filter learned from ``comment``: it remembers addresses and IPs."""
    learning.forget(comment)


def _forget_identity(email, *, user_ids):
    """Drop the spam filter's memory of this address and these accounts (counts of approved / spam comments)."""
    keys = memory.identity_keys(email=email)
    for user_id in user_ids:
        keys += memory.identity_keys(user_id=user_id)
    SpamMemory.objects.filter(key__in=memory.columns(keys)).delete()


def _has_replies(comment):
    return Comment.objects.filter(parent_id=comment.pk).exclude(pk=comment.pk).exists()


def _anonymised_fields(comment):
    return {
        "user_name": ANONYMOUS_NAME,
        "user_email": "",
        "user_url": "",
        "user": None,
        "followup": False,
        "ip_address": truncate_ip(comment.ip_address),
        "user_agent": "",
        "referrer": "",
        "akismet_payload": {},
        "personal_data_trimmed_at": timezone.now(),
    }


def truncate_ip(address):
    """Keep the network, drop the host: IPv4 to its /24, IPv6 to its /48 ("203.0.113.7" → "203.0.113.0")."""
    if not address:
        return address
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def trim_personal_data(*, now=None):
    """Truncate IPs and drop user agents, referrers and Akismet records of comments decided long ago.

    "Decided" means moved out of the queue (approved, spam or trash) more than
    ``NEWSROOM_COMMENTS_KEEP_IP_DAYS`` ago; a comment still waiting keeps its
    data, which the moderator and the spam filter may need. Each comment is
    trimmed once (``personal_data_trimmed_at``). Returns how many were trimmed.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=conf.get("NEWSROOM_COMMENTS_KEEP_IP_DAYS"))
    decided_long_ago = Q(status_changed_at__lt=cutoff) | Q(status_changed_at__isnull=True, submit_date__lt=cutoff)
    due = (
        Comment.objects.exclude(status=Comment.Status.PENDING)
        .filter(decided_long_ago, personal_data_trimmed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", "ip_address")
    )
    trimmed = 0
    while batch := list(due[:TRIM_BATCH]):
        # Plain UPDATEs, one per shortened address (neighbours share one):
        # far cheaper than bulk_update's CASE over every row.
        by_address = defaultdict(list)
        for pk, address in batch:
            short = truncate_ip(address)
            if short != address:
                by_address[short].append(pk)
        for short, pks in by_address.items():
            ContribComment.objects.filter(pk__in=pks).update(ip_address=short)
        Comment.objects.filter(pk__in=[pk for pk, _address in batch]).update(
            user_agent="", referrer="", akismet_payload={}, personal_data_trimmed_at=now
        )
        trimmed += len(batch)
    return trimmed


def privacy_facts():
    """What the privacy page says, read from the settings in force."""
    return {
        "keep_ip_days": conf.get("NEWSROOM_COMMENTS_KEEP_IP_DAYS"),
        "uses_akismet": akismet_in_use(),
        "uses_recaptcha": recaptcha_in_use(),
        "notify_authors": conf.get("NEWSROOM_COMMENTS_NOTIFY_AUTHORS"),
        "confirm_email": bool(xtd_settings.COMMENTS_XTD_CONFIRM_EMAIL),
        "contact_email": parseaddr(xtd_settings.COMMENTS_XTD_CONTACT_EMAIL or "")[1],
    }


def akismet_in_use():
    """Whether comments are sent to Akismet (the spam filter has a key for it)."""
    return bool(akismet_client.is_configured())


def recaptcha_in_use():
    """Whether the comment form shows Google's reCAPTCHA (the spam filter has its keys)."""
    return bool(recaptcha.is_configured())


def privacy_page(request):
    """The comments privacy notice: what is stored, for how long, who sees it, what leaves the site."""
    return render(request, "comments/newsroom/privacy.html", {"facts": privacy_facts()})


def _iso(value):
    return value.isoformat() if value else None
