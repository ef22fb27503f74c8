"""A WSGI app that answers with the scheme gunicorn decided on, for ``test_gunicorn_conf``."""


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [environ["wsgi.url_scheme"].encode()]
