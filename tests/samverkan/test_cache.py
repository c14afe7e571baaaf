"""The shared cache's Redis backend keeps one client per connection pool (samverkan/cache.py)."""

import os
import threading

import pytest

from samverkan.cache import RedisCache
from tests.conftest import redis_url_for_this_process


def test_the_redis_cache_reuses_its_client_and_works_across_threads():
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("SAMVERKAN_REQUIRE_REDIS"):
            pytest.fail("REDIS_URL saknas; make test startar en Redis med bin/with-redis.")
        pytest.skip("REDIS_URL krävs (make test startar en Redis).")
    cache = RedisCache(redis_url_for_this_process(url), {"KEY_PREFIX": "test-cache"})
    backend = cache._cache  # type: ignore[attr-defined]  # the client, not in django-stubs
    client = backend.get_client(write=True)
    assert backend.get_client(write=True) is client
    results = {}

    def work(n: int) -> None:
        cache.set(f"thread-{n}", n)
        results[n] = cache.get(f"thread-{n}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {n: n for n in range(8)}
    assert cache.get_many([f"thread-{n}" for n in range(3)]) == {f"thread-{n}": n for n in range(3)}
    cache.delete_many([f"thread-{n}" for n in range(8)])
    assert cache.get("thread-0") is None
