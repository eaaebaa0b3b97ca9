"""Soft chimes (assets/sounds/*.wav) played with QSoundEffect, never blocking the UI."""

from __future__ import annotations

import logging
from pathlib import Path

SOUNDS = Path(__file__).resolve().parent.parent / "assets" / "sounds"
NAMES = ("warning", "urgent", "joined", "ended", "test")
log = logging.getLogger(__name__)


class QtSounds:
    def __init__(self, volume: float = 0.6) -> None:
        self.volume = volume
        self._effects: dict[str, object] = {}
        self.played: list[str] = []

    def play(self, name: str) -> None:
        self.played.append(name)
        try:
            from PySide6.QtCore import QUrl
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:
            return
        effect = self._effects.get(name)
        if effect is None:
            path = SOUNDS / f"{name}.wav"
            if not path.exists():
                log.warning("missing sound %s", name)
                return
            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(self.volume)
            self._effects[name] = effect
        effect.play()  # type: ignore[attr-defined]
