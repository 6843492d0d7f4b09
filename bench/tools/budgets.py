"""The budgets of issue 7 and the original Python orchestrator's figures (the anchor), checked
against bench/results/latest.json. Used by run_all.py (which stores the verdicts in the JSON) and
report.py (which prints them).

A row: what, figure, target, met (True / False / None when not measured or no target), and the
original's figure with the ratio "how many times better ours is" (above 1: better; for
throughput ours / theirs, for latency and memory theirs / ours).
"""


def _get(data, *path):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


# ---------------------------------------------------------------------------------------------
# bench/loadgen's JSON, read tolerantly since it is written on another branch. Its "results" is a
# list of objects with "scenario" ("heartbeat", "fanout", "generate", "hold") told apart by
# "variant", "sessions" or "receivers"; the names used here (heartbeat_1, fanout_100, ...) pick
# one of them. An object keyed by those names (at the top or under "scenarios") works too.
# Latencies are {count, min, p50, p90, p99, max, mean} in ms, under the first key of LATENCY_KEYS
# found (fan-out: until the LAST receiver has the message).
# ---------------------------------------------------------------------------------------------

LOADGEN_NAMES = {
    "heartbeat_1": {"scenario": "heartbeat", "sessions": 1, "variant": "ping-pong"},
    "heartbeat_100": {"scenario": "heartbeat", "sessions": 100, "variant": "burst"},
    "heartbeat_100_paced": {"scenario": "heartbeat", "sessions": 100, "variant": "paced"},
    "fanout_10": {"scenario": "fanout", "receivers": 10},
    "fanout_100": {"scenario": "fanout", "receivers": 100},
    "fanout_1000": {"scenario": "fanout", "receivers": 1000},
    "generate_ws_sequential": {"scenario": "generate", "variant": "sequential"},
    "generate_ws": {"scenario": "generate", "variant": "concurrent"},
    "hold_1000": {"scenario": "hold", "sessions": 1000},
}
LATENCY_KEYS = ("last_receiver_ms", "rtt_ms", "to_files_ready_ms", "latency_ms", "latency", "alive_check_rtt_ms")


def loadgen_scenario(data, name):
    if isinstance(data, dict):
        if isinstance(data.get(name), dict):
            return data[name]
        for key in ("scenarios", "results"):
            if key in data:
                found = loadgen_scenario(data[key], name)
                if found is not None:
                    return found
    elif isinstance(data, list):
        wanted = LOADGEN_NAMES.get(name)
        for item in data:
            if not isinstance(item, dict) or item.get("client") == "QWebSocket":   # the cross-check client
                continue
            if name in (item.get("name"), item.get("id")):
                return item
            if wanted and all(item.get(k) == v for k, v in wanted.items()):
                return item
    return None


_LATENCY_KEYS = ("count", "min", "p50", "p90", "p99", "max", "mean")


def latency(scenario):
    """{count, min, p50, p90, p99, max, mean} in ms from a loadgen scenario, or None."""
    if not isinstance(scenario, dict):
        return None
    for suffix in ("", "_ms"):
        if f"p50{suffix}" in scenario:
            return {k: scenario.get(f"{k}{suffix}", scenario.get(k)) for k in _LATENCY_KEYS
                    if scenario.get(f"{k}{suffix}", scenario.get(k)) is not None}
    for key in LATENCY_KEYS:
        found = latency(scenario.get(key))
        if found:
            return found
    for value in scenario.values():
        found = latency(value) if isinstance(value, dict) else None
        if found:
            return found
    return None


def rate(scenario):
    """A per-second figure (generations/s) from a loadgen scenario, or None."""
    if not isinstance(scenario, dict):
        return None
    for key, value in scenario.items():
        if isinstance(value, (int, float)) and ("per_s" in key or "per_second" in key or key.endswith("_s_rate")):
            return value
    for value in scenario.values():
        if isinstance(value, dict):
            found = rate(value)
            if found is not None:
                return found
    return None


def loadgen_figure(results, name, what):
    scenario = loadgen_scenario(_get(results, "loadgen", "data"), name)
    if what == "rate":
        return rate(scenario)
    lat = latency(scenario)
    return lat.get(what) if lat else None


# ---------------------------------------------------------------------------------------------

def _row(key, what, figure, unit, op=None, target=None, anchor=None, higher_is_better=True,
         source="", note=""):
    met = None
    if figure is not None and op is not None:
        met = figure >= target if op == ">=" else figure <= target
    ratio = None
    if figure not in (None, 0) and anchor is not None:
        low, high = anchor if isinstance(anchor, tuple) else (anchor, anchor)
        if higher_is_better:
            ratio = (figure / low, figure / high)
        else:
            ratio = (low / figure, high / figure)
        ratio = tuple(round(r, 2) for r in ratio)
    return {"key": key, "what": what, "figure": figure, "unit": unit, "op": op, "target": target,
            "met": met, "anchor": list(anchor) if isinstance(anchor, tuple) else anchor,
            "ratio": list(ratio) if ratio else None, "source": source, "note": note}


