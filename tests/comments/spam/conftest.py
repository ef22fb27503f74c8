import akismet
import httpx
import pytest


class AkismetDown(akismet.SyncClient):
    """The library's own client on a transport that cannot connect (never the network)."""

    error = httpx.ConnectError("connection refused")

    def __init__(self, config=None, http_client=None):
        def refuse(request):
            raise self.error

        super().__init__(config=config, http_client=httpx.Client(transport=httpx.MockTransport(refuse)))


class AkismetSlow(AkismetDown):
    error = httpx.ReadTimeout("took longer than the timeout")


@pytest.fixture
def akismet_on(settings, akismet_sync_class):
    """Akismet configured with a fake key, answering through akismet.TestSyncClient (see the akismet_client mark)."""
    settings.NEWSROOM_AKISMET_KEY = "test-key"
    settings.NEWSROOM_AKISMET_SITE_URL = "https://news.example/"
    settings.NEWSROOM_AKISMET_CLIENT_CLASS = akismet_sync_class
    return akismet_sync_class
