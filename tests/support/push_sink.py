"""A real Web Push service for the push tests: subscriptions with real P-256
keys, VAPID checks (RFC 8292) and aes128gcm decryption (RFC 8291) of every
push it receives, on a free loopback port.

    python3 tests/support/push_sink.py

Prints the port on the first line of stdout once it accepts connections.
The operating system picks the port, so parallel tests never race for one.

POST /subscriptions -> 201 {"id", "endpoint", "keys": {"p256dh", "auth"}};
PUT /subscriptions/N/status {"status": 410} -> 204, pushes to N then answer 410
({"status": 201} restores them); POST /push/N -> 201 with Location:
/messages/K, else 404/403/400; GET /received -> every push so far, in order
(K indexes it); GET /messages/K -> one of them.
"""

import base64
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

LOCK = threading.Lock()  # handler threads share the two tables below
SUBSCRIPTIONS = {}  # id -> {"key": private key, "auth": bytes, "status": int or None}
RECEIVED = []  # records, as served by GET /received
URGENCIES = ("very-low", "low", "normal", "high")  # RFC 8030 section 5.3


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64u(text: str) -> bytes:
    # Strict: a lenient decoder would silently drop stray characters.
    text = text.rstrip("=")
    std = text.replace("-", "+").replace("_", "/") + "=" * (-len(text) % 4)
    return base64.b64decode(std, validate=True)


class Reject(Exception):
    """Reject(status, why): a push the service refuses, and the answer."""


