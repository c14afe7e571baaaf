"""Where one request's time goes, page by page: the profile of `make bench`.

Each key page is requested in-process through Django's full handler (every middleware, the
session, the template engine), as the same person as under load, after a few warm-up requests.
Instrumentation hooks split each request into phases, each counted once (exclusive time: a phase
that runs inside another is subtracted from it):

- middleware: the middleware chain itself (security, CSRF, messages, htmx …), the handler and URL
  resolution;
- session: loading the session (its store's `load`);
- user: finding the logged-in person (`auth.get_user`, the session aside);
- tenancy: the person's Viewer, navigation and active organisation (TenancyMiddleware);
- view: the view, its queries and forms;
- context processors: each request context's processors, the navigation's among them;
- template: rendering templates (includes and partials included).

Queries are counted and timed with a database execute wrapper and charged to the phase that ran
them (their time is part of that phase's). The numbers are the median over the profiled requests.
"""

import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from functools import wraps
from importlib import import_module
from typing import Any
from unittest import mock

from django.conf import settings
from django.contrib import auth
from django.core.handlers.base import BaseHandler
from django.db import connection
from django.template import base as template_base
from django.template import engines
from django.test import Client

from samverkan import middleware as samverkan_middleware

PHASES = ("middleware", "session", "user", "tenancy", "view", "context processors", "template")


class Phases:
    """Exclusive time per phase, and the queries each phase ran, for one request."""

    def __init__(self) -> None:
        self.stack: list[list[Any]] = []
        self.seconds: dict[str, float] = defaultdict(float)
        self.queries: dict[str, int] = defaultdict(int)
        self.query_seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        self.stack.append([name, 0.0])
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            _name, inner = self.stack.pop()
            self.seconds[name] += elapsed - inner
            if self.stack:
                self.stack[-1][1] += elapsed

    def query(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        name = self.stack[-1][0] if self.stack else "middleware"
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries[name] += 1
            self.query_seconds[name] += time.perf_counter() - started


_current: Phases | None = None


def _timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _current is None:
            return function(*args, **kwargs)
        with _current.phase(name):
            return function(*args, **kwargs)

    return wrapper


@contextmanager
def instrumented() -> Iterator[None]:
    """The hooks, in place for the block."""
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    engine = engines["django"].engine  # type: ignore[attr-defined]
    processors = engine.template_context_processors
    with ExitStack() as stack:
        for owner, attribute, name in (
            (BaseHandler, "get_response", "middleware"),
            (session_store, "load", "session"),
            (auth, "get_user", "user"),
            (samverkan_middleware.TenancyMiddleware, "tenancy", "tenancy"),
            (template_base.Template, "render", "template"),
        ):
            stack.enter_context(mock.patch.object(owner, attribute, _timed(name, getattr(owner, attribute))))
        engine.__dict__["template_context_processors"] = tuple(
            _timed("context processors", processor) for processor in processors
        )
        stack.callback(engine.__dict__.__setitem__, "template_context_processors", processors)
        # The view: every request's resolved view passes through make_view_atomic on its way to
        # being called (the middleware chain is built once, so _get_response cannot be wrapped).
        make_view_atomic = BaseHandler.make_view_atomic

        def timed_view(handler: BaseHandler, view: Callable[..., Any]) -> Callable[..., Any]:
            return _timed("view", make_view_atomic(handler, view))

        stack.enter_context(mock.patch.object(BaseHandler, "make_view_atomic", timed_view))
        yield


def profile_request(request: Callable[[], Any]) -> Phases:
    global _current
    phases = Phases()
    _current = phases
    try:
        with connection.execute_wrapper(phases.query):
            request()
    finally:
        _current = None
    return phases


def requester(page: Any) -> Callable[[], None]:
    """One in-process request to the page, as its person, checked for the expected status."""
    client = Client()
    if page.user is not None:
        client.force_login(page.user)

    def request() -> None:
        if page.method == "POST":
            response = client.post(page.path, page.form, secure=True)
        else:
            response = client.get(page.path, secure=True)
        if response.status_code != page.expect:
            raise RuntimeError(f"{page.name}: {page.path} svarade {response.status_code}, väntat {page.expect}")

    return request


def profile_page(page: Any, *, warmup: int = 5, runs: int = 30) -> dict[str, Any]:
    """The median time per phase (ms), the queries per phase and the total, for one key page."""
    request = requester(page)
    for _ in range(warmup):
        request()
    samples = []
    with instrumented():
        for _ in range(runs):
            samples.append(profile_request(request))
    totals = [sum(sample.seconds.values()) for sample in samples]
    return {
        "total_ms": round(statistics.median(totals) * 1000, 2),
        "phases_ms": {
            name: round(statistics.median(sample.seconds.get(name, 0.0) for sample in samples) * 1000, 2)
            for name in PHASES
        },
        "queries": {name: samples[-1].queries[name] for name in PHASES if samples[-1].queries.get(name)},
        "query_ms": round(statistics.median(sum(sample.query_seconds.values()) for sample in samples) * 1000, 2),
    }
