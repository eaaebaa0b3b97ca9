"""The real thing: central (subprocess) with its relay, the booth engine, headless Chromium.

The relative takes the code from the SMS outbox, accepts the rules and joins.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import requests

from central.relay.recorder import STREAMS, check_recording
from tests.e2e.conftest import make_world, sms_for
from tests.fixtures.browser import (
    BOOTH_TONE_HZ,
    RELATIVE_TONE_HZ,
    audio_peak,
    grab_video,
    peak_frequency,
)
from tests.relay.harness import read_frame_numbers, relative_joins, wait_for

pytestmark = [pytest.mark.e2e]


def test_call_through_central(e2e_central: Any, booth_factory: Any, chromium_page: Any,
                              loopback_ice: None, fake_media: Any) -> None:
    from central.db.models import Call, LedgerEntry
    from parloir.tariff_data import load_default_tariff_book
    from policy.billing import price_call

    server = e2e_central
    world = make_world(server, balance_cents=2000)
    booth = booth_factory(server, world)
    call_id = booth.place()
    code, query = sms_for(server, call_id)

    relative_joins(chromium_page, server.url, code, minors=True, query=query)
    booth.wait_event("joined")

    # Frames both ways, in order, read back from the frame codes.
    seen = read_frame_numbers(lambda: grab_video(chromium_page), 5)
    assert len(seen) >= 5 and sum(b > a for a, b in itertools.pairwise(seen)) >= 3, seen

    def booth_picture() -> Any:
        frame = booth.engine.remote_video
        return None if frame is None else frame.to_ndarray(format="bgr24")

    numbers = read_frame_numbers(booth_picture, 5)
    assert len(numbers) >= 5 and all(1 <= n <= fake_media.frames for n in numbers), numbers
    # Each side's tone, found by FFT on the other side.
    peak = audio_peak(chromium_page)
    assert peak is not None and abs(peak["peak_hz"] - BOOTH_TONE_HZ) < 15, peak

    def booth_audio() -> Any:
        samples = booth.loop.call(booth.engine.remote_audio)
        return samples if samples.size >= 48000 else None

    samples = wait_for(booth_audio, 10, "the relative's audio at the booth")
    assert abs(peak_frequency(samples[-48000:]) - RELATIVE_TONE_HZ) < 10

    # The rules' answers are stored with the call.
    with server.session() as s:
        call = s.get(Call, call_id)
        assert call.rules_accepted and call.minors_present is True and call.capture_consent
        assert call.status == "connected" and call.relative_joined_at is not None

    result = booth.hangup()
    assert result.reason == "booth_hangup" and result.connected_s >= 1
    chromium_page.wait_for_selector('section[data-step="ended"]:not([hidden])')

    # The recording: one Matroska file named by call id, both videos and both audios.
    path = server.data_dir / "recordings" / f"{call_id}.mkv"
    check = wait_for(lambda: (c := check_recording(path)).ok and c, 20, "the recording")
    assert set(check.frames) == set(STREAMS) and all(check.frames[s] > 0 for s in STREAMS)

    # The usage record reaches central once; the debit equals the policy price.
    assert booth.push_usage() == 1
    assert booth.push_usage() == 0
    record = {"call_id": call_id, "detainee_id": world.detainee_id, "plan": world.plan,
              "started_at": result.started_at.isoformat(),
              "connected_at": result.connected_at.isoformat(),
              "ended_at": result.ended_at.isoformat(),
              "connected_seconds": result.connected_s, "end_reason": "booth_hangup"}
    again = server.post("/usage", token=world.booth_token, json={"records": [record]}).json()
    assert again["results"][0]["status"] == "duplicate"
    tariff = load_default_tariff_book().in_force(result.connected_at)
    expected = price_call(tariff, world.plan, result.connected_s).total_cents
    with server.session() as s:
        debits = s.query(LedgerEntry).filter_by(call_id=call_id, kind="debit").all()
        assert [d.amount_cents for d in debits] == [expected]
        assert s.get(Call, call_id).status == "ended"
    assert server.balance(world.detainee_id) == 2000 - expected
    assert requests.get(f"{server.url}/healthz", timeout=5).status_code == 200


def test_protected_number_is_not_recorded(e2e_central: Any, booth_factory: Any,
                                          chromium_page: Any, loopback_ice: None) -> None:
    server = e2e_central
    world = make_world(server, protected=True)  # a lawyer: never listened to nor recorded
    booth = booth_factory(server, world)
    call_id = booth.place()
    assert booth.engine.placed["recorded"] is False
    code, query = sms_for(server, call_id)
    relative_joins(chromium_page, server.url, code, query=query)
    booth.wait_event("joined")
    hello = booth.wait_event("hello")
    assert hello.data == {"recorded": False}
    wait_for(lambda: booth.engine.remote_video_frames > 10 or None, 15, "frames at the booth")
    booth.hangup()
    recordings = server.data_dir / "recordings"
    assert not (recordings / f"{call_id}.mkv").exists()
    assert not any(call_id in p.name for p in recordings.glob("*")) if recordings.exists() else True


@pytest.mark.parametrize("status", ["suspended", "withdrawn", "other_detainee"])
def test_numbers_that_cannot_be_called(e2e_central: Any, booth_factory: Any, status: str,
                                       loopback_ice: None) -> None:
    from kiosk.call_engine import CallError, CallState

    server = e2e_central
    if status == "other_detainee":  # a number authorised for someone else only
        world = make_world(server)
        other = make_world(server)
        world.contact_id = other.contact_id
    else:
        world = make_world(server, status=status)
    booth = booth_factory(server, world)
    with pytest.raises(CallError) as refused:
        booth.place()
    assert refused.value.status in (403, 404, 409)
    assert refused.value.message and "Traceback" not in refused.value.message
    assert booth.engine.state is CallState.ENDED
    assert booth.engine.call_id is None  # no call, so no SMS and no code


def test_parloir_call_command(e2e_central: Any, chromium_page: Any, tmp_path: Any) -> None:
    """`parloir call --config FILE --booking ID` places a real call and prints its events."""
    import subprocess
    import sys
    import threading

    server = e2e_central
    world = make_world(server)
    config = tmp_path / "booth.toml"
    config.write_text(f'[booth]\ndata_dir = "{tmp_path}"\n[central]\nurl = "{server.url}"\n'
                      f'token = "{world.booth_token}"\n', encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "parloir", "call", "--config", str(config), "--booking",
         str(world.booking_id), "--contact", str(world.contact_id), "--synthetic", "--loopback",
         "--hangup-after", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    stdout = proc.stdout
    assert stdout is not None
    reader = threading.Thread(target=lambda: lines.extend(iter(stdout.readline, "")),
                              daemon=True)
    reader.start()
    try:
        placed = wait_for(lambda: next((ln for ln in lines if "Appel créé" in ln), None), 30,
                          "the call to be placed")
        call_id = placed.split("(")[1].split(")")[0]
        code, query = sms_for(server, call_id)
        relative_joins(chromium_page, server.url, code, query=query)
        assert proc.wait(60) == 0, "".join(lines)
    finally:
        if proc.poll() is None:
            proc.kill()
        reader.join(5)
    out = "".join(lines)
    assert "Le proche a rejoint l'appel." in out
    assert "Appel terminé (booth_hangup)" in out and "Relevé d'usage" in out
    assert "Traceback" not in out
    # The booth had never synced: the command learnt the booking first, so the
    # usage record went through the outbox and reached central, billed once.
    assert "Relevé envoyé au serveur central." in out
    from central.db.models import Call, LedgerEntry
    from parloir.tariff_data import load_default_tariff_book
    from policy.billing import price_call

    with server.session() as s:
        call = s.get(Call, call_id)
        assert call.usage_outcome == "accepted"
        tariff = load_default_tariff_book().in_force(call.usage_connected_at)
        expected = price_call(tariff, world.plan, call.connected_seconds).total_cents
        debits = s.query(LedgerEntry).filter_by(call_id=call_id, kind="debit").all()
        assert [d.amount_cents for d in debits] == [expected]
        assert call.connected_seconds >= 1
