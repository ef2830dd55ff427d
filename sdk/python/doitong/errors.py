"""Every failure is a DoitongError (or a subclass picked by its code): catch by class or look at `code`.

`code` is the API's errors[].extensions.code, `field` the offending input (INVALID_INPUT), `request_id` what
support needs to find the request in the server's logs.
"""
from __future__ import annotations

from typing import Any, Dict, Optional


class DoitongError(Exception):
    def __init__(
        self,
        message: str,
        code: str,
        field: Optional[str] = None,
        request_id: Optional[str] = None,
        status: Optional[int] = None,
        retry_after: Optional[float] = None,
        extensions: Optional[Dict[str, Any]] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.request_id = request_id
        self.status = status
        self.retry_after = retry_after
        self.extensions = extensions or {}

    def __str__(self) -> str:
        where = f" ({self.field})" if self.field else ""
        return f"{self.code}{where}: {self.message}"


class AuthenticationError(DoitongError):
    """UNAUTHENTICATED: missing, malformed or revoked API key."""


class ForbiddenError(AuthenticationError):
    """FORBIDDEN, WORKSPACE_SUSPENDED: the key or person is known but may not do this (a key's scope or limits,
    a member's role, a suspended workspace). An AuthenticationError too."""


class RateLimitError(DoitongError):
    """RATE_LIMIT: per-minute, daily or queue limit; retry_after says when to come back."""


class InsufficientCreditsError(DoitongError):
    """INSUFFICIENT_CREDITS, or a cost above the request's maxCost."""


class InvalidInputError(DoitongError):
    """INVALID_INPUT, QUERY_TOO_COMPLEX, PAYLOAD_TOO_LARGE: the request itself must change."""


class NotFoundError(DoitongError):
    """NOT_FOUND: no such object in this account."""


class IdempotencyConflictError(DoitongError):
    """IDEMPOTENCY_CONFLICT: the Idempotency-Key was used before with a different request."""


class GenerationError(DoitongError):
    """PROVIDER_UNAVAILABLE, GENERATION_FAILED, DEADLINE_EXCEEDED: the generation could not be made."""


class ServerError(DoitongError):
    """INTERNAL, SERVICE_UNAVAILABLE, an HTTP 5xx or a response that is not the API's: retry later."""


class ConnectionError(DoitongError):  # noqa: A001 - the SDK's own, raised after the retries
    """The API could not be reached (DNS, refused connection, reset), after the retries."""


class WebhookVerificationError(DoitongError):
    """A webhook that is not ours, was changed on the way, or is too old (a replay)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "WEBHOOK_VERIFICATION_FAILED")


_CLASSES = {
    "UNAUTHENTICATED": AuthenticationError,
    "FORBIDDEN": ForbiddenError,
    "WORKSPACE_SUSPENDED": ForbiddenError,
    "RATE_LIMIT": RateLimitError,
    "INSUFFICIENT_CREDITS": InsufficientCreditsError,
    "INVALID_INPUT": InvalidInputError,
    "QUERY_TOO_COMPLEX": InvalidInputError,
    "PAYLOAD_TOO_LARGE": InvalidInputError,
    "NOT_FOUND": NotFoundError,
    "IDEMPOTENCY_CONFLICT": IdempotencyConflictError,
    "PROVIDER_UNAVAILABLE": GenerationError,
    "GENERATION_FAILED": GenerationError,
    "DEADLINE_EXCEEDED": GenerationError,
    "INTERNAL": ServerError,
    "SERVICE_UNAVAILABLE": ServerError,
}


def error_for(message: str, code: str, **details: Any) -> DoitongError:
    """The class for an API error code; unknown (newer) codes are plain DoitongErrors."""
    return _CLASSES.get(code, DoitongError)(message, code, **details)
