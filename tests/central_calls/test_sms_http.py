"""The HTTP SMS adapter against a provider stand-in on loopback."""

from __future__ import annotations

import logging

import pytest

from central.services.sms import HttpSmsGateway, SmsError, SmsMessage, render_body
from tests.central_calls.provider_standin import provider_standin

TEMPLATE = '{"recipient": "{to}", "content": {"text": "{body}"}, "ref": "{message_id}"}'


def _gateway(url: str, **kw: object) -> HttpSmsGateway:
    opts: dict[str, object] = {
        "auth_header": "X-Api-Key: s3cret",
        "body_template": TEMPLATE,
        "timeout_s": 0.5,
        "retries": 2,
        "backoff_s": 0.0,
    }
    opts.update(kw)
    return HttpSmsGateway(url, **opts)  # type: ignore[arg-type]


def test_success_sends_template_and_auth_header() -> None:
    with provider_standin() as prov:
        gw = _gateway(prov.url)
        body = 'Parloir : "Karim" vous appelle.\nCode : 123456'
        receipt = gw.send(SmsMessage(to="+33612345678", body=body, message_id="m1"))
        assert receipt.attempts == 1
        assert receipt.provider_ref == "prov-1"
        assert len(prov.received) == 1
        got = prov.received[0]
        assert got.body == {"recipient": "+33612345678", "content": {"text": body}, "ref": "m1"}
        assert got.headers["X-Api-Key"] == "s3cret"
        assert got.headers["Idempotency-Key"] == "m1"


def test_500_then_success_is_retried_with_same_idempotency_key() -> None:
    with provider_standin() as prov:
        prov.script = [500, 503, "ok"]
        receipt = _gateway(prov.url).send(SmsMessage(to="+33612345678", body="x"))
        assert receipt.attempts == 3
        keys = {r.headers["Idempotency-Key"] for r in prov.received}
        assert len(prov.received) == 3 and len(keys) == 1


def test_timeout_then_success(caplog: pytest.LogCaptureFixture) -> None:
    with provider_standin() as prov:
        prov.script = [("sleep", 1.5), "ok"]
        caplog.set_level(logging.DEBUG)
        receipt = _gateway(prov.url, timeout_s=0.3).send(
            SmsMessage(to="+33612345678", body="Code : 654321")
        )
        assert receipt.attempts == 2
        assert "timeout" in caplog.text
        assert "654321" not in caplog.text and "+33612345678" not in caplog.text
        assert "s3cret" not in caplog.text


def test_timeouts_exhaust_retries() -> None:
    with provider_standin() as prov:
        prov.script = [("sleep", 1.0)] * 3
        with pytest.raises(SmsError) as err:
            _gateway(prov.url, timeout_s=0.2, retries=1).send(
                SmsMessage(to="+33612345678", body="x")
            )
        assert err.value.attempts == 2
        assert not err.value.permanent


def test_4xx_is_not_retried() -> None:
    with provider_standin() as prov:
        prov.script = [400, "ok"]
        with pytest.raises(SmsError) as err:
            _gateway(prov.url).send(SmsMessage(to="+33612345678", body="x"))
        assert err.value.permanent
        assert len(prov.received) == 1


def test_unreachable_provider_fails_cleanly() -> None:
    from tests.fixtures.tools import free_port

    url = f"http://127.0.0.1:{free_port()}/send"
    with pytest.raises(SmsError) as err:
        _gateway(url, retries=1).send(SmsMessage(to="+33612345678", body="x"))
    assert err.value.attempts == 2


def test_bad_template_is_refused_at_start() -> None:
    with pytest.raises(ValueError):
        HttpSmsGateway("http://127.0.0.1:1/x", body_template="{to}")


def test_render_body_cannot_be_injected() -> None:
    out = render_body('{"t": "{body}"}', {"body": '", "evil": "1'})
    assert out == {"t": '", "evil": "1'}
