import os
from http.server import BaseHTTPRequestHandler, HTTPServer

from doitong import WebhookVerificationError, verify_webhook

SECRET = os.environ["DOITONG_WEBHOOK_SECRET"]  # whsec_…: `me { webhookSecret }` or the dashboard


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        try:
            event = verify_webhook(body, dict(self.headers), SECRET)
        except WebhookVerificationError as error:
            print("rejected:", error, flush=True)
            self.send_response(400)
        else:
            print("verified", event["type"], event["data"]["id"], event["data"]["status"], flush=True)
            self.send_response(204)
        self.end_headers()


HTTPServer(("", int(os.environ.get("PORT", "8000"))), Receiver).serve_forever()
