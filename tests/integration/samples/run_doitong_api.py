# Drives the product page's Python client (doitong_api.py) against a local server, for
# tests/integration/samples-*.test.ts. It makes the page's calls with the page's arguments, but waits
# with its own loop: the sample's wait_for_completion compares statuses in lower case and would never see ours.
# Prints one JSON line: {"video": <generate result>, "final": <last check_status>, "errors": {provider: message}}.
import json
import os
import sys
import time

from doitong_api import DoitongAPI

api = DoitongAPI(os.environ["DOITONG_API_KEY"])
# The only change from the page: the host.
api.base_url = os.environ["DOITONG_URL"]

video = api.generate(
    content_type="video",
    input_data={"text": "A majestic eagle soaring through clouds"},
    options={"duration": 10, "resolution": "1080p"}
)

deadline = time.time() + float(os.environ.get("DOITONG_WAIT_SECONDS", "80"))
final = api.check_status(video["id"])
# Half a second between polls: responsive, and far below Pro's 60 requests a minute.
while final["status"] not in ("COMPLETED", "FAILED", "CANCELLED") and time.time() < deadline:
    time.sleep(0.5)
    final = api.check_status(video["id"])

errors = {}
try:
    api.generate(
        content_type="image",
        provider="flux-ultra",
        input_data={"text": "Professional product photography"},
        options={"aspectRatio": "16:9", "quality": "ultra"}
    )
except Exception as e:
    errors["flux-ultra"] = str(e)

try:
    api.generate(
        content_type="audio",
        provider="elevenlabs",
        input_data={"text": "Welcome to the future of AI"},
        options={"voice": "rachel", "emotion": "excited"}
    )
except Exception as e:
    errors["elevenlabs"] = str(e)

json.dump({"video": video, "final": final, "errors": errors}, sys.stdout)
sys.stdout.write("\n")
