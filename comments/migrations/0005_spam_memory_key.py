from django.db import migrations, models


def forget_memory(apps, schema_editor):
    # Derived data (manage.py train_spam_classifier rebuilds it); cleared so the unique key can be added.
    apps.get_model("comments", "SpamMemory").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0004_moderation"),
    ]

    operations = [
        migrations.RunPython(forget_memory, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="spammemory", name="spam_memory_once"),
        migrations.RemoveField(model_name="spammemory", name="kind"),
        migrations.RemoveField(model_name="spammemory", name="value"),
        migrations.AddField(
            model_name="spammemory",
            name="key",
            field=models.CharField(default="", max_length=270, unique=True),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="learnedlabel",
            name="memory",
            field=models.JSONField(default=list, help_text="SpamMemory keys counted for this comment."),
        ),
    ]
