"""The settings the test suite runs with: the host site's, plus a second model that takes comments.

``tests/plugin/recipes`` is a site's own app as the documentation describes one: a ``Recipe`` model with
its own migration and page, registered for comments in its ``AppConfig.ready()``. Installing it for the
whole run keeps a second registration beside articles in every test, so nothing in the comments app can
quietly assume that comments are on articles. Only the recipe tests mount its URLs
(``tests/plugin/recipes/urls.py``).
"""

from newsroom.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.plugin.recipes"]  # noqa: F405
