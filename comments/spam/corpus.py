"""Labelled comment collections in CSV files, for bootstrapping and measuring the filter.

Only the text and the label are read; other columns (authors, dates, ids)
are ignored on purpose, so nothing but the words can be learned::

    rows = read_labelled_csv(path, text_column="CONTENT", label_column="CLASS", spam_value="1")
    # [("Check out my channel", True), ("Love this song", False), ...]

A benchmark that plays comments through the whole filter may read more of
a row, by naming the columns: what the comment is on, the name and the
website its writer gave (:func:`read_labelled_comments`). :func:`import_examples`
teaches the classifier a collection as ``import_spam_corpus`` does.
"""

import csv
from dataclasses import dataclass

from django.core.management.base import CommandError

from comments.spam import classifier
from comments.spam.normalise import text_hash


@dataclass(frozen=True)
class LabelledComment:
    """One labelled row: the text, whether it is spam, and what else the file says about it ("" if nothing)."""

    text: str
    is_spam: bool
    article: str = ""
    author: str = ""
    url: str = ""


def read_labelled_csv(path, *, text_column="CONTENT", label_column="CLASS", spam_value="1"):
    """``[(text, is_spam), ...]`` from a CSV file with a header row; ``CommandError`` if it cannot be read."""
    rows = read_labelled_comments(path, text_column=text_column, label_column=label_column, spam_value=spam_value)
    return [(row.text, row.is_spam) for row in rows]


def read_labelled_comments(
    path,
    *,
    text_column="CONTENT",
    label_column="CLASS",
    spam_value="1",
    article_column="",
    author_column="",
    url_column="",
):
    """``[LabelledComment, ...]`` from a CSV file with a header row; ``CommandError`` if it cannot be read.

    The text and label columns must exist. The article, author and URL
    columns are read where the file has them (a file without one gives ""),
    and not at all when not named.
    """
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            missing = {text_column, label_column} - set(columns)
            if missing:
                raise CommandError(
                    f"{path} has no column {', '.join(sorted(missing))}; its columns are "
                    f"{', '.join(columns)}. Use --text-column / --label-column."
                )

            def cell(row, column):
                return (row.get(column) or "") if column else ""

            return [
                LabelledComment(
                    text=row[text_column] or "",
                    is_spam=(row[label_column] or "").strip() == str(spam_value),
                    article=cell(row, article_column).strip(),
                    author=cell(row, author_column).strip(),
                    url=cell(row, url_column).strip(),
                )
                for row in reader
                if (row[text_column] or "").strip()
            ]
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise CommandError(f"{path} is not a UTF-8 CSV file: {error}.") from error


def import_examples(rows, *, keep_duplicates=False):
    """Learn ``(text, is_spam)`` rows (or objects with ``text`` and ``is_spam``) as an imported corpus.

    Texts that normalise to the same thing are learned once unless
    ``keep_duplicates``. Returns ``(spam, ham, skipped)``.
    """
    seen = set()
    examples = []
    skipped = 0
    for row in rows:
        text, is_spam = (row.text, row.is_spam) if hasattr(row, "text") else row
        fingerprint = text_hash(text)
        if fingerprint in seen and not keep_duplicates:
            skipped += 1
            continue
        seen.add(fingerprint)
        examples.append((text, classifier.SPAM if is_spam else classifier.HAM))
    spam, ham = classifier.learn_many(examples)
    return spam, ham, skipped
