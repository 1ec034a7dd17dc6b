"""Module-level stand-ins for a brief, for the worker-process tests (they must pickle)."""

from __future__ import annotations

import os
import time

from wirebrief.errors import InputError


def sleepy(*args: object, **kwargs: object) -> object:
    time.sleep(60)
    raise AssertionError("a brief past its budget is stopped before this")


def crash(*args: object, **kwargs: object) -> object:
    os._exit(3)  # like a segmentation fault in a parser: no exception, the process is gone


def echo(value: object) -> object:
    return value


def refuse(*args: object, **kwargs: object) -> object:
    raise InputError("give the article as `text` or `html`", reason="empty")


def pid() -> int:
    return os.getpid()
