"""Who hears about a step of an article's review, what they are sent, and the task that sends it.

:mod:`articles.review` queues ``send_review_mail`` after a step is
committed; the task worker (django-tasks, ``manage.py db_worker``) sends it,
so nobody waits for a mail server and a failing one changes nothing:

- submitted for review → the desk: ``NEWSROOM_REVIEW_NOTIFY`` if set, else
  every active user who may publish articles and has an address;
- sent back or approved → the article's writers (its creator and the
  accounts of its bylined authors) who have an address.

Nobody is mailed about their own step. The mail links to the article's admin
page on the site's public address (``articles.origin``); the note is in
the mail, since the recipients are staff who could read it there anyway.
"""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django_tasks import task

from articles import conf, mailing, roles
from articles.models import ReviewNote
from articles.origin import public_url

MAIL_TEMPLATES = "articles/mail/"


@task()
def send_review_mail(note_id):
    """Send the mail for one step of a review, if the step still stands; returns how many mails went."""
    note = ReviewNote.objects.select_related("article", "author__author_profile").filter(pk=note_id).first()
    if note is None or not _still_stands(note):
        return 0
    return mailing.send_each(messages(note), what="review")


def messages(note):
    """The mails ``note`` (a submission or a decision) calls for, one per recipient."""
    if note.kind == ReviewNote.Kind.SUBMITTED:
        recipients = desk_emails()
    elif note.kind in ReviewNote.DECISIONS:
        recipients = writer_emails(note.article)
    else:
        return []
    own = (note.author.email if note.author else "").lower()
    context = {
        "note": note,
        "article": note.article,
        "by": roles.staff_name(note.author),
        "site_name": conf.get("NEWSROOM_SITE_NAME"),
        "admin_url": _admin_url(note.article),
    }
    subject = " ".join(render_to_string(f"{MAIL_TEMPLATES}review_{note.kind}_subject.txt", context).split())
    body = render_to_string(f"{MAIL_TEMPLATES}review_{note.kind}.txt", context)
    return [EmailMessage(subject=subject, body=body, to=[email]) for email in recipients if email.lower() != own]


def desk_emails():
    """``NEWSROOM_REVIEW_NOTIFY``, or every active user who may publish articles and has an address."""
    configured = conf.get("NEWSROOM_REVIEW_NOTIFY")
    if configured is not None:
        return sorted(set(configured))
    return roles.emails_of_holders("newsroom_articles.publish_article")


def writer_emails(article):
    """The addresses of ``article``'s creator and of its bylined authors' accounts, active ones only."""
    users = get_user_model().objects.filter(
        Q(pk=article.created_by_id) | Q(author_profile__bylines__article=article), is_active=True
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def _still_stands(note):
    """A submission mails only while the article is still in review; a decision whatever happened since."""
    return note.kind != ReviewNote.Kind.SUBMITTED or note.article.status == note.article.Status.REVIEW


def _admin_url(article):
    try:
        return public_url(reverse("admin:newsroom_articles_article_change", args=[article.pk]))
    except NoReverseMatch:  # a site without the admin
        return ""
