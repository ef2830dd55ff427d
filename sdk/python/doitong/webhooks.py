"""Standard Webhooks verification (https://www.standardwebhooks.com), the scheme the API signs with."""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Any, Mapping, Optional, Union

from .errors import WebhookVerificationError

# How far webhook-timestamp may be from now, as the Standard Webhooks reference libraries allow.
TOLERANCE_SECONDS = 5 * 60


def verify_webhook(body: Union[bytes, str], headers: Mapping[str, str], secret: str, now: Optional[float] = None) -> Any:
    """Checks a delivery and returns its parsed JSON payload, or raises WebhookVerificationError.

    HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>" keyed with the base64 bytes after "whsec_"; any one
    of the space-separated "v1,<base64>" signatures may match (two during a secret rotation); the timestamp must be
    within five minutes. Pass the raw body exactly as received, not re-serialized JSON.
    """
    lower = {k.lower(): v for k, v in headers.items()}
    msg_id, timestamp, signatures = lower.get("webhook-id"), lower.get("webhook-timestamp"), lower.get("webhook-signature")
    if not msg_id or not timestamp or not signatures:
        raise WebhookVerificationError("Missing webhook-id, webhook-timestamp or webhook-signature header")
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise WebhookVerificationError("Invalid webhook-timestamp") from None
    age = (time.time() if now is None else now) - sent_at
    if age > TOLERANCE_SECONDS:
        raise WebhookVerificationError("Webhook timestamp too old")
    if age < -TOLERANCE_SECONDS:
        raise WebhookVerificationError("Webhook timestamp too new")

    raw = body.encode("utf-8") if isinstance(body, str) else body
    encoded = secret[len("whsec_"):] if secret.startswith("whsec_") else secret
    try:
        key = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise WebhookVerificationError("The webhook secret is not base64 (expected whsec_...)") from None
    expected = hmac.new(key, f"{msg_id}.{timestamp}.".encode("utf-8") + raw, hashlib.sha256).digest()
    for entry in signatures.split(" "):
        version, _, signature = entry.partition(",")
        if version != "v1":
            continue
        try:
            candidate = base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError):
            continue
        if hmac.compare_digest(expected, candidate):
            return json.loads(raw.decode("utf-8"))
    raise WebhookVerificationError("No matching signature found")
