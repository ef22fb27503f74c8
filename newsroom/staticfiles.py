"""Whitenoise's manifest storage, each file's address looked up once per process.

Every page links a stylesheet, a script and icons through ``{% static %}``; with
the manifest storage each link costs tens of microseconds (the name cleaned,
looked up in the manifest, quoted, joined to ``STATIC_URL``) and the answer
never changes while the process runs: the manifest is read once, when the
storage is made. So each address is worked out once and kept.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_urls = {}

    def url(self, name, force=False):
        # DEBUG decides whether the hashed name is used at all (tests switch it).
        key = (name, force, settings.DEBUG)
        try:
            return self.kept_urls[key]
        except KeyError:
            url = self.kept_urls[key] = super().url(name, force=force)
            return url

    def post_process(self, *args, **kwargs):
        # collectstatic writes a new manifest: what was kept no longer holds.
        self.kept_urls.clear()
        yield from super().post_process(*args, **kwargs)
        self.kept_urls.clear()
