from articles import conf, images


def site(request):
    """The publication's name and its sharing image (``NEWSROOM_SITE_IMAGE``, absolute) for the site chrome."""
    return {"site_name": conf.get("NEWSROOM_SITE_NAME"), "site_image_url": images.site_image_url(request)}
