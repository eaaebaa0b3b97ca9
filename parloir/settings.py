"""One TOML file per process, environment variables override (tests, containers).

A settings class is a frozen dataclass whose fields have defaults; nested
sections are nested dataclasses. `PARLOIR_<SECTION>__<KEY>` overrides a
value, e.g. `PARLOIR_SERVER__PORT=8500`. Unknown keys and wrong types are
errors, reported with the file and key, never silently ignored.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class SettingsError(ValueError):
    """A configuration file or variable that cannot be used as it is."""


def _coerce(value: Any, kind: Any, where: str) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        if value is None or value == "":
            return None
        return _coerce(value, options[0], where)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        if not isinstance(value, Mapping):
            raise SettingsError(f"{where}: expected a table")
        return _build(kind, value, where)
    if origin in (list, tuple):
        (item,) = typing.get_args(kind)[:1] or (str,)
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list | tuple):
            raise SettingsError(f"{where}: expected a list")
        items = [_coerce(v, item, f"{where}[]") for v in value]
        return tuple(items) if origin is tuple else items
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"1", "true", "yes", "on"}:
            return True
        if isinstance(value, str) and value.lower() in {"0", "false", "no", "off"}:
            return False
        raise SettingsError(f"{where}: expected true or false, got {value!r}")
    if kind is int:
        if isinstance(value, bool):
            raise SettingsError(f"{where}: expected an integer, got {value!r}")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise SettingsError(f"{where}: expected an integer, got {value!r}") from None
    if kind is float:
        try:
            return float(value)
        except (TypeError, ValueError):
            raise SettingsError(f"{where}: expected a number, got {value!r}") from None
    if kind is Path:
        return Path(str(value)).expanduser()
    if kind is str:
        if not isinstance(value, str | int):
            raise SettingsError(f"{where}: expected text, got {value!r}")
        return str(value)
    return value


def _build(cls: type[T], data: Mapping[str, Any], where: str) -> T:
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = set(data) - set(fields)
    if unknown:
        raise SettingsError(f"{where or 'top level'}: unknown key(s) {', '.join(sorted(unknown))}")
    kwargs = {
        name: _coerce(value, hints[name], f"{where}.{name}" if where else name)
        for name, value in data.items()
    }
    return cls(**kwargs)


def _env_overrides(prefix: str, environ: Mapping[str, str]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for key, value in environ.items():
        if not key.startswith(prefix):
            continue
        path = key[len(prefix) :].lower().split("__")
        node = tree
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return tree


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(dict(out[key]), value)
        else:
            out[key] = value
    return out


def _known_only(cls: type[Any], tree: Mapping[str, Any]) -> dict[str, Any]:
    """Keep the environment keys that name a field of `cls` (recursively).

    Several processes (central, booth) share one environment in tests and
    containers: a variable meant for the other one is not an error here.
    """
    hints = typing.get_type_hints(cls)
    out: dict[str, Any] = {}
    for key, value in tree.items():
        if key not in hints:
            continue
        kind = hints[key]
        if isinstance(value, Mapping) and dataclasses.is_dataclass(kind):
            out[key] = _known_only(kind, value)  # type: ignore[arg-type]
        else:
            out[key] = value
    return out


def load_settings(
    cls: type[T],
    path: str | Path | None = None,
    *,
    env_prefix: str = "PARLOIR_",
    environ: Mapping[str, str] | None = None,
    sections: bool = False,
    shared: Collection[str] = (),
) -> T:
    """Defaults, then the TOML file (if any), then environment variables.

    With `sections=True` the file is shared by several parts (the booth's
    one config file): top-level tables that are not fields of `cls` belong
    to another part and are left alone. Unknown keys inside our own tables
    are still errors, except in the `shared` tables (e.g. the booth's
    `[central]`, read by sync and by the self-tests), where each part takes
    the keys it knows.
    """
    data: dict[str, Any] = {}
    source = "environment"
    if path is not None:
        p = Path(path)
        source = str(p)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SettingsError(f"{p}: configuration file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{p}: cannot be read ({exc})") from None
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{p}: not valid TOML ({exc})") from None
    if sections:
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        data = {k: v for k, v in data.items() if k in names}
    hints = typing.get_type_hints(cls)
    for name in shared:
        table = data.get(name)
        if isinstance(table, Mapping) and dataclasses.is_dataclass(hints.get(name)):
            keys = {f.name for f in dataclasses.fields(hints[name])}
            data[name] = {k: v for k, v in table.items() if k in keys}
    env = os.environ if environ is None else environ
    data = _merge(data, _known_only(cls, _env_overrides(env_prefix, env)))
    try:
        return _build(cls, data, "")
    except SettingsError as exc:
        raise SettingsError(f"{source}: {exc}") from None
    except TypeError as exc:  # a field without default missing
        raise SettingsError(f"{source}: {exc}") from None
