"""Bootstrap the spam classifier from labelled CSV files::

    manage.py import_spam_corpus tubespam/*.csv \\
        --text-column CONTENT --label-column CLASS --spam-value 1

Only the text column is learned. Texts that normalise to the same thing are
learned once, so a spam run pasted a hundred times does not drown the rest.
What is imported is not tied to comments: ``train_spam_classifier`` keeps it
unless given ``--reset``.
"""

from django.core.management.base import BaseCommand

from comments.spam.corpus import import_examples, read_labelled_csv


class Command(BaseCommand):
    help = "Teach the spam classifier from labelled CSV files (text and label columns only)."

    def add_arguments(self, parser):
        parser.add_argument("csv", nargs="+", help="CSV files with a header row.")
        parser.add_argument("--text-column", default="CONTENT")
        parser.add_argument("--label-column", default="CLASS")
        parser.add_argument("--spam-value", default="1", help="The label value that means spam (others: ham).")
        parser.add_argument("--keep-duplicates", action="store_true", help="Learn repeated texts every time.")

    def handle(self, *args, **options):
        rows = [
            row
            for path in options["csv"]
            for row in read_labelled_csv(
                path,
                text_column=options["text_column"],
                label_column=options["label_column"],
                spam_value=options["spam_value"],
            )
        ]
        spam, ham, skipped = import_examples(rows, keep_duplicates=options["keep_duplicates"])
        self.stdout.write(f"Learned {spam} spam and {ham} ham texts ({skipped} repeated texts skipped).")
