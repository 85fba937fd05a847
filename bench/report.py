"""bench/results.md from the results: tables per measurement, then the targets met or missed."""

# Pages are judged against the minimal Django view timed in the same run (machines, and the
# load on one machine, differ): each page's median and 95th percentile, and search's 95th
# percentile, as multiples of the minimal view's median.
PAGE_MEDIAN_RATIO, PAGE_P95_RATIO, SEARCH_P95_RATIO = 8, 20, 15
API_FLOOR_RATIO, EXPORT_FLOOR_SHARE, EXPORT_PEAK_MIB = 2.0, 0.5, 150
CACHED_SHARE = 0.5  # cached pages at half the minimal view's requests per second or more


def _sizes(data: dict) -> list[str]:
    return list(data["sizes"])


def _largest(data: dict) -> dict:
    return data["sizes"][_sizes(data)[-1]] if data["sizes"] else {}


def _is_page(key: str) -> bool:
    return key not in ("minimal", "search") and not key.startswith("api_")


def broken(data: dict) -> list[str]:
    """Pages or endpoints that answered 5xx at any size."""
    bad = set()
    for size in data["sizes"].values():
        for key, entry in size.get("timings", {}).items():
            if any(s >= 500 for s in entry.get("statuses", [])):
                bad.add(key)
        for name, entry in size.get("queries", {}).items():
            if entry.get("status", 200) >= 500:
                bad.add(name)
    return sorted(bad)


def targets(data: dict) -> list[dict]:
    """Each target of the issue at the largest size: met, missed (by how much) or not measurable."""
    out: list[dict] = []
    if not data["sizes"]:
        return out
    last = _largest(data)

    def add(target: str, met: bool | None, detail: str) -> None:
        out.append({"target": target, "met": met, "detail": detail})

    varying = []
    for name in last.get("queries", {}):
        counts = {
            size: d["queries"].get(name, {}).get("queries") for size, d in data["sizes"].items()
        }
        if len({c for c in counts.values() if c is not None}) > 1:
            varying.append(f"{name} {counts}")
    add("queries per request constant across sizes", not varying, "; ".join(varying) or "all equal")

    for key, floor in last.get("floors", {}).items():
        api = last["timings"].get(key, {})
        if "median_ms" in api and floor["median_ms"]:
            ratio = api["median_ms"] / floor["median_ms"]
            add(
                f"{api['label']} <= {API_FLOOR_RATIO:g}x psycopg+orjson floor",
                ratio <= API_FLOOR_RATIO,
                f"{api['median_ms']} ms vs floor {floor['median_ms']} ms = {ratio:.1f}x",
            )

    export = last.get("export", {})
    if "export" in export and "floor" in export:
        share = export["export"]["items_per_s"] / export["floor"]["items_per_s"]
        add(
            f"export throughput >= {EXPORT_FLOOR_SHARE:.0%} of floor",
            share >= EXPORT_FLOOR_SHARE,
            f"{export['export']['items_per_s']:,} vs {export['floor']['items_per_s']:,} "
            f"items/s = {share:.0%}",
        )
        peak = export["export"]["rss_peak_mib"]
        add(f"export peak memory < {EXPORT_PEAK_MIB} MB", peak < EXPORT_PEAK_MIB, f"{peak} MiB RSS")
        peaks = {
            s: d.get("export", {}).get("export", {}).get("rss_peak_mib")
            for s, d in data["sizes"].items()
        }
        known = [p for p in peaks.values() if p]
        if len(known) > 1:
            growth = known[-1] - known[-2]
            add("export peak memory flat across sizes", growth < 10, f"{peaks} (MiB)")

    floor_ms = last.get("timings", {}).get("minimal", {}).get("median_ms")
    for key, entry in last.get("timings", {}).items():
        if "median_ms" not in entry or not (_is_page(key) or key == "search"):
            continue
        if not floor_ms:
            add(entry["label"], None, "no minimal view timed in this run")
            continue
        median, p95 = entry["median_ms"] / floor_ms, entry["p95_ms"] / floor_ms
        if key == "search":
            add(
                f"search p95 <= {SEARCH_P95_RATIO}x the minimal view",
                p95 <= SEARCH_P95_RATIO,
                f"p95 {entry['p95_ms']} ms = {p95:.1f}x (minimal view {floor_ms} ms)",
            )
            continue
        add(
            f"{entry['label']}: median <= {PAGE_MEDIAN_RATIO}x, p95 <= {PAGE_P95_RATIO}x "
            "the minimal view",
            median <= PAGE_MEDIAN_RATIO and p95 <= PAGE_P95_RATIO,
            f"median {entry['median_ms']} ms = {median:.1f}x, p95 {entry['p95_ms']} ms = "
            f"{p95:.1f}x (minimal view {floor_ms} ms)",
        )
    for entry in last.get("timings", {}).values():
        if entry.get("absent"):
            add(f"{entry['label']}", None, f"absent: {entry['absent']}")

    http = last.get("http", {})
    floor_rps = http.get("minimal", {}).get("rps")
    for key in ("home", "article_list", "article"):
        rps = http.get(key, {}).get("rps")
        if rps and floor_rps:
            share = rps / floor_rps
            add(
                f"cached {key} >= {CACHED_SHARE:.0%} of the minimal view's requests/s",
                share >= CACHED_SHARE,
                f"{rps:.0f} vs {floor_rps:.0f} req/s = {share:.0%}",
            )
    return out


