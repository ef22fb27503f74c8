"""The spam filter's tables now belong to its own app (``newsroom_spam``, ``comments/spam``).

Only Django's record of the models moves: the tables stay as they are (the
filter's models name them with ``db_table``), and ``newsroom_spam``'s first
migration takes them over. Nothing in the database changes.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0007_rehash_comment_text"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="learnedlabel",
                    name="comment",
                ),
                migrations.DeleteModel(
                    name="SpamClassifierTotals",
                ),
                migrations.DeleteModel(
                    name="SpamMemory",
                ),
                migrations.DeleteModel(
                    name="SpamToken",
                ),
                migrations.DeleteModel(
                    name="LearnedLabel",
                ),
            ],
            database_operations=[],
        ),
    ]