def check_vapid(header: str, origin: str, rec: dict) -> None:
    """RFC 8292: `vapid t=<JWT>, k=<key>`, an ES256 JWT signed with k."""
    scheme, _, params = (header or "").partition(" ")
    if scheme.lower() != "vapid":
        raise Reject(403, "Authorization is not a vapid scheme")
    # split on the first "=" only: base64url never has one, padding might
    fields = dict(p.strip().partition("=")[::2] for p in params.split(","))
    if "t" not in fields or "k" not in fields:
        raise Reject(403, "vapid needs t= and k=")
    rec["vapid_key"] = point = fields["k"]
    try:
        point = unb64u(point)
        assert len(point) == 65 and point[0] == 4, "not a 65-byte uncompressed point"
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except (ValueError, AssertionError) as e:
        raise Reject(403, f"bad k: {e}")
    try:
        head64, claims64, sig64 = fields["t"].split(".")
        head, claims = json.loads(unb64u(head64)), json.loads(unb64u(claims64))
        sig = unb64u(sig64)
    except ValueError as e:
        raise Reject(403, f"malformed JWT: {e}")
    if not isinstance(head, dict) or head.get("alg") != "ES256":
        raise Reject(403, "JWT alg is not ES256")
    if len(sig) != 64:  # JOSE signatures are raw r||s, not DER
        raise Reject(403, "JWT signature is not 64 bytes")
    der = encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big"))
    try:
        key.verify(der, f"{head64}.{claims64}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise Reject(403, "JWT signature does not verify with k")
    if not isinstance(claims, dict):
        raise Reject(403, "JWT claims are not an object")
    rec["claims"] = claims
    if claims.get("aud") != origin:
        raise Reject(403, f"aud {claims.get('aud')!r} is not {origin!r}")
    exp, now = claims.get("exp"), time.time()
    if type(exp) is not int or not now < exp <= now + 86400:
        raise Reject(403, f"exp {exp!r} is not an integer within the next 24 h")
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub.startswith(("mailto:", "https:")):
        raise Reject(403, f"sub {sub!r} is not a mailto: or https: URI")


def check_push(req, sub: dict, body: bytes, origin: str, rec: dict) -> None:
    """Everything a push service checks before accepting a message."""
    check_vapid(req.headers.get("Authorization"), origin, rec)
    if rec["content_encoding"] != "aes128gcm":
        raise Reject(400, "Content-Encoding must be aes128gcm")
    if type(rec["ttl"]) is not int:  # RFC 8030 5.2: TTL is required
        raise Reject(400, f"TTL {rec['ttl']!r} is not a non-negative integer")
    if rec["urgency"] is not None and rec["urgency"] not in URGENCIES:
        raise Reject(400, f"Urgency {rec['urgency']!r} is not one of {URGENCIES}")
    try:
        # http_ece 1.2.1 wants the private key object itself; with no dh it
        # takes the sender's public key from the keyid of the aes128gcm header.
        plain = http_ece.decrypt(body, private_key=sub["key"], auth_secret=sub["auth"],
                                 version="aes128gcm")
    except Exception as e:  # ECEException, or ValueError for a bad keyid point
        raise Reject(400, f"decryption failed: {e!r}")
    try:
        rec["plaintext"] = plain.decode("utf-8")
        rec["payload"] = json.loads(rec["plaintext"])
    except ValueError as e:
        raise Reject(400, f"payload is not UTF-8 JSON: {e}")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as HTTP clients' pools expect

    def log_message(self, *args):  # keep the test output quiet
        return

    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def body(self) -> bytes:
        # Always drain the body, so a kept-alive connection stays in step.
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            data = b""
            while size := int(self.rfile.readline().split(b";")[0], 16):
                data += self.rfile.read(size + 2)[:-2]  # each chunk ends in CRLF
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return data
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def reply(self, status: int, obj=None, headers=()) -> None:
        data = b"" if obj is None else json.dumps(obj).encode()
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if obj is not None:
            self.send_header("Content-Type", "application/json")
        if status != 204:  # RFC 9110: a 204 carries no Content-Length
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        with LOCK:
            if parts == ["received"]:
                return self.reply(200, RECEIVED)
            if len(parts) == 2 and parts[0] == "messages" and parts[1].isdigit():
                if int(parts[1]) < len(RECEIVED):
                    return self.reply(200, RECEIVED[int(parts[1])])
        self.reply(404, {"error": "not found"})

    def do_PUT(self):
        parts, body = self.path.strip("/").split("/"), self.body()
        if len(parts) == 3 and parts[0] == "subscriptions" and parts[2] == "status":
            try:
                status = json.loads(body)["status"]
                assert type(status) is int and 100 <= status <= 599
            except (ValueError, KeyError, TypeError, AssertionError):
                return self.reply(400, {"error": 'body must be {"status": <int>}'})
            with LOCK:
                sub = SUBSCRIPTIONS.get(int(parts[1])) if parts[1].isdigit() else None
                if sub is not None:
                    sub["status"] = None if status == 201 else status
                    return self.reply(204)
        self.reply(404, {"error": "not found"})

    def do_POST(self):
        parts, body = self.path.strip("/").split("/"), self.body()
        if parts == ["subscriptions"]:
            # What a browser does on subscribe: a fresh key pair and auth secret.
            key, auth = ec.generate_private_key(ec.SECP256R1()), os.urandom(16)
            point = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
            with LOCK:
                n = len(SUBSCRIPTIONS) + 1
                SUBSCRIPTIONS[n] = {"key": key, "auth": auth, "status": None}
            return self.reply(201, {"id": n, "endpoint": f"{self.origin()}/push/{n}",
                                    "keys": {"p256dh": b64u(point), "auth": b64u(auth)}})
        if len(parts) != 2 or parts[0] != "push":
            return self.reply(404, {"error": "not found"})
        n = int(parts[1]) if parts[1].isdigit() else parts[1]
        h, ttl = self.headers, self.headers.get("TTL")  # TTL: an int when valid, else raw
        rec = dict(subscription=n, status=None, content_encoding=h.get("Content-Encoding"),
                   ttl=int(ttl) if ttl and ttl.strip().isdigit() else ttl,
                   urgency=h.get("Urgency"), vapid_key=None, claims=None,
                   error=None, payload=None, plaintext=None)
        with LOCK:
            sub = SUBSCRIPTIONS.get(n)
        try:
            if sub is None:
                raise Reject(404, "no such subscription")
            check_push(self, sub, body, self.origin(), rec)
            status = 201
        except Reject as e:
            status, rec["error"] = e.args
        # A forced status (410 Gone, 429, 500...) wins, as when the user has
        # unsubscribed; the checks above still show in the record.
        rec["status"] = status = (sub or {}).get("status") or status
        with LOCK:
            RECEIVED.append(rec)
            k = len(RECEIVED) - 1
        if status == 201:
            return self.reply(201, None, [("Location", f"/messages/{k}")])
        self.reply(status, {"error": rec["error"] or f"forced status {status}"})


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
