import socket
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache as DjangosRedisCache

from newsroom.cache import RedisCache


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
    client = cache._cache.get_client(write=True)
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
    client = redis_cache._cache.get_client(write=True)
    redis_cache.set("a", 1, 30)
    redis_cache.get("a")
    assert redis_cache._cache.get_client("a", write=True) is client
    assert redis_cache._cache.get_client("a") is redis_cache._cache.get_client("b")


def test_several_servers_each_get_their_own_client():
    cache = RedisCache("redis://127.0.0.1:6379/1,redis://127.0.0.1:6379/2", {})
    writer, reader = cache._cache.get_client(write=True), cache._cache.get_client(write=False)
    assert writer is not reader  # the first server takes the writes, the others the reads
    assert writer.connection_pool.connection_kwargs["db"] == 1
    assert reader.connection_pool.connection_kwargs["db"] == 2
