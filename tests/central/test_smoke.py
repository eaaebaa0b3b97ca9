from __future__ import annotations

import requests


def test_healthz(central_server):
    r = requests.get(central_server.url + "/healthz", timeout=10)
    assert r.json() == {"status": "ok"}
