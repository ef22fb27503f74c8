"""Who may do what with articles, in permission terms the admin asks about.

``manage.py setup_roles`` creates three groups (and gives an existing group
of that name any permission it lacks; it never takes one away). Each app
declares what it grants in its ``AppConfig.newsroom_roles``; a site's own
app may declare more the same way:

**Editors**
    Everything on articles, authors, sections and tags, including
    ``newsroom_articles.publish_article``.
**Writers**
    Add, change and view articles; view authors, sections and tags. They
    see only their own articles and edit them while they are drafts or in
    review, moving them between the two. Whether and when readers see an
    article is the desk's decision: a writer can neither publish nor set the
    publish time, and once an article is approved (published, or scheduled
    for later) it is read-only for them, bylines and picks included. Pickers
    offer them their own articles and what readers can already see, nothing
    of a colleague's unpublished work.
**Moderators**
    No article permissions at all; the comments app grants theirs.

The rules below go by permission, not by group name, so a site can build
its own groups: whoever holds ``newsroom_articles.publish_article`` is a desk editor
who sees every article; anyone else sees only their own.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from articles.models import Article, Byline

EDITORS = "Editors"
WRITERS = "Writers"
MODERATORS = "Moderators"

DEFAULT_ACTIONS = frozenset({"add", "change", "delete", "view"})


def declared_roles():
    """``{group: {(app label, model): {codename}}}`` from every installed app's ``newsroom_roles``."""
    roles = {}
    for config in apps.get_app_configs():
        for group, grants in getattr(config, "newsroom_roles", {}).items():
            models = roles.setdefault(group, {})
            for label, actions in grants.items():
                app_label, model = label.lower().split(".")
                models.setdefault((app_label, model), set()).update(
                    f"{action}_{model}" if action in DEFAULT_ACTIONS else action for action in actions
                )
    return roles


@transaction.atomic
def setup_roles():
    """Create the declared groups and give them their permissions; ``{group: [permissions added]}``.

    Idempotent: permissions a group holds already, and any a site added, are
    left as they are. A declared permission that does not exist is an error
    (a model not installed, or a misspelt codename).
    """
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0)  # what migrate does after its last migration
    added = {}
    for name, models in declared_roles().items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = {(app_label, codename) for (app_label, _model), codenames in models.items() for codename in codenames}
        found = {
            (p.content_type.app_label, p.codename): p
            for p in Permission.objects.filter(
                content_type__app_label__in={app_label for app_label, _ in wanted}, codename__in={c for _, c in wanted}
            ).select_related("content_type")
        }
        missing = sorted(wanted - found.keys())
        if missing:
            raise LookupError(f"{name}: no such permissions: " + ", ".join(f"{a}.{c}" for a, c in missing))
        held = set(group.permissions.values_list("pk", flat=True))
        new = sorted(
            (p for p in found.values() if p.pk not in held), key=lambda p: (p.content_type.app_label, p.codename)
        )
        group.permissions.add(*new)
        added[name] = [f"{p.content_type.app_label}.{p.codename}" for p in new]
    return added


#: Statuses someone who may not publish can choose.
UNPUBLISHED_STATUSES = [Article.Status.DRAFT, Article.Status.REVIEW]


def can_publish(user):
    """May publish, unpublish and edit everyone's articles."""
    return user.has_perm("newsroom_articles.publish_article")


def own_articles(user):
    """A filter for the articles ``user`` created or is bylined on."""
    bylined = Byline.objects.filter(author__user=user).values("article_id")
    return Q(created_by=user) | Q(pk__in=bylined)


def articles_for(user, queryset):
    """The part of ``queryset`` that ``user`` may work on."""
    if can_publish(user):
        return queryset
    return queryset.filter(own_articles(user))


def visible_articles(user, queryset):
    """The part of ``queryset`` whose headlines ``user`` may read: what pickers and filters may offer or name.

    A desk editor sees every article; anyone else their own plus what readers
    can already see, so a typed-in id cannot turn a colleague's draft or a
    scheduled scoop into a label.
    """
    if can_publish(user):
        return queryset
    return queryset.filter(own_articles(user)) | queryset.published()


def is_own(user, article):
    """Whether ``user`` created ``article`` or is bylined on it."""
    return article.created_by_id == user.pk or Byline.objects.filter(article=article, author__user=user).exists()


def may_view(user, article):
    """Whether ``user`` may open ``article`` in the admin (the model permission is checked separately)."""
    return can_publish(user) or is_own(user, article)


def may_edit(user, article):
    """Whether ``user`` may change ``article`` (the model permission is checked separately).

    A writer's own article is theirs to change until the desk approves it:
    once published or scheduled, a new headline or time would reach readers
    (or pull the article) without an editor, so it is read-only for them.
    """
    if can_publish(user):
        return True
    return article.status in UNPUBLISHED_STATUSES and is_own(user, article)


def staff_name(user):
    """How staff are named to each other (review notes, their mail): byline name, else full name, never the login.

    Writers see colleagues by name, not by login name (half of what a password
    guesser needs). Reads ``user.author_profile``: select it with the user.
    """
    if user is None:
        return gettext("a former colleague")
    profile = getattr(user, "author_profile", None)
    if profile is not None:
        return profile.name
    return user.get_full_name() or gettext("a colleague")


def emails_of_holders(permission):
    """The addresses of every active user who holds ``permission`` (``"app_label.codename"``), superusers included,
    sorted: whom a site's mail about work waiting for that role goes to when no list of addresses is set."""
    app_label, codename = permission.split(".")
    granted = Permission.objects.filter(codename=codename, content_type__app_label=app_label)
    users = (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(user_permissions__in=granted) | Q(groups__permissions__in=granted))
        .filter(is_active=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))
