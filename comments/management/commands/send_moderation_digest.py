"""Mail moderators one summary of the comments waiting for review; run it from cron."""

from django.core.management.base import BaseCommand

from comments import tasks


class Command(BaseCommand):
    help = (
        "Mail each moderator a digest of the comments awaiting review (nothing when the queue is empty). "
        "For sites with NEWSROOM_COMMENTS_MODERATION_DIGEST = True; schedule e.g. '0 8,17 * * *'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the work to the task worker instead of sending now."
        )

    def handle(self, *args, enqueue, **options):
        if enqueue:
            result = tasks.send_moderation_digest.enqueue()
            self.stdout.write(f"Enqueued as task {result.id}.")
            return
        sent = tasks.send_moderation_digest.call()
        self.stdout.write(f"{sent} digest(s) sent.")
