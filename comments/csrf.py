"""CSRF protection for readers' forms, which are usually served from a cache.

A cached article page cannot carry a per-visitor CSRF token, so a reader
without JavaScript (the script fetches a token) would post with none and fail
Django's check. For *anonymous* posts, a browser's own word that the form was
sent from this site is enough::

    @protect_or(on_failure, anonymous_same_origin=True)
    def post_comment(request): ...

Why that is safe: CSRF abuses the authority a browser carries for its user
(a session). An anonymous post carries none; what a forged one could still do
is make a visitor's browser post in their name and from their address. A
browser marks every cross-site POST: ``Sec-Fetch-Site`` (sent by every current
browser, and a header no page script can set) is then ``cross-site`` or
``same-site``, and ``Origin`` names the other site. We accept a token-less
anonymous post only when ``Sec-Fetch-Site`` says ``same-origin``, or, from an
older browser that does not send it, when ``Origin`` is this site's own. With
neither header, or with a signed-in session, Django's full token check
applies unchanged (OWASP's "verifying origin with standard headers").
"""

from functools import wraps

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt


def passes_token_check(request):
    """Whether Django's own CSRF check (token, and for HTTPS the origin) accepts ``request``."""
    # The middleware's public hook: None means accepted, a response means refused.
    refusal = CsrfViewMiddleware(_no_response).process_view(request, None, (), {})
    return refusal is None


def is_anonymous_same_origin(request):
    """An anonymous request that the browser says came from a page of this site."""
    if request.user.is_authenticated or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return False
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


def protect_or(on_failure, *, anonymous_same_origin=False):
    """Like ``csrf_protect``, but a refused request gets ``on_failure(request)`` instead of the 403 page.

    ``anonymous_same_origin``: also accept anonymous posts the browser says are
    same-origin (see the module's docstring).
    """

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            # Same-origin first: Django's check logs every refusal as "Forbidden", which a token-less
            # anonymous post it would refuse but this accepts is not.
            if (anonymous_same_origin and is_anonymous_same_origin(request)) or passes_token_check(request):
                return view(request, *args, **kwargs)
            return on_failure(request)

        # Exempt from the site-wide middleware because this decorator does the same check.
        return csrf_exempt(checked)

    return decorator


def _no_response(request):  # pragma: no cover - process_view never calls the next handler
    return None
