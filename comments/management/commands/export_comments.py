"""Print, as JSON, everything stored about one commenter (a data access request)."""

import json

from django.core.management.base import BaseCommand

from comments import privacy


class Command(BaseCommand):
    help = "Print as JSON every comment, history line, like and report held for an e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The commenter's e-mail address (any case).")

    def handle(self, *args, email, **options):
        data = privacy.export_for_email(email)
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        self.stderr.write(f"{len(data['comments'])} comment(s) for {email}.")
