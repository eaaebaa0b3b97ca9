"""Regenerates the kiosk's translations: lupdate → fill from the catalog → lrelease.

    .venv/bin/python -m kiosk.i18n_build

French is the source language. The .ts files (with the translations in
their XML) and the compiled .qm files are both kept in assets/translations/.
Exits non-zero if a French string has no translation.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "translations"
TS_LANG = {"en": "en_GB", "ar": "ar", "es": "es_ES"}


def tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else name


def sources() -> list[str]:
    files = sorted((ROOT / "kiosk").glob("*.py")) + sorted((ROOT / "kiosk" / "ui").glob("*.py"))
    return [str(f.relative_to(ROOT)) for f in files if f.name not in ("i18n_build.py",)]


def build() -> list[str]:
    """Returns the French strings that have no translation (empty when complete)."""
    from assets.translations.catalog import LANGS, T

    missing: set[str] = set()
    for i, lang in enumerate(LANGS):
        ts = OUT / f"parloir_{lang}.ts"
        subprocess.run(
            [tool("pyside6-lupdate"), *sources(), "-source-language", "fr_FR",
             "-target-language", TS_LANG[lang], "-no-obsolete", "-ts", str(ts)],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        tree = ET.parse(ts)  # noqa: S314 - our own file, just written by lupdate
        for msg in tree.getroot().iter("message"):
            src = msg.findtext("source") or ""
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            entry = T.get(src)
            if entry is None:
                missing.add(src)
                tr.set("type", "unfinished")
                tr.text = ""
                continue
            tr.text = entry[i]
            tr.attrib.pop("type", None)
        tree.write(ts, encoding="utf-8", xml_declaration=True)
        subprocess.run(
            [tool("pyside6-lrelease"), str(ts), "-qm", str(OUT / f"parloir_{lang}.qm")],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
    return sorted(missing)


def main() -> int:
    missing = build()
    for m in missing:
        print(f"missing translation: {m!r}", file=sys.stderr)
    print(f"translations written to {OUT} ({len(missing)} missing)")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
