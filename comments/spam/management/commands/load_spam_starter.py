"""Give a new site's spam classifier a start: examples written for this project, learned with a low weight::

    manage.py load_spam_starter                 # each example counts as an imported one (0.3 of a decision)
    manage.py load_spam_starter --weight 0.1

The examples (``comments/spam/starter/starter.csv``, shipped with the app)
are short comments in the two kinds a news site gets: article-site spam
(helpline and booking lines, praise with a link, promotions, keyword chains)
and readers' comments on local news, some with a phone number, a company's
name or a source link. Nobody's real comments: the project wrote them. They
teach the words of the genre before moderators have decided anything; each
counts ``classifier.IMPORTED_WEIGHT`` of a moderator's decision (or
``--weight``), so the site's own decisions soon outweigh them. Run it once,
on a new site.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from comments.spam import classifier
from comments.spam.corpus import read_labelled_csv

STARTER = Path(__file__).resolve().parents[2] / "starter" / "starter.csv"


def starter_examples():
    """``[(text, label), ...]``: the starter's examples, labelled ``classifier.SPAM`` or ``classifier.HAM``."""
    rows = read_labelled_csv(STARTER)  # TubeSpam's columns: CONTENT, and CLASS 1 for spam
    return [(text, classifier.SPAM if is_spam else classifier.HAM) for text, is_spam in rows]


class Command(BaseCommand):
    help = "Teach the spam classifier the starter examples shipped with the app (run once, on a new site)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--weight",
            type=float,
            default=classifier.IMPORTED_WEIGHT,
            help=f"What each example counts beside a moderator's decision (default {classifier.IMPORTED_WEIGHT}).",
        )

    def handle(self, *args, **options):
        if not 0 < options["weight"] <= 1:
            raise CommandError("--weight is a share of a moderator's decision: more than 0, at most 1.")
        spam, ham = classifier.learn_many(starter_examples(), weight=options["weight"])
        self.stdout.write(
            f"Learned the starter: {spam} spam and {ham} ham examples, each weighing {options['weight']:g}."
        )
