"""Parloir: the launcher package (command line, settings loading, clock)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("parloir")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+src"
