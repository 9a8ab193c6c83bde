"""Valid calls of helpers.refresh's downloads, against a local HTTP server (127.0.0.1, no network).

The server answers FRED's CSV request for WALCL and Coinbase's daily candles for BTC-USD, so each
valid call returns a validated series in well under a second, and every odd value is refused before
any request (the downloads check their arguments first). The whole refresh is skipped: see ``SKIP``.
"""
from __future__ import annotations

import atexit
import datetime as dt
import json
import tempfile
import threading
import urllib.parse
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_TMP = tempfile.TemporaryDirectory(prefix="face-refresh-")  # removed when the test process ends
WALCL = b"observation_date,WALCL\n2024-01-03,7713931\n2024-01-10,7686292\n2024-01-17,7677048\n"


def _candles(query: dict) -> bytes:
    """Coinbase's rows [time, low, high, open, close, volume], newest first, for [start, end]."""
    start, end = (dt.datetime.fromisoformat(query[k][0].replace("Z", "+00:00")) for k in ("start", "end"))
    rows, day = [], start
    while day <= end:
        close = 42000.0 + 10 * (day - start).days
        rows.append([int(day.timestamp()), close - 50, close + 50, close - 5, close, 12.5])
        day += dt.timedelta(days=1)
    return json.dumps(rows[::-1]).encode()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format, *args):  # keep the test output clean
        pass

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == "/fred" and query.get("id") == ["WALCL"]:
            status, body = 200, WALCL
        elif url.path == "/coinbase/products/BTC-USD/candles":
            status, body = 200, _candles(query)
        else:
            status, body = 404, b"not found"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@cache
def _server() -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    atexit.register(stop)
    return f"http://127.0.0.1:{server.server_address[1]}"


def _folder() -> Path:
    return Path(_TMP.name)


EXAMPLES = {
    "download_fred_csv": lambda t: {"series_id": "WALCL", "folder": _folder(), "base_url": _server() + "/fred",
                                    "timeout": 5, "retries": 1, "backoff": 0},
    "download_coinbase_daily": lambda t: {"series_id": "BTCUSD", "folder": _folder(),
                                          "base_url": _server() + "/coinbase", "timeout": 5, "retries": 1,
                                          "backoff": 0, "start": dt.date(2024, 1, 1),
                                          "today": dt.date(2024, 1, 11), "pause": 0, "progress": None},
}

_WHOLE = ("with fred_base or coinbase_base left None (their default) it downloads every series from the "
          "real FRED and Coinbase, so the sweep cannot call it offline; tests/test_refresh.py drives it "
          "against a local server, bad arguments included (test_bad_parameters_are_named)")
SKIP = {"refresh": f"It rebuilds the snapshot online: {_WHOLE}.", "main": f"It runs refresh(): {_WHOLE}."}
