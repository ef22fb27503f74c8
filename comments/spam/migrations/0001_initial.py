"""The spam filter's tables, taken over from the comments app (which made them): state only.

On a new database the comments app's migrations create the tables; on an
existing one they are already there. Either way nothing is created here.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('comments', '0008_spam_filter_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SpamClassifierTotals',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('spam_count', models.PositiveIntegerField(default=0)),
                        ('ham_count', models.PositiveIntegerField(default=0)),
                        ('spam_tokens', models.PositiveBigIntegerField(default=0)),
                        ('ham_tokens', models.PositiveBigIntegerField(default=0)),
                    ],
                    options={
                        'verbose_name': 'spam filter totals',
                        'verbose_name_plural': 'spam filter totals',
                        'db_table': 'comments_spamclassifiertotals',
                    },
                ),
                migrations.CreateModel(
                    name='SpamMemory',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=270, unique=True)),
                        ('spam_count', models.PositiveIntegerField(default=0)),
                        ('ham_count', models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        'verbose_name': 'spam filter memory',
                        'verbose_name_plural': 'spam filter memory',
                        'db_table': 'comments_spammemory',
                    },
                ),
                migrations.CreateModel(
                    name='SpamToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(max_length=100, unique=True)),
                        ('spam_count', models.PositiveIntegerField(default=0)),
                        ('ham_count', models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        'verbose_name': 'spam filter token',
                        'db_table': 'comments_spamtoken',
                    },
                ),
                migrations.CreateModel(
                    name='LearnedLabel',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('label', models.CharField(choices=[('spam', 'spam'), ('ham', 'ham')], max_length=4)),
                        ('tokens', models.JSONField(default=list)),
                        ('memory', models.JSONField(default=list, help_text='SpamMemory keys counted for this comment.')),
                        ('learned_at', models.DateTimeField(auto_now=True)),
                        ('comment', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='learned_label', to='comments.comment')),
                    ],
                    options={
                        'verbose_name': 'learned spam decision',
                        'db_table': 'comments_learnedlabel',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