def evaluate(results):
    http = results.get("http") or {}
    memory = _get(results, "probe", "memory") or {}
    startup = _get(results, "probe", "startup") or {}
    soak = results.get("soak") or {}
    rows = []

    rows.append(_row("health_rps", "GET /health, wrk -t2 -c32 -d10s", _get(http, "health", "ok_per_s"),
                     "req/s", ">=", 20000, 4700, True, "run_http.py",
                     "empty files folder; the cost grows with the number of files, see below"))
    rows.append(_row("post_p50", "POST /api/generate one at a time, p50", _get(http, "post_sequential", "latency_ms", "p50"),
                     "ms", "<=", 0.5, 1.0, False, "run_http.py", "wrk -t1 -c1; files on the checkout's disk"))
    rows.append(_row("post_p99", "POST /api/generate one at a time, p99", _get(http, "post_sequential", "latency_ms", "p99"),
                     "ms", "<=", 2.0, 1.4, False, "run_http.py", "wrk -t1 -c1; files on the checkout's disk"))
    rows.append(_row("post_16", "POST /api/generate, 16 clients", _get(http, "post_16", "ok_per_s"),
                     "gen/s", ">=", 5000, 1100, True, "run_http.py", "wrk -t2 -c16; files on the checkout's disk"))

    rows.append(_row("ws_heartbeat_p99", "WebSocket heartbeat round trip, 1 client, p99",
                     loadgen_figure(results, "heartbeat_1", "p99"), "ms", None, None, 0.29, False, "loadgen heartbeat_1"))
    rows.append(_row("fanout_100_p99", "fan-out to 100 sessions, p99", loadgen_figure(results, "fanout_100", "p99"),
                     "ms", None, None, (4.0, 6.0), False, "loadgen fanout_100"))
    rows.append(_row("fanout_1000_p50", "fan-out to 1,000 sessions, p50", loadgen_figure(results, "fanout_1000", "p50"),
                     "ms", None, None, 26.0, False, "loadgen fanout_1000"))
    rows.append(_row("generate_ws_rate", "generations over WebSocket, 16 clients", loadgen_figure(results, "generate_ws", "rate"),
                     "gen/s", None, None, None, True, "loadgen generate_ws"))

    mib = lambda kib: round(kib / 1024, 1) if kib is not None else None  # noqa: E731
    idle = mib(_get(memory, "idle", "rss_kib"))
    held = mib(_get(memory, "held", "rss_kib"))
    after = mib(_get(memory, "after", "rss_kib"))
    rows.append(_row("rss_idle", "RSS idle, headless", idle, "MB", "<=", 30, 43.0, False, "probe.py memory"))
    rows.append(_row("rss_1000", "RSS with 1,000 WebSocket sessions", held, "MB", "<=", 60, 77.0, False,
                     "probe.py memory", memory.get("holder", "")))
    back = _row("rss_after", "RSS after the 1,000 sessions left", after, "MB", "<=",
                round(idle * 1.1, 1) if idle else None, None, False, "probe.py memory",
                "target: within 10 % of idle")
    rows.append(back)
    recon = memory.get("reconnect_check")
    if recon:
        rows.append(_row("reconnect", "plugins able to connect after 1,000 have come and gone (of 100 tried)",
                         recon.get("opened"), "sessions", ">=", recon.get("tried"), None, True, "probe.py memory",
                         f"GET /health then answered {recon.get('health_status')}"))
    rows.append(_row("startup", "start to first /health 200, max of %s" % (startup.get("runs") or "N"),
                     _get(startup, "ready_ms", "max"), "ms", "<=", 300, None, False, "probe.py startup",
                     "p50 %s ms" % _get(startup, "ready_ms", "p50")))
    if soak:
        rows.append(_row("soak_rss", f"RSS slope under mixed load ({soak.get('minutes')} min)",
                         soak.get("rss_slope_mib_per_min"), "MB/min", "<=", 0.1, None, False, "probe.py soak",
                         "target: under 1 MB over 10 minutes"))
        rows.append(_row("soak_fd", f"open fd slope under mixed load ({soak.get('minutes')} min)",
                         soak.get("fd_slope_per_min"), "fd/min", "<=", 0.5, None, False, "probe.py soak"))
    else:
        rows.append(_row("soak_rss", "RSS slope under mixed load", None, "MB/min", "<=", 0.1, None, False,
                         "probe.py soak", "not run: scripts/bench.sh --soak MINUTES"))
    return rows
