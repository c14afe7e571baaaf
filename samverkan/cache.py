"""The shared cache on Redis, with one Redis client per connection pool.

Django's Redis backend builds a new `redis.Redis` for every cache operation, and each one sets up
its table of some 170 response callbacks: measured in the bench's profile, a tenth of a
millisecond per operation, several per request (session, access, data generations, fragments).
A client is safe to share between threads (it takes a connection from its pool per command), so
this backend keeps one per pool.
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # not in django-stubs
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))  # type: ignore[attr-defined]
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusingClient
