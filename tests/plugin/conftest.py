import pytest

from tests.plugin.building import build_distributions


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """``(wheel, sdist)`` paths, built once for the session (test_distribution.py, test_install.py)."""
    return build_distributions(tmp_path_factory.mktemp("distribution"))
