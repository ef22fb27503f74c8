"""The host site's own pages: the icons and web manifest that browsers ask for at fixed addresses."""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control

from articles import conf
from newsroom import icons

# A day: browsers ask for these on every first visit, and they change only with a new drawing.
ICON_MAX_AGE = 60 * 60 * 24


@cache_control(max_age=ICON_MAX_AGE, public=True)
def favicon(request):
    """``/favicon.ico``, where browsers look whatever the page links to."""
    path = finders.find(icons.FAVICON)
    if path is None:  # the file is committed; without it, a 404 rather than a 500
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/vnd.microsoft.icon")  # FileResponse closes it


@cache_control(max_age=ICON_MAX_AGE, public=True)
def web_manifest(request):
    """``/site.webmanifest``: the name, colours and icons a phone uses when the site is added to its home screen."""
    name = conf.get("NEWSROOM_SITE_NAME")
    manifest = {
        "name": name,
        "short_name": short_name(name),
        "start_url": "/",
        "scope": "/",
        "display": "minimal-ui",
        "theme_color": icons.THEME_COLOUR,
        "background_color": icons.BACKGROUND_COLOUR,
        "icons": [
            {
                "src": static(path),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                **({"purpose": "maskable"} if "maskable" in path else {}),
            }
            for path, size in icons.PNG_ICONS.items()
            if path != "icons/apple-touch-icon.png"
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


def short_name(name):
    """What fits under an icon on a home screen (about twelve characters): "The Daily Ledger" is "Ledger"."""
    if len(name) <= 12:
        return name
    last = name.split()[-1]
    return last if len(last) <= 12 else name[:12]
