"""ICE configuration for the relay and the booth: servers from config, loopback mode for tests.

aiortc falls back to a public STUN server when `iceServers` is unset; an
unreachable one costs ~5 s per call, so the configuration is always explicit.
aioice leaves 127.0.0.1 out of its host candidates: the loopback mode (tests,
demo on one machine) makes it offer 127.0.0.1 only and drops every other
candidate from SDP it receives, so nothing leaves the machine.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from aiortc import RTCConfiguration, RTCIceServer

LOOPBACK_ENV = "RELAY_LOOPBACK_ONLY"

_patched = False


def rtc_configuration(urls: Iterable[str] = (), username: str | None = None,
                      credential: str | None = None) -> RTCConfiguration:
    """An explicit configuration: no server at all unless configured (never a public STUN)."""
    servers = [RTCIceServer(urls=u, username=username, credential=credential) for u in urls if u]
    return RTCConfiguration(iceServers=servers)


def loopback_requested(flag: bool = False) -> bool:
    return flag or os.environ.get(LOOPBACK_ENV, "").lower() in {"1", "true", "yes", "on"}


def enable_loopback_only() -> None:
    """Make aioice gather 127.0.0.1 only (process-wide; meant for tests and one-machine demos)."""
    global _patched
    if _patched:
        return
    import aioice.ice

    def _loopback(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        return ["127.0.0.1"] if use_ipv4 else []

    aioice.ice.get_host_addresses = _loopback
    _patched = True


def loopback_enabled() -> bool:
    return _patched


def keep_loopback_candidates(sdp: str) -> str:
    """Drop every ICE candidate line that does not point at 127.0.0.1 (mDNS, LAN, IPv6...)."""
    out: list[str] = []
    for line in sdp.splitlines():
        if line.startswith("a=candidate:"):
            parts = line.split()
            if len(parts) < 5 or parts[4] != "127.0.0.1":
                continue
        out.append(line)
    return "\r\n".join(out) + "\r\n"


def filter_remote_sdp(sdp: str) -> str:
    return keep_loopback_candidates(sdp) if _patched else sdp


def parse_ice_urls(urls: Sequence[str] | str | None) -> list[str]:
    if urls is None:
        return []
    if isinstance(urls, str):
        return [u.strip() for u in urls.split(",") if u.strip()]
    return [u for u in urls if u]
