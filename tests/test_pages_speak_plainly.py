"""Pages speak to people, not in Django's defaults: every page the URL walk reaches, as the
kommun's samordnare, names an empty choice in words instead of "---------"."""

from django.urls import reverse

from tests.conftest import client_for
from tests.test_url_walk import url_kwargs, victim  # noqa: F401 - fixtures


def test_no_page_shows_djangos_dashes_for_an_empty_choice(samordnare, url_kwargs):  # noqa: F811
    client = client_for(samordnare)
    pages, named = 0, 0
    for name, kwargs in url_kwargs.items():
        response = client.get(reverse(name, kwargs=kwargs()))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        body = response.content.decode()
        assert "---------" not in body, name
        named += "– Välj –" in body
    assert pages > 30
    # The walk does reach forms with an empty choice, so the check above is not vacuous.
    assert named > 0
