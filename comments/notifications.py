"""Who hears about a comment, and what they are sent.

Recipients and messages are worked out here; :mod:`comments.tasks` decides
when (after a comment is posted, or its status changed) and sends them in the
background, so no reader or moderator waits for a mail server and a failing
one never touches a comment:

- a comment held for review (by the spam filter, or by readers' reports,
  which hide a comment at most once: see :mod:`comments.reactions`)
  → each moderator gets a mail (saying why readers reported it), unless ``NEWSROOM_COMMENTS_MODERATION_DIGEST``
  asks for one digest of the queue instead (``send_moderation_digest``);
- a comment published for the first time → the article's authors, if
  ``NEWSROOM_COMMENTS_NOTIFY_AUTHORS``; and if it is a reply, everyone in
  that conversation who ticked "Notify me of replies" (one mail each, never
  to the reply's own author), with a link to stop them;
- a comment a moderator removed (trash, or spam by a person) → its writer,
  if they gave an address, gets the statement of reasons
  (:mod:`comments.statement`, :func:`statement_messages`), unless
  ``NEWSROOM_COMMENTS_STATEMENT_OF_REASONS`` is off;
- a commenter a moderator banned by their address or account → that address
  gets one statement about the ban (:func:`ban_statement_messages`), none
  about each comment trashed with it, under the same setting.

The article (or other object) is reached only through the comment's
``content_object``, named as its registration says (:mod:`comments.targets`);
its authors are ``content_object.authors`` (objects with a ``user``), when the
commented object has such a relation.
"""

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from articles import roles
from articles.origin import public_origin
from comments import conf, links, reactions, statement, targets
from comments.models import Comment, email_key

MAIL_TEMPLATES = "comments/newsroom/mail/"
DIGEST_LIMIT = 50


# Recipients -----------------------------------------------------------------


def moderator_emails():
    """``NEWSROOM_COMMENTS_MODERATOR_EMAILS``, or every active user who may moderate and has an address."""
    configured = conf.get("NEWSROOM_COMMENTS_MODERATOR_EMAILS")
    if configured:
        return sorted(set(configured))
    return roles.emails_of_holders("newsroom_comments.moderate_comment")


def author_emails(comment):
    """The commented object's authors with an account and an address, except the commenter."""
    authors = getattr(comment.content_object, "authors", None)
    if authors is None:
        return []
    emails = authors.filter(user__is_active=True).exclude(user__email="").values_list("user__email", flat=True)
    own = comment.user_email.lower()
    return sorted({email for email in emails if email.lower() != own})


def reply_followers(reply):
    """Earlier comments of the reply's conversation, one per address, whose writers asked for replies.

    Each is the writer's latest such comment (its name greets them and it
    signs their "stop" link). The reply's own writer is never included.
    """
    candidates = (
        Comment.objects.approved()
        .filter(thread_id=reply.thread_id, followup=True, pk__lt=reply.pk)
        .exclude(email_key="")
        .exclude(email_key=email_key(reply.user_email))
        .order_by("-pk")
    )
    followers = {}
    for comment in candidates:
        followers.setdefault(comment.user_email.lower(), comment)
    return list(followers.values())


# Messages -------------------------------------------------------------------


def held_comment_messages(comment):
    """One mail per moderator about a comment waiting for review."""
    recipients = moderator_emails()
    if not recipients:
        return []
    context = {"comment": comment, **_target(comment), **_links(comment)}
    if comment.held_by_reports_at is not None:
        context["reports"] = reactions.open_reasons(comment)
    return [_message("held_comment", context, to=[email]) for email in recipients]


def digest_messages(*, limit=DIGEST_LIMIT):
    """One mail per moderator listing the queue, newest first; none when the queue is empty."""
    pending = Comment.objects.filter(status=Comment.Status.PENDING)
    total = pending.count()
    recipients = moderator_emails()
    if not total or not recipients:
        return []
    comments = list(pending.order_by("-pk").prefetch_related("content_object")[:limit])
    context = {
        "total": total,
        "comments": [{"comment": c, **_target(c), **_links(c)} for c in comments],
        "more": total - len(comments),
        "queue_url": absolute_url(_admin_url("admin:newsroom_comments_comment_changelist")),
    }
    return [_message("moderation_digest", context, to=[email]) for email in recipients]


