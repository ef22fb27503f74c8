from articles import conf


def site(request):
    """The publication's name for the site chrome."""
    return {"site_name": conf.get("NEWSROOM_SITE_NAME")}
