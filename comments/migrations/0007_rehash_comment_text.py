"""Recompute every comment's ``text_hash`` with the fingerprint that ignores punctuation.

Duplicate detection and the spam filter's "same text on other articles"
check now fold punctuation and symbols ("Great article." and "Great
article!" are one text). Rows saved before keep the old fingerprint until
rewritten here, in batches so a large archive is not read into memory.
"""

from django.db import migrations

from comments.spam.normalise import text_hash

BATCH = 2000


def rehash(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    changed = []
    for comment in Comment.objects.only("pk", "comment", "text_hash").order_by("pk").iterator(chunk_size=BATCH):
        fingerprint = text_hash(comment.comment)
        if fingerprint != comment.text_hash:
            comment.text_hash = fingerprint
            changed.append(comment)
        if len(changed) >= BATCH:
            Comment.objects.bulk_update(changed, ["text_hash"])
            changed = []
    if changed:
        Comment.objects.bulk_update(changed, ["text_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0006_report_reasons"),
    ]

    operations = [
        migrations.RunPython(rehash, migrations.RunPython.noop, elidable=True),
    ]