def author_messages(comment):
    """One mail per author of the commented article about a newly published comment."""
    context = {"comment": comment, **_target(comment), **_links(comment)}
    return [_message("author_new_comment", context, to=[email]) for email in author_emails(comment)]


def reply_messages(reply):
    """One mail per follower of the conversation, each with its own "stop these e-mails" link."""
    messages = []
    for followed in reply_followers(reply):
        context = {
            "reply": reply,
            "followed": followed,
            **_target(reply),
            "mute_url": absolute_url(mute_url(followed)),
            **_links(reply),
        }
        messages.append(_message("reply", context, to=[followed.user_email]))
    return messages


def statement_messages(event):
    """The statement of reasons about ``event`` (a removal), to its comment's writer: one mail, none without an address.

    It goes to an address the writer typed, which may not be theirs: it quotes
    the comment only as a short excerpt without links, greets nobody by the
    typed name, and says what to do with a mail about someone else's comment.
    Replies go to the review address (``Reply-To``), so answering asks for a review.
    """
    comment = event.comment
    if not comment.user_email:
        return []
    facts = statement.for_event(event)
    context = {
        "statement": facts,
        "statement_url": absolute_url(statement.page_url(event)),
        "target_url": absolute_url(facts.target_url),
        "guidelines_url": absolute_url(facts.guidelines_url),
        "link_days": conf.get("NEWSROOM_COMMENTS_STATEMENT_LINK_MAX_AGE") // 86_400,
    }
    message = _message("statement_of_reasons", context, to=[comment.user_email])
    if facts.review_email:
        message.reply_to = [facts.review_email]
    return [message]


def ban_statement_messages(rule):
    """The statement of reasons about ``rule``, a ban, to the address it names: one mail, none for a domain or range.

    Like :func:`statement_messages` it greets nobody by name and quotes nothing a
    commenter wrote; replies go to the review address.
    """
    facts = statement.for_ban(rule)
    if not facts.email:
        return []
    context = {"statement": facts, "guidelines_url": absolute_url(facts.guidelines_url)}
    message = _message("ban_statement", context, to=[facts.email])
    if facts.review_email:
        message.reply_to = [facts.review_email]
    return [message]


def mute_url(comment):
    """The "stop these e-mails" link for ``comment``'s writer: no more follow-up mail on that article.

    It carries only the comment's id, signed as JSON (:mod:`comments.links`),
    never the comment: no address or IP address ends up in a URL.
    """
    return reverse("comments-xtd-mute", args=[links.mute_key(comment)])


def mute_followups(comment):
    """Stop follow-up mail to ``comment``'s address about its article (what the mute link does).

    Every comment of that address on the article stops asking for replies, as
    django-comments-xtd's mute did, held ones too (they may be approved
    later). ``followup`` is never shown to readers, so no cached page changes.
    """
    return (
        Comment.objects.by_email(comment.user_email)
        .filter(content_type_id=comment.content_type_id, object_pk=comment.object_pk, followup=True)
        .update(followup=False)
    )


def _target(comment):
    """What mail says of the object commented on: ``target``, its ``target_title`` and ``target_name`` ("article")."""
    target = comment.content_object
    return {
        "target": target,
        "target_title": targets.title_of(target),
        "target_name": target._meta.verbose_name if target is not None else "",
    }


def _links(comment):
    return {
        "comment_url": absolute_url(comment.get_absolute_url()),
        "review_url": absolute_url(_admin_url("admin:newsroom_comments_comment_change", comment.pk)),
    }


def _admin_url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # a site without the admin
        return ""


def absolute_url(path):
    """``path`` on the site's public address (``NEWSROOM_COMMENTS_SITE_URL``, else the public origin), for mail."""
    if not path or "://" in path:
        return path
    base = conf.get("NEWSROOM_COMMENTS_SITE_URL") or public_origin()
    return base.rstrip("/") + path


def _message(name, context, *, to):
    context = {"site_name": _site_name(), **context}
    subject = render_to_string(f"{MAIL_TEMPLATES}{name}_subject.txt", context)
    body = render_to_string(f"{MAIL_TEMPLATES}{name}.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=to)


def _site_name():
    return getattr(settings, "NEWSROOM_SITE_NAME", "") or Site.objects.get_current().name
