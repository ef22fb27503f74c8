"""The site's URLs plus one page the app would never serve: public to every cache *and* setting a cookie.

The app itself marks any page that sets a cookie ``private`` (``articles.pagecache``), so its own pages cannot
show whether nginx would keep such a response. This one can: ``deploy/nginx.conf`` must not store it anyway.
"""

import secrets

from django.http import HttpResponse
from django.urls import include, path


def public_page(request):
    """A page any shared cache may keep for a minute; with ``?cookie`` it also sets a cookie of its own."""
    response = HttpResponse(secrets.token_hex(8), content_type="text/plain")
    response["Cache-Control"] = "public, max-age=0, s-maxage=60"
    if "cookie" in request.GET:
        response.set_cookie("visitor", secrets.token_hex(8), secure=True, httponly=True, samesite="Lax")
    return response


urlpatterns = [
    path("_deploy-test/public/", public_page),
    path("", include("newsroom.urls")),
]
