"""The relative's join page at GET /rejoindre, and its static files (no build step)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, JSONResponse, Response

STATIC = Path(__file__).resolve().parent / "static"
TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".svg": "image/svg+xml", ".html": "text/html; charset=utf-8", ".png": "image/png"}
# The page only talks to its own origin; the camera and microphone are for this origin only.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
        "connect-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(self), microphone=(self)",
    "Cache-Control": "no-cache",
}

router = APIRouter(tags=["pages"])


@router.get("/rejoindre", include_in_schema=False)
async def join_page() -> Response:
    return FileResponse(STATIC / "index.html", media_type=TYPES[".html"], headers=HEADERS)


@router.get("/rejoindre/static/{name:path}", include_in_schema=False)
async def join_static(name: str) -> Response:
    path = (STATIC / name).resolve()
    if (not path.is_relative_to(STATIC) or not path.is_file()
            or path.suffix not in TYPES or path.name == "index.html"):
        return JSONResponse({"error": {"code": "not_found", "message": "Fichier introuvable."}},
                            status_code=404)
    return FileResponse(path, media_type=TYPES[path.suffix], headers=HEADERS)
