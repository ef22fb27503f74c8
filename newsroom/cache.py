"""Django's Redis cache, with one client object per server instead of one per call.

Django's ``RedisCache`` builds a new ``redis.Redis`` for every cache call
(the connections themselves are pooled). Building one sets up a table of
reply handlers, about 70 µs here, as much again as the round trip to a Redis
on the same machine. A cached page is one cache call, so this shows in every
hit; this backend keeps each server's client and reuses it (``redis.Redis``
is safe to share between threads, and its pool starts afresh after a fork)::

    CACHES = {"default": {"BACKEND": "newsroom.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}}

``CACHE_URL=redis://...`` selects it (``newsroom.env.env_cache``).
"""

from django.core.cache.backends import redis


class ReusedClients(redis.RedisCacheClient):
    """Django's client, handing out one ``redis.Redis`` per connection pool (that is, per server)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.clients_by_pool = {}

    def get_client(self, key=None, *, write=False):
        pool = connection_pool(self, write=write)
        client = self.clients_by_pool.get(id(pool))
        if client is None:
            client = self.clients_by_pool[id(pool)] = redis_class(self)(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        use_client_class(self, ReusedClients)


# --- Django internals ----------------------------------------------------------------------------------------
# Django has no public way to choose RedisCache's client class or to reach its redis-py client. Each private
# name is used in one function below; tests/newsroom/test_cache.py checks their shape and fails naming the one
# that changed.


def use_client_class(cache, client_class):
    """Make ``cache`` (a Django ``RedisCache``) build its client from ``client_class``: private ``_class``."""
    cache._class = client_class


def connection_pool(client, *, write):
    """The pool of the server a ``RedisCacheClient`` picks for this call: private ``_get_connection_pool()``.

    The write server, or one of the read servers chosen afresh each call.
    """
    return client._get_connection_pool(write)


def redis_class(client):
    """The client class (``redis.Redis``) a ``RedisCacheClient`` builds: private ``_client``."""
    return client._client


def redis_client(cache, key=None, *, write=False):
    """The ``redis.Redis`` client a Django ``RedisCache`` uses, for commands Django has no method for.

    Django's ``RedisCacheClient`` sits behind the private ``RedisCache._cache``.
    """
    return cache._cache.get_client(key, write=write)
