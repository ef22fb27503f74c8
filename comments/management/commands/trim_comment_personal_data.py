"""Shorten old IP addresses and drop user agents and referrers; run it daily from cron."""

from django.core.management.base import BaseCommand

from comments import privacy, tasks


class Command(BaseCommand):
    help = (
        "Truncate IP addresses and drop user agents, referrers and Akismet records of comments whose final "
        "decision is older than NEWSROOM_COMMENTS_KEEP_IP_DAYS. Schedule daily, e.g. "
        "'15 3 * * * manage.py trim_comment_personal_data'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the work to the task worker instead of doing it now."
        )

    def handle(self, *args, enqueue, **options):
        if enqueue:
            result = tasks.trim_comment_personal_data.enqueue()
            self.stdout.write(f"Enqueued as task {result.id}.")
            return
        self.stdout.write(f"{privacy.trim_personal_data()} comment(s) trimmed.")
