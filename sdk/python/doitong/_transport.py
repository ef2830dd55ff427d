"""One GraphQL request over urllib, with the retry policy the TypeScript SDK has (sdk/typescript/src/transport.ts)."""
from __future__ import annotations

import email.utils
import json
import random
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Dict, Optional

from .errors import ConnectionError, DoitongError, RateLimitError, ServerError, error_for

USER_AGENT = "doitong-python/0.1.0"


@dataclass
class Transport:
    api_key: str
    base_url: str
    max_retries: int = 3
    max_retry_delay: float = 60.0
    timeout: float = 60.0

    def headers(self, idempotency_key: Optional[str] = None, accept: str = "application/json") -> Dict[str, str]:
        headers = {
            "Authorization": f"Bearer {self.api_key}",
            "Content-Type": "application/json",
            "Accept": accept,
            "User-Agent": USER_AGENT,
        }
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    def request(self, query: str, variables: Dict[str, Any], idempotent: bool, idempotency_key: Optional[str] = None) -> Dict[str, Any]:
        """Returns `data`, or raises the first error as its class.

        A 429 is always retried (it did nothing); a 5xx or a lost connection only when `idempotent` (a query, or a
        mutation with an Idempotency-Key, which the API answers with the first result instead of doing it twice).
        """
        body = json.dumps({"query": query, "variables": variables}).encode("utf-8")
        attempt = 0
        while True:
            retry_after: Optional[float] = None
            try:
                request = urllib.request.Request(f"{self.base_url}/graphql", data=body, headers=self.headers(idempotency_key), method="POST")
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return _read(response.status, response.headers, response.read())
            except urllib.error.HTTPError as error:
                retry_after = parse_retry_after(error.headers.get("Retry-After"))
                failure = _error_of(error.code, error.headers, error.read())
            except (urllib.error.URLError, socket.timeout, ConnectionResetError, OSError) as error:
                reason = getattr(error, "reason", error)
                failure = ConnectionError(f"Could not reach {self.base_url}: {reason}", "CONNECTION_ERROR")
            except DoitongError as error:
                failure = error
                retry_after = error.retry_after
            retryable = isinstance(failure, RateLimitError) or (idempotent and isinstance(failure, (ServerError, ConnectionError)))
            if not retryable or attempt >= self.max_retries:
                raise failure
            time.sleep(_delay(attempt, retry_after, self.max_retry_delay))
            attempt += 1


def _read(status: int, headers: Any, raw: bytes) -> Dict[str, Any]:
    payload = _json(raw)
    if payload and payload.get("errors"):
        raise _error_of(status, headers, raw)
    if payload is None or not isinstance(payload.get("data"), dict):
        raise ServerError(f"Unexpected response: HTTP {status}", "INTERNAL", status=status)
    return payload["data"]


def _error_of(status: int, headers: Any, raw: bytes) -> DoitongError:
    request_id = headers.get("X-Request-Id") if headers else None
    retry_after = parse_retry_after(headers.get("Retry-After")) if headers else None
    payload = _json(raw)
    errors = payload.get("errors") if payload else None
    if errors:
        first = errors[0]
        ext = first.get("extensions") or {}
        code = ext.get("code") or ("INTERNAL" if status >= 500 else "UNKNOWN")
        if retry_after is None and isinstance(ext.get("retryAfter"), (int, float)):
            retry_after = float(ext["retryAfter"])
        return error_for(first.get("message", code), code, field=ext.get("field"), request_id=ext.get("requestId") or request_id, status=status, retry_after=retry_after, extensions=ext)
    # Not the API's answer (a proxy's page, an empty body): judged by the status alone.
    if status == 429:
        return RateLimitError("Too many requests", "RATE_LIMIT", status=status, request_id=request_id, retry_after=retry_after)
    return ServerError(f"Unexpected response: HTTP {status}", "INTERNAL", status=status, request_id=request_id, retry_after=retry_after)


def _json(raw: bytes) -> Optional[Dict[str, Any]]:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def parse_retry_after(value: Optional[str]) -> Optional[float]:
    """Retry-After as seconds: a number of seconds or an HTTP date (RFC 9110 section 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _delay(attempt: int, retry_after: Optional[float], maximum: float) -> float:
    """The server's Retry-After when it gave one; otherwise exponential backoff (0.5 s, 1 s, 2 s...) with jitter."""
    if retry_after is not None:
        return min(retry_after, maximum)
    return min(0.5 * (2 ** attempt) * (0.5 + random.random() / 2), maximum)
