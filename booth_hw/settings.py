"""Hardware settings of a booth: `[camera]`, `[audio]`, `[selftest]`, `[central]`.

The booth's configuration file also holds sections that belong to other parts
(kiosk, sync...). `load_hardware_settings` keeps only the sections named here,
so `parloir selftest --config booth.toml` reads the very same file the kiosk
reads. Inside those sections unknown keys are still errors.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parloir import settings as _ps

SettingsError = _ps.SettingsError


@dataclass(frozen=True)
class CameraSettings:
    """`source`: a device index (`"0"`), a device path (`"/dev/video0"`), a video
    file or URL (looped), or `"synthetic"` (generated picture with frame codes)."""

    source: str = "0"
    width: int = 1280
    height: int = 720
    fps: float = 30.0
    # Mean luma (0-255) under which a frame counts as black.
    black_level: float = 16.0
    # A picture that has not changed for this long is reported frozen.
    frozen_after_s: float = 2.0
    # Reconnection backoff after an unplug: starts at min, doubles, capped at max.
    reconnect_min_s: float = 0.25
    reconnect_max_s: float = 4.0


@dataclass(frozen=True)
class AudioSettings:
    """`input_device` / `output_device`: part of a PortAudio device name, empty
    for the system default, or `"synthetic"` (generated tone / WAV file for the
    microphone, a silent sink for the speaker)."""

    input_device: str = ""
    output_device: str = ""
    # With PulseAudio or PipeWire: the source / sink to use (sets PULSE_SOURCE /
    # PULSE_SINK for our streams). Empty: the server's default.
    pulse_source: str = ""
    pulse_sink: str = ""
    sample_rate: int = 48000
    block_ms: int = 20
    # PortAudio latency hint for both streams: "low", "high" or seconds ("0.04").
    latency: str = "low"
    # Output volume, 0.0-1.0.
    volume: float = 1.0
    # Remote audio waiting to be played is capped here; the oldest is dropped.
    playback_buffer_ms: int = 200
    # Synthetic microphone: a WAV file (looped) or, if empty, a sine tone.
    synthetic_file: str = ""
    synthetic_tone_hz: float = 440.0
    synthetic_level_dbfs: float = -12.0


@dataclass(frozen=True)
class SelfTestSettings:
    """Thresholds and durations of the technician's self-tests."""

    camera_seconds: float = 2.0
    camera_open_timeout_s: float = 4.0
    fps_tolerance: float = 0.10
    sharpness_warn: float = 30.0
    audio_seconds: float = 1.0
    audio_open_timeout_s: float = 4.0
    tone_hz: float = 1000.0
    tone_dbfs: float = -12.0
    noise_floor_warn_dbfs: float = -40.0
    noise_floor_fail_dbfs: float = -20.0
    frequency_tolerance_hz: float = 5.0
    delay_warn_ms: float = 250.0
    # Folders whose free space is checked: logs, recordings queue, local store.
    disk_paths: list[Path] = field(
        default_factory=lambda: [Path("/var/log/parloir"), Path("/var/lib/parloir")]
    )
    disk_warn_mb: int = 2048
    disk_fail_mb: int = 500
    network_timeout_s: float = 3.0
    rtt_warn_ms: float = 200.0
    clock_warn_s: float = 2.0
    clock_fail_s: float = 30.0


@dataclass(frozen=True)
class CentralLinkSettings:
    """Where the central server is, for the network and clock self-tests.

    `[central]` is shared with the sync part (token, timeout...): only these
    keys are read here, the others are left to their owner."""

    url: str = ""
    # The prison's CA (PEM) when central is served over https with it.
    ca_bundle: str = ""


@dataclass(frozen=True)
class HardwareSettings:
    camera: CameraSettings = field(default_factory=CameraSettings)
    audio: AudioSettings = field(default_factory=AudioSettings)
    selftest: SelfTestSettings = field(default_factory=SelfTestSettings)
    central: CentralLinkSettings = field(default_factory=CentralLinkSettings)

    @classmethod
    def load(
        cls, path: str | Path | None = None, *, environ: Mapping[str, str] | None = None
    ) -> HardwareSettings:
        return load_hardware_settings(path, environ=environ)

    def replace(self, **sections: Any) -> HardwareSettings:
        """A copy with some keys changed: `s.replace(camera={"source": "synthetic"})`."""
        changes: dict[str, Any] = {}
        for name, values in sections.items():
            current = getattr(self, name)
            changes[name] = dataclasses.replace(current, **values)
        return dataclasses.replace(self, **changes)


SECTIONS = tuple(f.name for f in dataclasses.fields(HardwareSettings))
# Sections other parts also use: keep only the keys we know.
SHARED = {"central": {f.name for f in dataclasses.fields(CentralLinkSettings)}}


def load_hardware_settings(
    path: str | Path | None = None, *, environ: Mapping[str, str] | None = None
) -> HardwareSettings:
    """Defaults, then our sections of the booth's TOML file, then `PARLOIR_<SECTION>__<KEY>`."""
    return _ps.load_settings(
        HardwareSettings, path, environ=environ, sections=True, shared=tuple(SHARED)
    )

