"""Newsroom's articles app. The distribution's one version lives here.

``pyproject.toml`` reads ``__version__`` from this file when the package is built
(``[tool.setuptools.dynamic]``), and ``comments`` ships in the same distribution,
so this is the version of both apps. Installed code can also ask
``importlib.metadata.version("django-newsroom")``.
"""

__version__ = "0.1.0"
