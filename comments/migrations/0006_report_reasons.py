"""Reports with reasons, readers keyed also by address and network, and what reports did to a comment.

Reports made before reasons existed keep their free text as ``details``
with the reason "other".
"""

from django.db import migrations, models

REASONS = [
    ("spam", "Spam or advertising"),
    ("abuse", "Abuse or harassment"),
    ("off_topic", "Off-topic"),
    ("misinformation", "Misinformation"),
    ("other", "Something else"),
]


def reasons_to_details(apps, schema_editor):
    CommentReport = apps.get_model("comments", "CommentReport")
    for report in CommentReport.objects.exclude(reason__in=[value for value, _label in REASONS]).iterator():
        report.details = report.reason[:200]
        report.reason = "other"
        report.save(update_fields=["details", "reason"])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_spam_memory_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="held_by_reports_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="comment",
            name="reports_reviewed_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When a moderator last kept it despite readers' reports; earlier reports are closed.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="commentreaction",
            name="address_key",
            field=models.CharField(blank=True, help_text="A hash of the address; no raw IP.", max_length=64),
        ),
        migrations.AddField(
            model_name="commentreaction",
            name="network_key",
            field=models.CharField(blank=True, help_text="A hash of the network; no raw IP.", max_length=64),
        ),
        migrations.AddField(
            model_name="commentreport",
            name="address_key",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="commentreport",
            name="network_key",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="commentreport",
            name="details",
            field=models.CharField(
                blank=True, help_text="The reader's own words (required for other).", max_length=200
            ),
        ),
        migrations.RunPython(reasons_to_details, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="commentreport",
            name="reason",
            field=models.CharField(choices=REASONS, default="other", max_length=20),
        ),
        migrations.AddIndex(
            model_name="commentreaction",
            index=models.Index(fields=["comment", "network_key"], name="reaction_network_idx"),
        ),
        migrations.AddIndex(
            model_name="commentreport",
            index=models.Index(fields=["comment", "created_at"], name="report_comment_created_idx"),
        ),
    ]
