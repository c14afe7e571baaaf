from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def hello_world(request: HttpRequest) -> HttpResponse:
    """The benchmark's baseline: Django and nothing else."""
    return HttpResponse("Hello, world", content_type="text/plain")


@require_GET
@login_required
def floor(request: HttpRequest) -> HttpResponse:
    """The per-request floor: an empty page for a logged-in person, through every middleware, the
    navigation and the base template, which every authenticated page pays before its own work."""
    return render(request, "bench/floor.html")
