from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def hello_world(request: HttpRequest) -> HttpResponse:
    """The benchmark's baseline: Django and nothing else."""
    return HttpResponse("Hello, world", content_type="text/plain")
