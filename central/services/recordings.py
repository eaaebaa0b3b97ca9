"""Recordings of calls: catalogue, access, hold and retention.

The relay writes one Matroska file per call (`<recordings dir>/<call id>.mkv`);
this module keeps the `recordings` table in step with those files
(`sync_recordings`), resolves a file for a monitor, and destroys files past
the retention period (Code pénitentiaire L223-4: 90 days, the clock stops
while a disciplinary case holds the recording). Every access and every
destruction goes to the audit log.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import Call, Establishment, Recording
from central.services import audit
from central.settings import CentralSettings

log = logging.getLogger(__name__)

LIVE = ("inviting", "connected")
SUFFIX = ".mkv"
SIDES = ("booth", "relative")  # the relay writes booth video/audio first, then the relative's
SIDE_CACHE = ".sides"


@dataclass(frozen=True)
class Purged:
    recording_id: int
    call_id: str
    path: str
    age_days: int


def _safe(call_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in call_id)


def file_for(settings: CentralSettings, call_id: str) -> Path:
    return settings.recordings_path / f"{_safe(call_id)}{SUFFIX}"


def sync_recordings(session: Session, settings: CentralSettings) -> int:
    """Catalogue the files of ended calls (idempotent); returns how many rows changed."""
    folder = settings.recordings_path
    if not folder.is_dir():
        return 0
    changed = 0
    known = {r.call_id: r for r in session.scalars(select(Recording))}
    for path in folder.glob(f"*{SUFFIX}"):
        call_id = path.stem
        call = session.get(Call, call_id) if len(call_id) <= 36 else None
        if call is None or call.status in LIVE:
            continue  # still being written, or not a call of ours
        row = known.get(call_id)
        if row is not None and row.status != "recording":
            continue
        size = path.stat().st_size
        if row is None:
            row = Recording(call_id=call_id, path=path.name, kind="mixed",
                            started_at=call.connected_at or call.created_at)
            session.add(row)
        row.status = "complete" if size > 0 else "broken"
        row.path = path.name
        row.ended_at = call.ended_at
        row.size_bytes = size
        changed += 1
    if changed:
        session.flush()
    return changed


def hold_call(session: Session, call: Call, now: datetime) -> Recording:
    """Stop the retention clock of a call's recording (disciplinary case)."""
    row = session.scalars(select(Recording).where(Recording.call_id == call.id)).first()
    if row is None:
        row = Recording(call_id=call.id, path=f"{_safe(call.id)}{SUFFIX}", kind="mixed",
                        status="recording", started_at=call.connected_at or call.created_at)
        session.add(row)
    row.hold = True
    session.flush()
    return row


def list_recordings(session: Session, establishment_id: int | None,
                    limit: int = 200) -> list[tuple[Recording, Call]]:
    """Playable recordings (never of protected calls), newest first."""
    q = (select(Recording, Call).join(Call, Call.id == Recording.call_id)
         .where(Recording.status == "complete", Call.protected.is_(False))
         .order_by(Recording.started_at.desc()).limit(limit))
    if establishment_id is not None:
        q = q.where(Call.establishment_id == establishment_id)
    return [(r, c) for r, c in session.execute(q).all()]


def recording_path(settings: CentralSettings, row: Recording) -> Path | None:
    """The file of a catalogued recording, only if it is inside the recordings folder."""
    folder = settings.recordings_path.resolve()
    path = (folder / row.path).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    return path


def side_file(settings: CentralSettings, row: Recording, side: str) -> Path | None:
    """One side of a recording (its video and audio) as WebM, remuxed once without re-encoding.

    Browsers play only the first video and audio track of a file; the relay
    writes both sides into one file. The copies live next to the recordings
    (`.sides/`) and are destroyed with them.
    """
    src = recording_path(settings, row)
    if src is None or side not in SIDES:
        return None
    cache = settings.recordings_path / SIDE_CACHE
    out = cache / f"{Path(row.path).stem}.{side}.webm"
    if out.is_file() and out.stat().st_mtime >= src.stat().st_mtime:
        return out
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / f".{out.name}.{secrets.token_hex(4)}.tmp"
    try:
        if not _remux(src, tmp, SIDES.index(side)):
            return None
        tmp.replace(out)
    except Exception:
        log.exception("recording %s: side %s could not be prepared", row.id, side)
        return None
    finally:
        tmp.unlink(missing_ok=True)
    return out


def sides_of(settings: CentralSettings, row: Recording) -> list[str]:
    """Which sides a recording holds (a file from the relay has both)."""
    import av

    src = recording_path(settings, row)
    if src is None:
        return []
    try:
        with av.open(str(src)) as container:
            videos = sum(1 for s in container.streams if s.type == "video")
    except Exception:
        return []
    return list(SIDES[: max(0, min(videos, len(SIDES)))])


def _remux(src: Path, dst: Path, index: int) -> bool:
    import av

    with av.open(str(src)) as inp:
        videos = [s for s in inp.streams if s.type == "video"]
        audios = [s for s in inp.streams if s.type == "audio"]
        if index >= len(videos):
            return False
        pick = [videos[index]] + ([audios[index]] if index < len(audios) else [])
        with av.open(str(dst), "w", format="webm") as out:
            mapping = {s.index: out.add_stream_from_template(s) for s in pick}
            for packet in inp.demux(pick):
                if packet.dts is None:
                    continue
                packet.stream = mapping[packet.stream.index]
                out.mux(packet)
    return True


def audit_access(session: Session, actor: str, row: Recording, now: datetime,
                 details: dict[str, Any]) -> None:
    audit.append(session, actor, "recording.access", f"recording:{row.id}",
                 {"call_id": row.call_id, **details}, at=now)


def _retention(settings: CentralSettings, est: Establishment | None) -> int:
    days = int(settings.relay.retention_days)
    if est is not None and est.retention_days:
        days = min(days, int(est.retention_days))
    return days


def purge_expired(session: Session, settings: CentralSettings, now: datetime) -> list[Purged]:
    """Destroy recordings older than the retention period, except those on hold (audited).

    Age counts from the end of the call. The caller commits.
    """
    sync_recordings(session, settings)
    purged: list[Purged] = []
    rows = session.execute(
        select(Recording, Call).join(Call, Call.id == Recording.call_id)
        .where(Recording.status.in_(("complete", "broken", "recording")),
               Recording.hold.is_(False))
    ).all()
    establishments: dict[int, Establishment | None] = {}
    for row, call in rows:
        if call.status in LIVE:
            continue
        if call.establishment_id not in establishments:
            establishments[call.establishment_id] = session.get(Establishment,
                                                                call.establishment_id)
        days = _retention(settings, establishments[call.establishment_id])
        ended = row.ended_at or call.ended_at or row.started_at
        if now - ended < timedelta(days=days):
            continue
        path = settings.recordings_path / row.path
        existed = path.is_file()
        try:
            path.unlink(missing_ok=True)
            for copy in (settings.recordings_path / SIDE_CACHE).glob(f"{Path(row.path).stem}.*"):
                copy.unlink(missing_ok=True)
        except OSError as exc:
            log.error("recording %s could not be destroyed: %s", row.id, exc)
            continue
        row.status = "purged"
        row.purged_at = now
        age = int((now - ended).total_seconds() // 86400)
        audit.append(session, "system:retention", "recording.purged", f"recording:{row.id}", {
            "call_id": call.id, "file": row.path, "file_existed": existed,
            "age_days": age, "retention_days": days,
        }, at=now)
        purged.append(Purged(row.id, call.id, row.path, age))
    session.flush()
    return purged
