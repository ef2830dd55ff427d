"""Doitong: one GraphQL API for AI video, image, speech and avatar generation. Standard library only.

    from doitong import Doitong
    client = Doitong(api_key="dk_live_...", base_url="https://api.doitong.com")
    started = client.generate({"type": "IMAGE", "input": {"text": "A lighthouse at dawn"}})
    done = client.wait(started.id, on_progress=lambda g: print(g.status.value, g.progress))
    client.download(done, "lighthouse.png")
"""
from ._schema import Estimate, Generation, GenerationStatus, GenerationType, LedgerEntry, Me, Provider, Upload
from .client import Doitong, is_final
from .errors import (
    AuthenticationError,
    ConnectionError,
    DoitongError,
    ForbiddenError,
    GenerationError,
    IdempotencyConflictError,
    InsufficientCreditsError,
    InvalidInputError,
    NotFoundError,
    RateLimitError,
    ServerError,
    WebhookVerificationError,
)
from .webhooks import verify_webhook

__version__ = "0.1.0"
__all__ = [
    "AuthenticationError",
    "ConnectionError",
    "Doitong",
    "DoitongError",
    "ForbiddenError",
    "Estimate",
    "Generation",
    "GenerationError",
    "GenerationStatus",
    "GenerationType",
    "IdempotencyConflictError",
    "InsufficientCreditsError",
    "InvalidInputError",
    "LedgerEntry",
    "Me",
    "NotFoundError",
    "Provider",
    "RateLimitError",
    "ServerError",
    "Upload",
    "WebhookVerificationError",
    "is_final",
    "verify_webhook",
]
