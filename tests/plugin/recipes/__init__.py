"""A site's own model that takes comments: the test run installs it (tests/settings.py) beside the site."""
