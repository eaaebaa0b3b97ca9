"""Dev mode only: the SMS outbox as a phone (`/dev/sms`), so the demo needs no real phone.

The app registers this router only when `server.dev_mode` is on; each
handler checks again, so a mistake elsewhere still answers 404.
"""

from __future__ import annotations

from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from central.api.deps import SessionDep
from central.api.errors import ApiError
from central.db.models import SmsMessage

router = APIRouter(tags=["développement"], include_in_schema=False)

LIMIT = 50


def _require_dev(request: Request) -> None:
    if not getattr(request.app.state, "dev_mode", False):
        raise ApiError(404, "not_found", "Ressource introuvable.")


def _latest(session: Any, limit: int = LIMIT) -> list[SmsMessage]:
    q = select(SmsMessage).order_by(SmsMessage.id.desc()).limit(limit)
    return list(session.scalars(q))


@router.get("/dev/sms.json")
def sms_json(request: Request, session: SessionDep) -> dict[str, Any]:
    """Latest SMS, newest first, body included (tests read the code here)."""
    _require_dev(request)
    return {
        "messages": [
            {
                "id": m.id,
                "call_id": m.call_id,
                "to": m.to_e164,
                "body": m.body,
                "status": m.status,
                "created_at": m.created_at.isoformat(),
            }
            for m in _latest(session)
        ]
    }


def _when(m: SmsMessage) -> str:
    from babel.dates import format_datetime

    local = m.created_at.astimezone(ZoneInfo("Europe/Paris"))
    return str(format_datetime(local, "EEEE d MMMM, H' h 'mm ss' s'", locale="fr_FR"))


@router.get("/dev/sms", response_class=HTMLResponse)
def sms_page(request: Request, session: SessionDep) -> HTMLResponse:
    """A plain French page listing the outbox, refreshed every 2 seconds."""
    _require_dev(request)
    rows = _latest(session)
    items = (
        "\n".join(
            f'<li class="sms"><div class="meta">À {escape(m.to_e164)} — {escape(_when(m))}</div>'
            f'<div class="body">{escape(m.body)}</div></li>'
            for m in rows
        )
        or '<li class="empty">Aucun SMS pour le moment. Lancez un appel depuis la cabine.</li>'
    )
    html = f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2">
<title>SMS envoyés — Parloir (développement)</title>
<style>
body {{ font-family: "Noto Sans", "DejaVu Sans", sans-serif; background: #F4F6F9;
       color: #1B2430; margin: 0; padding: 16px; font-size: 18px; }}
h1 {{ font-size: 26px; margin: 0 0 4px; }}
p.note {{ color: #556070; margin: 0 0 16px; }}
ul {{ list-style: none; padding: 0; margin: 0; max-width: 720px; }}
li {{ background: #FFFFFF; border-radius: 12px; padding: 14px 16px; margin-bottom: 12px;
      box-shadow: 0 1px 3px rgba(0,0,0,.08); }}
.meta {{ color: #556070; font-size: 15px; margin-bottom: 6px; }}
.body {{ white-space: pre-wrap; word-break: break-word; }}
</style>
</head>
<body>
<h1>SMS envoyés</h1>
<p class="note">Mode développement : ce téléphone fictif reçoit les SMS d'invitation.
La page se met à jour toute seule.</p>
<ul>
{items}
</ul>
</body>
</html>"""
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})
