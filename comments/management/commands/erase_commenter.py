"""Anonymise or delete one commenter's comments (an erasure request)."""

from django.core.management.base import BaseCommand

from comments import privacy


class Command(BaseCommand):
    help = (
        "Erase a commenter's personal data. anonymise: keep the text, clear name, e-mail, website, "
        "browser details, shorten the IP. delete: remove the comments (one others replied to is "
        "emptied and trashed instead)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The commenter's e-mail address (any case).")
        parser.add_argument("--mode", required=True, choices=privacy.ERASE_MODES)

    def handle(self, *args, email, mode, **options):
        counts = privacy.erase_for_email(email, mode=mode, by_label="erase_commenter command")
        self.stdout.write(f"{email}: {counts['anonymised']} anonymised, {counts['deleted']} deleted.")