def _cell(entry: dict | None, floor_ms: float | None = None) -> str:
    if not entry:
        return "–"
    if entry.get("absent"):
        return "absent"
    bad = [s for s in entry.get("statuses", []) if s >= 400]
    text = f"{entry['median_ms']} / {entry['p95_ms']}"
    if floor_ms:
        text += f" ({entry['median_ms'] / floor_ms:.1f}x / {entry['p95_ms'] / floor_ms:.1f}x)"
    return f"{text} (HTTP {bad[0]})" if bad else text


def markdown(data: dict) -> str:
    sizes = _sizes(data)
    lines = [
        "# Benchmark results",
        "",
        f"Command: `{data['command']}` — started {data['started']}, finished "
        f"{data.get('finished', '?')}; {data['settings']['iterations']} timed requests per page, "
        f"cache emptied before each (uncached), {data['settings']['samples']} different objects "
        "per detail page. Server-side times are Django's test client in-process on PostgreSQL.",
        "",
        "Machine: "
        + ", ".join(f"{k} {v}" for k, v in data["machine"].items())
        + ". Versions: "
        + ", ".join(f"{k} {v}" for k, v in data["versions"].items())
        + ".",
        "",
        "## Targets at the largest size",
        "",
        "Pages are judged against the minimal Django view timed in the same run: each page's "
        f"median at most {PAGE_MEDIAN_RATIO}x and its 95th percentile at most {PAGE_P95_RATIO}x "
        f"the minimal view's median, search's 95th percentile at most {SEARCH_P95_RATIO}x; "
        f"cached pages over HTTP at {CACHED_SHARE:.0%} or more of the minimal view's requests/s.",
        "",
        "| target | met | figures |",
        "| --- | --- | --- |",
    ]
    marks = {True: "yes", False: "**no**", None: "n/a"}
    lines += [f"| {t['target']} | {marks[t['met']]} | {t['detail']} |" for t in data["targets"]]

    lines += [
        "",
        "## Synthetic archive",
        "",
        "| articles | generate_archive | rows | load average (1/5/15 min) when measured |",
        "| --- | --- | --- | --- |",
    ]
    for size in sizes:
        d = data["sizes"][size]
        seconds, rows = d.get("generate_seconds", "?"), d.get("generate_output", "")
        load = " / ".join(str(x) for x in d.get("load_average", []))
        lines.append(f"| {int(size):,} | {seconds} s | {rows} | {load} |")

    header = (
        "| page | "
        + " | ".join(f"{int(s):,}: median / p95 ms (x minimal view's median)" for s in sizes)
        + " | queries |"
    )
    lines += ["", "## Server-side time, uncached", "", header, "|" + " --- |" * (len(sizes) + 2)]
    floors = [
        data["sizes"][s].get("timings", {}).get("minimal", {}).get("median_ms") for s in sizes
    ]
    keys = list(_largest(data).get("timings", {}))
    for key in keys:
        entries = [data["sizes"][s].get("timings", {}).get(key) for s in sizes]
        label = next((e["label"] for e in entries if e), key)
        queries = "/".join(str(e.get("queries", "–")) for e in entries if e)
        cells = [
            _cell(e, f if _is_page(key) or key == "search" else None)
            for e, f in zip(entries, floors, strict=True)
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {queries} |")

    lines += ["", "## API list pages against their floor (psycopg + orjson, same page of rows)", ""]
    lines += [
        "| endpoint | " + " | ".join(f"{int(s):,}: API / floor ms (ratio)" for s in sizes) + " |"
    ]
    lines += ["|" + " --- |" * (len(sizes) + 1)]
    for key in _largest(data).get("floors", {}):
        cells = []
        for s in sizes:
            api = data["sizes"][s].get("timings", {}).get(key, {})
            floor = data["sizes"][s].get("floors", {}).get(key)
            if floor and "median_ms" in api and floor["median_ms"]:
                ratio = api["median_ms"] / floor["median_ms"]
                cells.append(f"{api['median_ms']} / {floor['median_ms']} ({ratio:.1f}x)")
            else:
                cells.append("–")
        lines.append(f"| {key.removeprefix('api_')} | " + " | ".join(cells) + " |")

    lines += ["", "## Export (published scope) against its floor (psycopg server-side cursors)", ""]
    lines += [
        "| articles | export items/s | floor items/s | share | export peak RSS | floor peak RSS |"
    ]
    lines += ["| --- | --- | --- | --- | --- | --- |"]
    for s in sizes:
        e = data["sizes"][s].get("export", {})
        if "export" in e and "floor" in e:
            ex, fl = e["export"], e["floor"]
            lines.append(
                f"| {int(s):,} | {ex['items_per_s']:,} | {fl['items_per_s']:,} | "
                f"{ex['items_per_s'] / fl['items_per_s']:.0%} | {ex['rss_peak_mib']} MiB | "
                f"{fl['rss_peak_mib']} MiB |"
            )

    lines += ["", "## Requests per second over HTTP (gunicorn, one worker per core, wrk)", ""]
    lines += ["| target | " + " | ".join(f"{int(s):,}: req/s (p50 ms)" for s in sizes) + " |"]
    lines += ["|" + " --- |" * (len(sizes) + 1)]
    for key in ("minimal", "home", "article_list", "article", "api_article"):
        cells = []
        for s in sizes:
            h = data["sizes"][s].get("http", {}).get(key)
            if not h or h.get("absent") or h.get("rps") is None:
                cells.append((h or {}).get("absent", "–"))
            else:
                errors = f", {h['non_2xx']} non-2xx" if h.get("non_2xx") else ""
                cells.append(f"{h['rps']:.0f} ({h.get('latency_p50_ms')}{errors})")
        lines.append(f"| {key} | " + " | ".join(cells) + " |")

    lines += ["", "## Queries per request, every URL", ""]
    lines += ["| URL name | example | " + " | ".join(f"{int(s):,}" for s in sizes) + " |"]
    lines += ["|" + " --- |" * (len(sizes) + 2)]
    for name, entry in _largest(data).get("queries", {}).items():
        cells = []
        for s in sizes:
            q = data["sizes"][s].get("queries", {}).get(name, {})
            status = q.get("status")
            mark = f" (HTTP {status})" if status and status >= 400 else ""
            cells.append(f"{q.get('queries', q.get('absent', '–'))}{mark}")
        lines.append(f"| {name} | `{entry.get('url', '')}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
