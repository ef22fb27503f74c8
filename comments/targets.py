"""Which models readers comment on: a registration, in the shape of django-contrib-comments' ``moderator``.

The comments app registers articles itself (:class:`comments.prompts.ArticleComments`, from
``CommentsConfig.ready()``). A site registers a model of its own from its app's ``AppConfig.ready()``,
with a :class:`Commentable` subclass that overrides only what differs::

    from django.apps import AppConfig

    from comments import targets

    class RecipeComments(targets.Commentable):
        enable_field = "comments_enabled"

        def visible(self):
            return self.model.objects.filter(is_published=True)

    class RecipesConfig(AppConfig):
        name = "recipes"

        def ready(self):
            from recipes.models import Recipe

            targets.register(Recipe, RecipeComments)

The model's pages then show ``{% comment_section recipe %}`` (``newsroom_comments``), and posting,
replies, likes, reports, the comment permalink (``/comments/cr/<type>/<id>/``), "my comments awaiting
moderation", the links in mail and the moderation queue work for it as for articles. An object outside
:meth:`Commentable.visible` and a model nobody registered get the answer anything else that is not there
gets (400 for a post, 404 for a link), so no comment URL tells a reader about an object they cannot see.

Readers' input names a model by its label (the form's ``content_type``, ``"newsroom_articles.article"``)
or a comment by its content type id, so :func:`by_label` and :func:`by_content_type_id` answer ``None``
for anything unregistered; code that holds an object asks :func:`get`, which raises :class:`NotRegistered`.
"""

from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, ValidationError
from django.db import models


class AlreadyRegistered(Exception):
    """The model takes comments already: :func:`unregister` it first to change how."""


class NotRegistered(Exception):
    """The model does not take comments."""


class Commentable:
    """How readers comment on one model (``self.model``); a subclass overrides what differs.

    Each method is one question about the model or one of its objects, asked
    while a page is rendered or a post is handled, so none should query the
    database for an object that came from :meth:`visible`.
    """

    #: The name of a boolean field that turns comments on or off per object, as django-contrib-comments'
    #: ``CommentModerator.enable_field``; ``None``: comments are open on every visible object.
    enable_field = None

    def __init__(self, model):
        self.model = model

    def visible(self):
        """The objects readers may see, and so comment on: by default every object of the model.

        The one definition of "visible" the comment URLs use: a post, a like, a report or a permalink
        naming anything else is refused as if it did not exist. Select here what the other methods read
        (``select_related``), so they need no query.
        """
        return self.model._default_manager.all()

    def is_visible(self, obj):
        """Whether readers can see ``obj`` (a page's object): the comment section shows only then.

        By default ``True``; a model whose pages preview hidden objects to staff says which are hidden,
        without a query.
        """
        return True

    def comments_are_open(self, obj):
        """Whether readers may comment on ``obj`` now (its thread shows either way)."""
        return bool(getattr(obj, self.enable_field)) if self.enable_field else True

    def closed_message(self, obj):
        """What readers are told where comments on ``obj`` are closed, instead of "Comments are closed."; ``""``
        for that default."""
        return ""

    def premoderated(self, obj):
        """Whether every new comment on ``obj`` waits for a moderator, whatever the spam filter says.

        By default ``False``: the spam filter's verdict decides (see :mod:`comments.premoderation`).
        """
        return False

    def reader_prompt(self, obj):
        """The invitation to comment shown above the form (and kept with each comment); ``""`` for none."""
        return ""

    def title(self, obj):
        """What mail, the comment pages and the moderation queue call ``obj``."""
        return str(obj)

    def text(self, obj):
        """What ``obj`` says, as plain text: the spam filter compares comments with it (relevance).

        By default ``str(obj)``; a model with words of its own returns them (articles: headline,
        standfirst and body). Only the first few thousand characters are read. Read it from fields
        :meth:`visible` loads, so a post costs no query more.
        """
        return str(obj)

    def url(self, obj):
        """Where readers read ``obj`` and its comments."""
        return obj.get_absolute_url()

    def author_users(self, obj):
        """The accounts whose comments on ``obj`` show the "Author" badge, as a query of user ids; ``None``: none.

        Returned unevaluated: the thread's own query uses it as a subquery, so a badge costs no
        query of its own. Only accounts count, never the name a commenter types. The thread's query
        is compiled once per process from a stand-in ``obj`` that holds only its ``pk`` (see
        ``comments.threads``), so the query may depend on ``obj.pk`` alone.
        """
        return None

    def nameable_by(self, user):
        """The objects whose title the moderation queue may show ``user``: by default those readers see.

        The queue's filter names an object from a key anyone can type into its address, so an object
        outside this stays unnamed (its comments are listed all the same).
        """
        return self.visible()

    # What the comments app asks of every registration (not meant to be overridden) -----------------

    @property
    def label(self):
        """``"app_label.model_name"``, as the comment form's ``content_type`` field names the model."""
        return self.model._meta.label_lower

    @property
    def content_type(self):
        """The model's ``ContentType``, from ContentType's own per-process cache."""
        return _content_types().get_for_model(self.model)

    def parse_pk(self, object_pk):
        """``object_pk`` (text from a form or an address) as a primary key of the model, or ``None``.

        Integer keys are ASCII digits within the database's range (``str.isdigit()`` also passes
        "²", and a 30-digit number is an error in the database, not a miss).
        """
        field = self.model._meta.pk
        while field.remote_field is not None:  # a parent link (multi-table inheritance): the parent's key
            field = field.target_field
        text = "" if object_pk is None else str(object_pk)
        if isinstance(field, models.IntegerField):
            return int(text) if text.isascii() and text.isdigit() and len(text) < 20 and 0 < int(text) < 2**63 else None
        try:
            return field.to_python(text) if text else None
        except ValidationError:
            return None

    def visible_object(self, object_pk):
        """The object readers may see that ``object_pk`` names, or ``None`` (hidden, missing or nonsense alike)."""
        pk = self.parse_pk(object_pk)
        return None if pk is None else self.visible().filter(pk=pk).first()

    def __repr__(self):
        return f"<{type(self).__name__} for {self.label}>"


