"""The Wirebrief error tree: every failure says why.

Third-party exceptions are translated at the boundary into one of these. The CLI maps them to a
one-line message and a non-zero exit; the API to a status code with a JSON body.
"""

from __future__ import annotations


class WirebriefError(Exception):
    """Base of every error Wirebrief raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason or "error"

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[object, ...]:
        # The default rebuilds from `args` alone and would drop `reason` on the way back from a
        # worker process; subclasses have their own __init__ signatures, so bypass __init__.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(
    cls: type[WirebriefError], args: tuple[object, ...], state: dict[str, object]
) -> WirebriefError:
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    return exc


class InputError(WirebriefError):
    """The input cannot be read: missing, empty, binary, too large, undecodable."""

    exit_code = 2


class FetchError(WirebriefError):
    """A URL could not be fetched safely."""

    exit_code = 3


class ExtractionError(WirebriefError):
    """No article could be extracted (reason: no_body, too_short, ...)."""

    exit_code = 4


class NotAnArticle(ExtractionError):
    """The record holds no article prose: an empty body, a price table, a list of results, a
    headline alone. A run skips such a record and counts it; it is not a failure (`--strict`
    makes it one). reason: empty, no_prose, too_short."""


class AnalysisError(WirebriefError):
    """The analysis stage failed (e.g. the language model is missing)."""

    exit_code = 5


class StoreError(WirebriefError):
    """The embedded store failed or was asked for something it does not have."""

    exit_code = 6


class NotFoundError(StoreError):
    """No such article, entity or story."""
