import inspect
import socket
import uuid

import pytest
import redis
from django.core.cache.backends.redis import RedisCache as DjangosRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.utils.functional import cached_property

from newsroom.cache import RedisCache, ReusedClients, connection_pool, redis_class, redis_client


def _redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.2):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache():
    if not _redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379 (.ci/run starts it)")
    cache = RedisCache("redis://127.0.0.1:6379/1", {"KEY_PREFIX": f"cache-test-{uuid.uuid4().hex[:8]}"})
    yield cache
    client = redis_client(cache, write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*"))
    if keys:
        client.delete(*keys)


def test_it_is_djangos_redis_cache(redis_cache):
    assert isinstance(redis_cache, DjangosRedisCache)
    redis_cache.set("page", {"content": b"<html>" * 1000, "n": 1}, 30)
    redis_cache.set("count", 41, 30)
    assert redis_cache.get("page") == {"content": b"<html>" * 1000, "n": 1}
    assert redis_cache.incr("count") == 42
    assert redis_cache.get_many(["page", "count", "missing"]).keys() == {"page", "count"}
    assert redis_cache.add("page", "other", 30) is False
    redis_cache.delete("page")
    assert redis_cache.get("page", "gone") == "gone"


def test_each_server_keeps_one_client(redis_cache):
    client = redis_client(redis_cache, write=True)
    redis_cache.set("a", 1, 30)
    redis_cache.get("a")
    assert redis_client(redis_cache, "a", write=True) is client
    assert redis_client(redis_cache, "a") is redis_client(redis_cache, "b")


def test_several_servers_each_get_their_own_client():
    cache = RedisCache("redis://127.0.0.1:6379/1,redis://127.0.0.1:6379/2", {})
    writer, reader = redis_client(cache, write=True), redis_client(cache, write=False)
    assert writer is not reader  # the first server takes the writes, the others the reads
    assert writer.connection_pool.connection_kwargs["db"] == 1
    assert reader.connection_pool.connection_kwargs["db"] == 2


# --- The Django internals newsroom.cache relies on (no Redis server needed) ---------------------------------


def test_djangos_redis_cache_still_has_the_internals_newsroom_cache_uses():
    """If this fails, Django changed a private part of its Redis cache: fix the one function in newsroom.cache."""
    django_cache = DjangosRedisCache("redis://127.0.0.1:6379/1", {})
    assert getattr(django_cache, "_class", None) is RedisCacheClient, (
        "Django's RedisCache no longer keeps its client class in `_class`: fix newsroom.cache.use_client_class"
    )
    assert isinstance(inspect.getattr_static(DjangosRedisCache, "_cache", None), cached_property), (
        "Django's RedisCache no longer builds its client as the cached property `_cache`: "
        "fix newsroom.cache.use_client_class and redis_client"
    )
    client = django_cache._cache
    assert str(inspect.signature(RedisCacheClient.get_client)) == "(self, key=None, *, write=False)", (
        "Django's RedisCacheClient.get_client(key=None, *, write=False) changed: fix newsroom.cache.ReusedClients"
    )
    pool_method = getattr(client, "_get_connection_pool", None)
    assert pool_method is not None and list(inspect.signature(pool_method).parameters) == ["write"], (
        "Django's RedisCacheClient no longer has `_get_connection_pool(write)`: fix newsroom.cache.connection_pool"
    )
    assert getattr(client, "_client", None) is redis.Redis, (
        "Django's RedisCacheClient no longer keeps the client class in `_client`: fix newsroom.cache.redis_class"
    )


def test_the_wrappers_reach_one_client_per_server_without_connecting():
    cache = RedisCache("redis://127.0.0.1:6379/1,redis://127.0.0.1:6379/2", {})
    client = cache._cache
    assert isinstance(client, ReusedClients)
    assert redis_class(client) is redis.Redis
    write_pool = connection_pool(client, write=True)
    assert isinstance(write_pool, redis.ConnectionPool)
    assert write_pool.connection_kwargs["db"] == 1
    assert connection_pool(client, write=True) is write_pool
    assert connection_pool(client, write=False).connection_kwargs["db"] == 2
    writer = redis_client(cache, write=True)
    assert isinstance(writer, redis.Redis) and writer.connection_pool is write_pool
    assert redis_client(cache, "any key", write=True) is writer
