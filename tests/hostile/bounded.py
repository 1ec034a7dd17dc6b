"""Hang detection for hostile inputs.

Not a speed test (targets live in benchmarks/): the inputs are sized so that the quadratic code
they reproduce runs for minutes, while the fixed code takes milliseconds; the bound sits far
from both, so machine noise cannot flip the result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
HANG_S = 30.0  # fixed code: well under a second; the reproduced bug: minutes to hours


def finishes(fn: Callable[[], T], seconds: float = HANG_S) -> T:
    """`fn()`'s result; fails the test if it has not returned after `seconds`."""
    box: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            box.append(fn())
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise AssertionError(f"still running after {seconds:g} s: the input hangs the code")
    if errors:
        raise errors[0]
    return box[0]
