"""The generationUpdated subscription over Server-Sent Events (GraphQL over SSE, as the API serves it)."""
from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from typing import Callable, Iterator, Optional, Tuple

from ._schema import Generation
from ._transport import Transport
from .errors import error_for

FINAL = {"COMPLETED", "FAILED", "CANCELLED"}
# The server sends a keep-alive comment every few seconds; a stream silent for longer than this is dead.
READ_TIMEOUT = 30.0


def follow(transport: Transport, query: str, generation_id: str, report: Callable[[Generation], None], deadline: Optional[float]) -> Optional[Generation]:
    """Reads the stream until the final state; returns the last generation seen, or None when the stream could
    not be used (the caller then polls). A GraphQL error on the stream (NOT_FOUND...) is raised."""
    body = json.dumps({"query": query, "variables": {"id": generation_id}}).encode("utf-8")
    request = urllib.request.Request(f"{transport.base_url}/graphql", data=body, headers=transport.headers(accept="text/event-stream"), method="POST")
    last: Optional[Generation] = None
    try:
        with urllib.request.urlopen(request, timeout=READ_TIMEOUT) as response:
            if "text/event-stream" not in (response.headers.get("Content-Type") or ""):
                return None
            for event, data in _events(response):
                if event == "complete":
                    break
                if event != "next":
                    continue
                payload = json.loads(data)
                errors = payload.get("errors")
                if errors:
                    ext = errors[0].get("extensions") or {}
                    raise error_for(errors[0].get("message", ""), ext.get("code", "UNKNOWN"), field=ext.get("field"), request_id=ext.get("requestId"), extensions=ext)
                node = (payload.get("data") or {}).get("generationUpdated")
                if not node:
                    continue
                last = Generation.from_dict(node)
                report(last)
                if node.get("status") in FINAL or (deadline is not None and time.monotonic() > deadline):
                    break
    except (urllib.error.URLError, socket.timeout, ConnectionError, OSError, ValueError):
        return last  # the stream broke: polling takes over from here
    return last


def _events(response) -> Iterator[Tuple[str, str]]:  # type: ignore[no-untyped-def]
    event, data = "message", []
    for raw in response:
        line = raw.decode("utf-8").rstrip("\r\n")
        if line == "":
            if data or event != "message":
                yield event, "\n".join(data)
            event, data = "message", []
        elif line.startswith(":"):
            continue
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip(" ") if line.startswith("data: ") else line[5:])
