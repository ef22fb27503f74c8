"""Retrain the spam filter from every comment a person has approved or marked as spam::

    manage.py train_spam_classifier            # keeps what import_spam_corpus taught
    manage.py train_spam_classifier --reset    # forgets that too

Use it after changing how text is tokenised, or to rebuild the filter's
memory (trusted commenters, spammers' addresses and domains) from history.
Only people's decisions count: a comment the filter published itself, with
nobody approving it, teaches nothing (the filter would only learn what it
already thinks). Nothing is reported to Akismet.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Exists, OuterRef

from comments.models import Comment, CommentEvent
from comments.spam import classifier, learning
from comments.spam.learning import learn_from_decision


def moderated_comments():
    """Approved and spam comments whose current status a person decided."""
    decided_by_person = CommentEvent.objects.filter(
        comment=OuterRef("pk"), to_status=OuterRef("status"), actor__isnull=False
    )
    return (
        Comment.objects.filter(status__in=[Comment.Status.APPROVED, Comment.Status.SPAM])
        .filter(Exists(decided_by_person))
        .order_by("pk")
    )


class Command(BaseCommand):
    help = "Retrain the spam filter from the full history of moderators' decisions."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Also forget what import_spam_corpus taught.")

    def handle(self, *args, **options):
        learned = {classifier.SPAM: 0, classifier.HAM: 0}
        with transaction.atomic():
            if options["reset"]:
                classifier.reset()
            else:
                learning.reset_learned_from_comments()
            for comment in moderated_comments().iterator(chunk_size=500):
                label = learn_from_decision(comment, from_status="", to_status=comment.status, report=False)
                learned[label] += 1
        self.stdout.write(
            f"Learned {learned[classifier.SPAM]} spam and {learned[classifier.HAM]} approved comments"
            " decided by moderators."
        )
