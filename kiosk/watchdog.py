"""systemd notifications (READY=1, WATCHDOG=1) over NOTIFY_SOCKET, with no extra dependency.

WATCHDOG=1 is sent from a timer on the GUI thread: if the UI freezes, the
pings stop and systemd restarts the kiosk (Type=notify, WatchdogSec=).
"""

from __future__ import annotations

import os
import socket


def notify(message: str, environ: dict[str, str] | None = None) -> bool:
    """Send one datagram to the service manager; False when not run by systemd."""
    env = os.environ if environ is None else environ
    addr = env.get("NOTIFY_SOCKET", "")
    if not addr:
        return False
    if addr.startswith("@"):
        addr = "\0" + addr[1:]  # abstract namespace
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(addr)
            sock.sendall(message.encode())
        return True
    except OSError:
        return False


def interval_ms(environ: dict[str, str] | None = None) -> int | None:
    """Half the watchdog period systemd asked for (WATCHDOG_USEC), or None."""
    env = os.environ if environ is None else environ
    usec = env.get("WATCHDOG_USEC", "")
    pid = env.get("WATCHDOG_PID", "")
    if not usec.isdigit():
        return None
    if pid and pid != str(os.getpid()):
        return None
    return max(500, int(usec) // 2000)
