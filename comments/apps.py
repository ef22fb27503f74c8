from django.apps import AppConfig
from django.db.models.signals import pre_save


class CommentsConfig(AppConfig):
    name = "comments"
    label = "newsroom_comments"
    verbose_name = "Comments"
    default_auto_field = "django.db.models.BigAutoField"

    #: What ``manage.py setup_roles`` grants (see :mod:`articles.roles`).
    newsroom_roles = {
        "Moderators": {
            "newsroom_comments.comment": ("view", "change", "moderate_comment"),
            "newsroom_comments.commentevent": ("view",),
            "newsroom_comments.commentreport": ("view",),
            # The site-wide list of commenter rules (comments.admin_rules); acting is done on a record page.
            "newsroom_comments.commenterrule": ("view",),
            "newsroom_comments.announcement": ("view", "add", "change", "delete"),
        },
        "Editors": {
            "newsroom_comments.announcement": ("view", "add", "change", "delete"),
        },
    }

    def ready(self):
        from comments import (  # noqa: F401  (checks registers the system checks)
            announcements,
            section_rendering,
            status,
            system_checks,
            tasks,
            visible,
        )

        # What follows a committed status change: readers' cached pages purged (and after
        # deletions) and mail queued. (People's decisions teach the spam filter inside
        # the decision's transaction: comments.status.change_status calls it.)
        visible.connect()
        announcements.connect()
        section_rendering.connect()  # forget its translated words when translations change
        status.comment_status_changed.connect(tasks.mail_about_status_change, dispatch_uid="comments_mail")
        _stop_xtd_copying_visibility_to_replies()
        # Readers comment on published articles; a site registers its own models in its apps' ready()
        # (or unregisters articles there, its app listed after this one).
        from articles.models import Article
        from comments import prompts, targets

        targets.register(Article, prompts.ArticleComments)
        # The article page shows the reader prompt and the comment section with no template of the site's,
        # and the reader and trust cookies (which change nothing on a page) do not bypass the page cache.
        from articles import page_parts, pagecache

        page_parts.add("head", "comments/newsroom/article_feeds.html")
        page_parts.add("after_body", "comments/newsroom/article_prompt.html")
        page_parts.add("comments", "comments/newsroom/article_comments.html")
        pagecache.allow_cookies(_page_neutral_cookies)


def _page_neutral_cookies():
    from comments import conf

    return [conf.get("NEWSROOM_COMMENTS_READER_COOKIE"), conf.get("NEWSROOM_COMMENTS_TRUST_COOKIE")]


def _stop_xtd_copying_visibility_to_replies():
    """xtd copies a parent's ``is_public`` onto its replies on every save.

    That would publish a held reply when its approved parent is saved again.
    Here ``status`` alone decides visibility, so the handler is disconnected
    for our model.
    """
    from django_comments_xtd.models import publish_or_unpublish_on_pre_save

    from comments.models import Comment

    pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=Comment)