_registry = {}


def _content_types():
    # Imported when used: apps.py modules import this module, before models can be imported.
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects


def register(model, commentable_class=Commentable):
    """Let readers comment on ``model``'s objects, as ``commentable_class`` says.

    Call it from an ``AppConfig.ready()``. Raises :class:`AlreadyRegistered` for a model registered
    before, and ``ImproperlyConfigured`` for anything but a concrete model and a :class:`Commentable`.
    """
    if not isinstance(model, models.base.ModelBase) or model._meta.abstract or model._meta.proxy:
        raise ImproperlyConfigured(f"Only a concrete model can take comments, not {model!r}.")
    if not (isinstance(commentable_class, type) and issubclass(commentable_class, Commentable)):
        raise ImproperlyConfigured(
            f"Register {model._meta.label} with a subclass of comments.targets.Commentable, not {commentable_class!r}."
        )
    if model._meta.label_lower in _registry:
        raise AlreadyRegistered(f"{model._meta.label} takes comments already; unregister it first to change how.")
    _registry[model._meta.label_lower] = commentable_class(model)


def unregister(model):
    """Stop readers commenting on ``model`` (say, articles on a site that has comments elsewhere only).

    Raises :class:`NotRegistered` if the model does not take comments. Comments stored on its objects
    stay, for the moderators; readers no longer see them.
    """
    if model._meta.label_lower not in _registry:
        raise NotRegistered(f"{model._meta.label} does not take comments.")
    del _registry[model._meta.label_lower]


def is_registered(model):
    """Whether readers may comment on ``model`` (a model or one of its objects)."""
    return model._meta.label_lower in _registry


def registered():
    """Every registration, in the order the models were registered."""
    return list(_registry.values())


def get(model):
    """The :class:`Commentable` of ``model`` (a model or one of its objects); :class:`NotRegistered` if none."""
    try:
        return _registry[model._meta.label_lower]
    except KeyError:
        raise NotRegistered(f"{model._meta.label} does not take comments.") from None


def by_label(label):
    """The registration a comment form's ``content_type`` (``"app_label.model_name"``) names, or ``None``."""
    return _registry.get(label) if isinstance(label, str) else None


def by_content_type_id(content_type_id):
    """The registration of the model with this content type id, or ``None``.

    The content type comes from ContentType's own per-process cache (an id it has not seen costs a query).
    """
    if not isinstance(content_type_id, int) or not 0 < content_type_id < 2**63:
        return None
    try:
        content_type = _content_types().get_for_id(content_type_id)
    except ObjectDoesNotExist:
        return None
    return _registry.get(f"{content_type.app_label}.{content_type.model}")


def visible_object(content_type_id, object_pk):
    """The object readers may see that a comment's ``content_type_id`` and ``object_pk`` name, or ``None``.

    ``None`` for a model that takes no comments, an object readers cannot see and nonsense alike.
    """
    commentable = by_content_type_id(content_type_id)
    return None if commentable is None else commentable.visible_object(object_pk)


def title_of(obj):
    """What mail and the moderation queue call ``obj``: its registration's title, else ``str(obj)``."""
    if obj is None:
        return ""
    return get(obj).title(obj) if is_registered(obj) else str(obj)


def page_context(obj):
    """What the comment pages show of ``obj``: ``target``, ``target_title``, ``target_url``, ``target_name``.

    ``target_name`` is the model's verbose name ("article"); empty values for no object.
    """
    if obj is None:
        return {"target": None, "target_title": "", "target_url": "", "target_name": ""}
    commentable = get(obj)
    return {
        "target": obj,
        "target_title": commentable.title(obj),
        "target_url": commentable.url(obj),
        "target_name": obj._meta.verbose_name,
    }
