"""The Doitong API. Every method is one operation of sdk/operations.graphql (texts in _schema.DOCUMENTS)."""
from __future__ import annotations

import json
import os
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Union

from ._schema import DOCUMENTS, Estimate, Generation, LedgerEntry, Me, Provider, Upload
from ._transport import Transport
from .errors import DoitongError, InvalidInputError, NotFoundError, ServerError, error_for

FINAL = {"COMPLETED", "FAILED", "CANCELLED"}
PAGE_SIZE = 50


def is_final(generation: Generation) -> bool:
    return _status(generation) in FINAL


class Uploads:
    def __init__(self, client: "Doitong") -> None:
        self._client = client

    def create(self, source: Union[str, os.PathLike, bytes], content_type: Optional[str] = None) -> Upload:
        """createUpload, then PUT of the bytes; pass the returned upload's id as input image/endImage/audio/video."""
        if isinstance(source, bytes):
            data = source
        else:
            with open(source, "rb") as file:
                data = file.read()
        content_type = content_type or sniff_content_type(data)
        if not content_type:
            raise InvalidInputError("Cannot tell the file's type from its bytes: pass content_type", "INVALID_INPUT", field="contentType")
        created = self._client._request("CreateUpload", {"contentType": content_type, "size": len(data)}, idempotent=True)["createUpload"]
        request = urllib.request.Request(created["url"], data=data, headers=dict(created["headers"]), method=created["method"])
        try:
            with urllib.request.urlopen(request, timeout=self._client._transport.timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            body = json.loads(error.read() or b"{}").get("error") or {}
            raise error_for(body.get("message", f"Upload failed: HTTP {error.code}"), body.get("code", "INTERNAL"), status=error.code) from None
        return Upload.from_dict(self._client._request("GetUpload", {"id": created["uploadId"]}, idempotent=True)["upload"])


class Doitong:
    """Client of the Doitong API.

    api_key defaults to DOITONG_API_KEY, base_url to DOITONG_URL (else https://api.doitong.com). Retries after 429,
    5xx and lost connections where that cannot do the work twice: generate() always sends an Idempotency-Key.
    """

    def __init__(self, api_key: Optional[str] = None, base_url: Optional[str] = None, max_retries: int = 3, max_retry_delay: float = 60.0, timeout: float = 60.0) -> None:
        api_key = api_key or os.environ.get("DOITONG_API_KEY")
        if not api_key:
            raise ValueError("Doitong: api_key is required (a key from the dashboard, or DOITONG_API_KEY)")
        base = (base_url or os.environ.get("DOITONG_URL") or "https://api.doitong.com").rstrip("/")
        if base.endswith("/graphql"):
            base = base[: -len("/graphql")]
        self._transport = Transport(api_key=api_key, base_url=base, max_retries=max_retries, max_retry_delay=max_retry_delay, timeout=timeout)
        self.uploads = Uploads(self)

    def generate(self, input: Mapping[str, Any], idempotency_key: Optional[str] = None) -> Generation:
        """Starts a generation (GenerateInput as a dict: type, input, provider, options...) and returns it QUEUED."""
        key = idempotency_key or str(uuid.uuid4())
        return Generation.from_dict(self._request("Generate", {"input": dict(input)}, idempotent=True, idempotency_key=key)["generate"])

    def generation(self, id: str) -> Generation:
        found = self._request("GetGeneration", {"id": id}, idempotent=True)["generation"]
        if found is None:
            raise NotFoundError(f"Generation {id} was not found", "NOT_FOUND")
        return Generation.from_dict(found)

    def wait(self, id: Union[str, Generation], on_progress: Optional[Callable[[Generation], None]] = None, timeout: Optional[float] = None, poll_interval: float = 1.0) -> Generation:
        """Follows a generation to COMPLETED, FAILED or CANCELLED and returns it (a failure is returned, not raised).

        Listens to the generationUpdated subscription over Server-Sent Events and falls back to polling when the
        stream cannot be used. on_progress gets the generation at each change of status or progress.
        """
        generation_id = id if isinstance(id, str) else str(id.id)
        deadline = None if timeout is None else time.monotonic() + timeout
        seen: Dict[str, Any] = {}

        def report(generation: Generation) -> None:
            state = (_status(generation), generation.progress)
            if seen.get("state") != state and on_progress:
                on_progress(generation)
            seen["state"] = state

        from ._sse import follow  # only wait() needs it

        pushed = follow(self._transport, DOCUMENTS["GenerationUpdated"], generation_id, report, deadline)
        if pushed is not None and is_final(pushed):
            return self.generation(generation_id)  # a download link signed now, valid for the full hour
        while True:
            generation = self.generation(generation_id)
            report(generation)
            if is_final(generation):
                return generation
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"Generation {generation_id} is still {_status(generation)} after {timeout} s")
            time.sleep(poll_interval)

    def cancel(self, id: str) -> bool:
        """True when this call cancelled it; False when it had already finished."""
        return bool(self._request("CancelGeneration", {"id": id}, idempotent=True)["cancelGeneration"])

    def estimate(self, input: Mapping[str, Any]) -> Estimate:
        return Estimate.from_dict(self._request("Estimate", {"input": dict(input)}, idempotent=True)["estimate"])

    def providers(self, type: str) -> List[Provider]:
        return [Provider.from_dict(p) for p in self._request("Providers", {"type": type.upper()}, idempotent=True)["providers"]]

    def me(self) -> Me:
        return Me.from_dict(self._request("Me", {}, idempotent=True)["me"])

    def generations(self, type: Optional[str] = None, status: Optional[str] = None, provider: Optional[str] = None) -> Iterator[Generation]:
        """Every generation, newest first, fetched page by page as you iterate."""
        filters = {k: v for k, v in {"type": type, "status": status, "provider": provider}.items() if v is not None}
        for node in self._paginate("Generations", "generations", filters):
            yield Generation.from_dict(node)

    def credit_ledger(self) -> Iterator[LedgerEntry]:
        """Every credit movement, newest first, page by page."""
        for node in self._paginate("CreditLedger", "creditLedger", {}):
            yield LedgerEntry.from_dict(node)

    def download(self, generation: Union[Generation, str], path: Union[str, os.PathLike]) -> str:
        """Saves a completed generation's file (or a download URL) to path and returns the path."""
        url = generation if isinstance(generation, str) else generation.url
        if not url:
            raise DoitongError("This generation has no file (yet): wait() for COMPLETED first", "NOT_FOUND")
        url = urllib.parse.urljoin(self._transport.base_url + "/", url)
        try:
            with urllib.request.urlopen(url, timeout=self._transport.timeout) as response, open(path, "wb") as out:
                shutil.copyfileobj(response, out)
        except urllib.error.HTTPError as error:
            raise ServerError(f"Download failed: HTTP {error.code}", "INTERNAL", status=error.code) from None
        return os.fspath(path)

    def _paginate(self, operation: str, field: str, variables: Dict[str, Any]) -> Iterator[Dict[str, Any]]:
        after: Optional[str] = None
        while True:
            page = self._request(operation, {**variables, "first": PAGE_SIZE, "after": after}, idempotent=True)[field]
            yield from page["nodes"]
            info = page["pageInfo"]
            if not info["hasNextPage"] or not info["endCursor"]:
                return
            after = info["endCursor"]

    def _request(self, operation: str, variables: Dict[str, Any], idempotent: bool, idempotency_key: Optional[str] = None) -> Dict[str, Any]:
        return self._transport.request(DOCUMENTS[operation], variables, idempotent=idempotent, idempotency_key=idempotency_key)


def _status(generation: Generation) -> str:
    status = generation.status
    return status.value if hasattr(status, "value") else str(status)


def sniff_content_type(data: bytes) -> Optional[str]:
    """The content types createUpload accepts, told by their first bytes."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav"
    if data[4:8] == b"ftyp":
        return "video/quicktime" if data[8:10] == b"qt" else "audio/mp4" if data[8:11] == b"M4A" else "video/mp4"
    if data[:4] == b"\x1a\x45\xdf\xa3":
        return "video/webm"
    if data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    if data[:4] == b"OggS":
        return "audio/ogg"
    return None
