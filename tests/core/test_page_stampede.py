"""No stampede: when a popular page's cached copy goes (a change, or its time is up), one
request builds it again while the others get the previous copy or wait for the new one.

Real HTTP clients in threads, released together, against the live server (a threaded server,
one process: the cache is shared as Redis shares it between workers). The page's renders are
counted, never timed; each render is held briefly so that every client arrives during it.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.core.cache import cache
from django.core.management import call_command
from django.test.signals import template_rendered

from core.cache import bump_content_version

CLIENTS = 8


@pytest.fixture
def home(transactional_db, live_server):
    """The home page's address and a list that gets one item per render of it."""
    call_command("load_seeds", verbosity=0)
    renders = []

    def held_render(sender, template, **kwargs):
        if template.name == "home.html":
            renders.append(threading.get_ident())
            time.sleep(0.5)

    template_rendered.connect(held_render, weak=False)
    yield f"{live_server.url}/", renders
    template_rendered.disconnect(held_render)


def _together(url: str) -> list[requests.Response]:
    start = threading.Barrier(CLIENTS)

    def one(_):
        start.wait()
        return requests.get(url, timeout=30)

    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(one, range(CLIENTS)))


def test_a_page_invalidated_by_a_change_is_rendered_once_the_others_get_the_previous_copy(home):
    url, renders = home
    first = requests.get(url, timeout=30)
    assert first.headers["X-Cache"] == "miss" and len(renders) == 1
    bump_content_version()  # what publishing a change does
    renders.clear()

    responses = _together(url)

    assert len(renders) == 1
    assert [r.status_code for r in responses] == [200] * CLIENTS
    states = sorted(r.headers["X-Cache"] for r in responses)
    assert states.count("miss") == 1, states
    assert set(states) <= {"miss", "updating", "hit"}, states
    assert all(r.text == first.text for r in responses)  # nothing changed in the content


def test_a_page_with_no_copy_at_all_is_rendered_once_the_others_wait_for_it(home):
    url, renders = home
    cache.clear()  # expired everywhere: no previous copy to give

    responses = _together(url)

    assert len(renders) == 1
    assert [r.status_code for r in responses] == [200] * CLIENTS
    states = sorted(r.headers["X-Cache"] for r in responses)
    assert states == ["hit"] * (CLIENTS - 1) + ["miss"], states
    assert len({r.text for r in responses}) == 1
