"""Retrain the spam filter from every comment a person has approved or marked as spam::

    manage.py train_spam_classifier              # goes on from what it has learned
    manage.py train_spam_classifier --reset      # starts from nothing
    manage.py train_spam_classifier --epochs 10

Moderators' decisions teach the classifier one at a time, as they come.
This goes over all of them at once, several times in a shuffled order (full
batch), which fits the whole history better; run it after a large import,
after changing how text is read, or now and then on a busy site. It also
rebuilds the filter's memory (trusted commenters, spammers' addresses and
domains) and the calibrated spam threshold from history.

Without ``--reset`` the classifier's weights are the starting point, so what
``import_spam_corpus`` and ``load_spam_starter`` taught stays in them; with
``--reset`` everything learned is forgotten first. Only people's decisions
count: a comment the filter published itself, with nobody approving it,
teaches nothing (the filter would only learn what it already thinks).
Nothing is reported to Akismet.
"""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Exists, OuterRef

from comments.models import Comment, CommentEvent
from comments.spam import calibration, classifier, learning, memory
from comments.spam.models import LearnedLabel

EPOCHS = 5
# Comments learned per read and write of the weights: bounds the memory a pass takes.
CHUNK = 1000


def moderated_comments():
    """Approved and spam comments whose current status a person decided."""
    decided_by_person = CommentEvent.objects.filter(
        comment=OuterRef("pk"), to_status=OuterRef("status"), actor__isnull=False, action=CommentEvent.Action.STATUS
    )  # featuring leaves the status as the filter set it: not a decision about spam
    return (
        Comment.objects.filter(status__in=[Comment.Status.APPROVED, Comment.Status.SPAM])
        .filter(Exists(decided_by_person))
        .order_by("pk")
    )


class Command(BaseCommand):
    help = "Retrain the spam filter from the full history of moderators' decisions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Start from nothing: also forget what imported corpora taught."
        )
        parser.add_argument("--epochs", type=int, default=EPOCHS, help=f"Passes over the decisions (default {EPOCHS}).")

    def handle(self, *args, **options):
        if options["epochs"] < 1:
            raise CommandError("--epochs must be 1 or more.")
        learned = {classifier.SPAM: 0, classifier.HAM: 0}
        with transaction.atomic():
            if options["reset"]:
                classifier.reset()
            else:
                learning.reset_learned_from_comments()
            decided = []
            for comment in moderated_comments().iterator(chunk_size=500):
                label = learning.LABEL_FOR_STATUS[comment.status]
                keys = learning.memory_keys(comment)
                memory.remember(keys, label=label)
                LearnedLabel.objects.create(comment=comment, label=label, memory=keys, score=comment.spam_score)
                decided.append(comment.pk)
                learned[label] += 1
            order = random.Random(0)
            before = learning.checks_before_classifier()
            for epoch in range(options["epochs"]):
                order.shuffle(decided)
                for start in range(0, len(decided), CHUNK):
                    chunk = Comment.objects.filter(pk__in=decided[start : start + CHUNK])
                    examples = [
                        (
                            learning.features_of(text=text, name=name, url=url, reasons=reasons, before=before),
                            learning.LABEL_FOR_STATUS[status],
                            1.0,
                        )
                        for text, name, url, reasons, status in chunk.values_list(
                            "comment", "user_name", "user_url", "spam_reasons", "status"
                        )
                    ]
                    # Learned online already, the decisions are counted once: in the first pass after a reset.
                    classifier.train(examples, seed=start, count=options["reset"] and epoch == 0)
            calibration.recalibrate()
        self.stdout.write(
            f"Learned {learned[classifier.SPAM]} spam and {learned[classifier.HAM]} approved comments"
            f" decided by moderators, {options['epochs']} passes."
        )
