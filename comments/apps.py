from django.apps import AppConfig
from django.db.models.signals import pre_save


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from comments import status, system_checks, tasks, visible  # noqa: F401  (checks registers the system checks)
        from comments.spam import learning

        # What follows a committed status change: readers' cached pages purged (and after
        # deletions), mail queued, and the spam filter taught by people's decisions.
        visible.connect()
        status.comment_status_changed.connect(tasks.mail_about_status_change, dispatch_uid="comments_mail")
        status.comment_status_changed.connect(learning.learn_from_status_change, dispatch_uid="comments_spam_learning")
        _stop_xtd_copying_visibility_to_replies()


def _stop_xtd_copying_visibility_to_replies():
    """xtd copies a parent's ``is_public`` onto its replies on every save.

    That would publish a held reply when its approved parent is saved again.
    Here ``status`` alone decides visibility, so the handler is disconnected
    for our model.
    """
    from django_comments_xtd.models import publish_or_unpublish_on_pre_save

    from comments.models import Comment

    pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=Comment)
