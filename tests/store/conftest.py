import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

import pytest


class FakeStripeAPI:
    """A local HTTP server that answers the Stripe SDK's requests and records what it was sent.

    It stands in for api.stripe.com only as a recorder: tests assert the requests the real SDK made."""

    def __init__(self):
        self.requests: list[dict] = []
        self.fail_with: tuple[int, dict] | None = None
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                params = dict(parse_qsl(body, keep_blank_values=True))
                api.requests.append({"path": self.path, "headers": dict(self.headers), "params": params})
                if api.fail_with:
                    status, payload = api.fail_with
                else:
                    status, payload = 200, api.respond(self.path, params)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", "req_test")
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def respond(self, path: str, params: dict) -> dict:
        count = len(self.requests)
        if path == "/v1/checkout/sessions":
            session_id = f"cs_test_{count}"
            return {
                "id": session_id,
                "object": "checkout.session",
                "url": f"https://checkout.stripe.com/c/pay/{session_id}",
                "amount_total": None,
                "currency": params.get("line_items[0][price_data][currency]"),
                "metadata": {k[9:-1]: v for k, v in params.items() if k.startswith("metadata[")},
                "payment_status": "unpaid",
                "status": "open",
            }
        if path == "/v1/refunds":
            return {
                "id": f"re_test_{count}",
                "object": "refund",
                "amount": int(params["amount"]),
                "status": "succeeded",
            }
        return {"error": {"type": "invalid_request_error", "message": f"unexpected {path}"}}

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


WEBHOOK_SECRET = "whsec_test_secret"


@pytest.fixture
def stripe_api(settings):
    api = FakeStripeAPI()
    api.start()
    settings.STRIPE_SECRET_KEY = "sk_test_canopy"
    settings.STRIPE_API_BASE = api.base_url
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    yield api
    api.stop()


@pytest.fixture
def demo_payments(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
