#!/usr/bin/env python3
"""A stand-in for ODRÉ's Explore API v2.1 on loopback, for FrugalCarbonTests.

Serves /<scenario>/catalog/datasets/<dataset>/records?where=...&offset=... from
recorded records (odre/*.json: a JSON array of records, the shape the API's
`results` holds), filtered by the `date'…'` bounds of the `where` clause, in
pages of `limit`. Prints "PORT <n>" once listening on 127.0.0.1:<n>.

Scenarios: ok, gaps (drops 3 records), duplicates (repeats 5), empty,
malformed (truncated JSON), status429 (two 429s with Retry-After: 0, then ok),
status500 (one 500, then ok), always500, timeout (answers after 3 s), notfound,
and recent: the recorded 2025-08-22 values replayed onto whatever window is
asked (same UTC time of day), with the nature of the dataset asked, so that a
running daemon's fetch of "the last hours" finds real-time and consolidated
values.
"""
import json
import os
import re
import signal
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDS = []
for name in sorted(os.listdir(HERE)):
    if name.endswith(".json"):
        with open(os.path.join(HERE, name)) as f:
            RECORDS += json.load(f)
COUNTS = {}
LOCK = threading.Lock()


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def replayed(dataset, low, high):
    """The recorded day's values at the same UTC time of day, for each quarter of [low, high)."""
    by_time = {instant(r["date_heure"]).strftime("%H:%M"): r["taux_co2"] for r in RECORDS
               if r["date_heure"].startswith("2025-08-22")}
    nature = "Données consolidées" if dataset.endswith("cons-def") else "Données temps réel"
    step = 900
    start = int(low.timestamp()) // step * step
    if start < low.timestamp():
        start += step
    rows = []
    for seconds in range(start, int(high.timestamp()), step):
        when = datetime.fromtimestamp(seconds, timezone.utc)
        value = by_time.get(when.strftime("%H:%M"))
        if value is not None:
            rows.append({"date_heure": when.isoformat(), "taux_co2": value, "nature": nature})
    return rows


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        scenario = parts[0]
        with LOCK:
            COUNTS[scenario] = COUNTS.get(scenario, 0) + 1
            count = COUNTS[scenario]
        if len(parts) != 5 or parts[1:3] != ["catalog", "datasets"] or parts[4] != "records":
            return self.send(404, '{"error_code": "NotFound"}')
        query = parse_qs(url.query)
        if scenario == "timeout":
            time.sleep(3)
        if scenario == "status429" and count <= 2:
            return self.send(429, '{"error_code": "TooManyRequests"}', [("Retry-After", "0")])
        if scenario == "status500" and count == 1 or scenario == "always500":
            return self.send(500, '{"error_code": "InternalError"}')
        if scenario == "notfound":
            return self.send(404, '{"error_code": "UnknownDataset"}')
        if scenario == "malformed":
            return self.send(200, '{"total_count": 96, "results": [{"date_heure": "2025-08-22T00:00:00+00:00", "taux')
        bounds = re.findall(r"date'([^']+)'", query.get("where", [""])[0])
        low, high = instant(bounds[0]), instant(bounds[1])
        if scenario == "recent":
            rows = replayed(parts[3], low, high)
        else:
            rows = [r for r in RECORDS if low <= instant(r["date_heure"]) < high]
        rows.sort(key=lambda r: instant(r["date_heure"]))
        if scenario == "empty":
            rows = []
        if scenario == "gaps":
            rows = [r for i, r in enumerate(rows) if i not in (10, 11, 40)]
        if scenario == "duplicates":
            rows = rows + rows[20:25]
        offset = int(query.get("offset", ["0"])[0])
        limit = int(query.get("limit", ["100"])[0])
        body = {"total_count": len(rows), "results": rows[offset:offset + limit]}
        self.send(200, json.dumps(body))


# The test runner may hand down a blocked or ignored SIGTERM.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
signal.signal(signal.SIGTERM, signal.SIG_DFL)
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print("PORT %d" % server.server_address[1], flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    sys.exit(0)
