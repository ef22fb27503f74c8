"""Labelled comment collections in CSV files, for bootstrapping and measuring the filter.

Only the text and the label are read; other columns (authors, dates, ids)
are ignored on purpose, so nothing but the words can be learned::

    rows = read_labelled_csv(path, text_column="CONTENT", label_column="CLASS", spam_value="1")
    # [("Check out my channel", True), ("Love this song", False), ...]
"""

import csv

from django.core.management.base import CommandError


def read_labelled_csv(path, *, text_column="CONTENT", label_column="CLASS", spam_value="1"):
    """``[(text, is_spam), ...]`` from a CSV file with a header row; ``CommandError`` if it cannot be read."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {text_column, label_column} - set(reader.fieldnames or [])
            if missing:
                raise CommandError(
                    f"{path} has no column {', '.join(sorted(missing))}; its columns are "
                    f"{', '.join(reader.fieldnames or [])}. Use --text-column / --label-column."
                )
            return [
                (row[text_column] or "", (row[label_column] or "").strip() == str(spam_value))
                for row in reader
                if (row[text_column] or "").strip()
            ]
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise CommandError(f"{path} is not a UTF-8 CSV file: {error}.") from error
