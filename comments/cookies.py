"""The comments app's signed cookies, read and written one way.

Each is named and aged by settings, signed under its own salt, ``SameSite=Lax``
and ``Secure`` over HTTPS::

    PENDING.read(request)                   # "" when missing, forged or expired
    PENDING.write(request, response, "12,15")
"""

from dataclasses import dataclass

from django.core import signing

from comments import conf


@dataclass(frozen=True)
class SignedCookie:
    name_setting: str
    age_setting: str
    salt: str
    #: The comment script reads the pending cookie before asking ``/comments/mine/``; no script reads the others.
    readable_by_scripts: bool = False

    def read(self, request):
        """The cookie's value, or ``""`` when it is missing, forged or older than its age."""
        try:
            return request.get_signed_cookie(
                conf.get(self.name_setting), salt=self.salt, max_age=conf.get(self.age_setting)
            )
        except (KeyError, signing.BadSignature):
            return ""

    def write(self, request, response, value):
        response.set_signed_cookie(
            conf.get(self.name_setting),
            value,
            salt=self.salt,
            max_age=conf.get(self.age_setting),
            samesite="Lax",
            secure=request.is_secure(),
            httponly=not self.readable_by_scripts,
        )


#: Ids of the comments this browser wrote that await moderation (:mod:`comments.pending`).
PENDING = SignedCookie(
    "NEWSROOM_COMMENTS_PENDING_COOKIE", "NEWSROOM_COMMENTS_PENDING_COOKIE_AGE", "comments.pending", True
)
#: A keyed hash of the address whose approved comments this browser wrote (:mod:`comments.trust_cookie`).
TRUST = SignedCookie("NEWSROOM_COMMENTS_TRUST_COOKIE", "NEWSROOM_COMMENTS_TRUST_COOKIE_AGE", "comments.trust")
