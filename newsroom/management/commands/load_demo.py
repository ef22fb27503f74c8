"""``manage.py load_demo``: fill the site with The Daily Ledger, an invented newsroom.

Safe to run on every start (``make run`` does): a second run creates
nothing, keeps editors' changes to demo rows, and only moves the demo's
dates forward when the clock has moved on.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles import pagecache
from articles.models import Article, Author, Category
from newsroom.demo import loading


class Command(BaseCommand):
    help = "Load the demo newsroom (sections, authors, articles, comments). Safe to run repeatedly."

    def add_arguments(self, parser):
        parser.add_argument("--no-comments", action="store_true", help="Do not add demo reader comments.")
        parser.add_argument(
            "--domain",
            help="The host and port the site is served at (make run: 127.0.0.1:$PORT); feeds, sitemaps and mail "
            "link there.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Put the demo text, dates, bylines, tags and picks back on demo rows that editors have changed.",
        )

    def handle(self, *args, no_comments=False, overwrite=False, domain=None, **options):
        try:
            loading.check_references()
        except ValueError as error:
            raise CommandError(str(error)) from error
        now = timezone.now()
        with transaction.atomic():
            site, moved = loading.ensure_site(domain)
            outcome = loading.Outcome(shifted_by=loading.refresh_dates(now=now))
            loading.load_newsroom(now=now, overwrite=overwrite, outcome=outcome)
            if not no_comments:
                loading.load_conversations(now=now, site=site, outcome=outcome)
            if outcome.created or outcome.shifted_by or moved:
                # Bulk date moves, new comments and a new address send no model signals of their own.
                pagecache.purge_on_commit()
        self.stdout.write(self.summary(outcome))

    def summary(self, outcome):
        articles = Article.objects.all()
        published = articles.published().count()
        scheduled = articles.scheduled().count()
        drafts = articles.filter(status=Article.Status.DRAFT).count()
        review = articles.filter(status=Article.Status.REVIEW).count()
        top_level = Category.objects.top_level().count()
        line = (
            f"Demo newsroom: {top_level} sections, {Category.objects.count() - top_level} subsections, "
            f"{Author.objects.count()} authors, {articles.count()} articles ({published} published, "
            f"{scheduled} scheduled, {drafts} drafts, {review} in review)."
        )
        if outcome.created:
            line += " Created " + ", ".join(f"{n} {label}" for label, n in outcome.created.items()) + "."
        elif not outcome.rewritten:
            line += " Nothing new to add."
        if outcome.rewritten:
            line += f" Put the demo text back on {outcome.rewritten} articles."
        if outcome.shifted_by:
            line += f" Moved demo dates forward by {outcome.shifted_by}."
        return line
