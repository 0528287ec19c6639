#!/usr/bin/env python3
"""Builds the committed seed corpus of apibind's fuzz targets: tests/fuzz/corpus/<target>/.

    python3 tests/fuzz/make_corpus.py [--shared DIR]

Sources: the seed documents (shared/seeds/*.md), the fake server's recordings
(shared/reference/seam-fake-recordings.md: JSON bodies and whole HTTP responses), the test data
(tests/data/**; the spec samples tests/data/seam/spec_samples.json seed the generated resource
types, event and action attempt) and hand-written hostile cases (deep nesting, bad escapes, invalid UTF-8, huge
numbers, truncated documents). Every file is the fuzz target's input: one selector byte (which
type or reader the target feeds, see the target's switch) followed by the payload.

The corpus is regenerated only by hand when the sources change; CI uses the committed files.
Output is deterministic (names are content hashes), so re-running it changes nothing unless the
sources did. Run from anywhere; the repo root is found from this file's location.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import shutil
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")
MAX_FILE = 8 * 1024   # keep files small: big seeds slow every fuzz iteration
MAX_PER_TARGET = 90
# fuzz_seam decodes ~50 types (one selector each): room for a few seeds per type.
MAX_PER_TARGET_OVERRIDE = {"seam": 240}


def find_json_documents(text):
    """Every JSON object/array that starts a line of `text` (fenced or not)."""
    dec = json.JSONDecoder()
    docs = []
    for m in re.finditer(r"^[ \t]*([\[{])", text, re.M):
        start = m.start(1)
        try:
            value, end = dec.raw_decode(text, start)
        except ValueError:
            continue
        if isinstance(value, (dict, list)) and end - start > 8:
            docs.append(text[start:end])
    return docs


def http_responses(text):
    """(head, body) of every recorded HTTP response (code blocks starting with HTTP/1.1)."""
    out = []
    for block in re.findall(r"```[a-z_!]*\n(.*?)```", text, re.S):
        if not block.startswith("HTTP/1."):
            continue
        head, _, body = block.partition("\n\n")
        out.append((head, body.rstrip("\n")))
    return out


def compact(doc):
    return json.dumps(json.loads(doc), separators=(",", ":"), ensure_ascii=False)


class Corpus:
    def __init__(self):
        self.files = {}  # target -> {name: bytes}
        self.kept = {}  # target -> names written whatever the cap

    def add(self, target, selector, payload, priority=0, keep=False):
        """priority -1: decode_into pairs, 0: real samples, 1: hand-written hostile cases (kept in that order).
        keep: always written, beside the cap (near misses that the fuzzer would not reach soon)."""
        if isinstance(payload, str):
            payload = payload.encode("utf-8")
        data = bytes([selector]) + payload
        if len(data) > MAX_FILE:
            return
        name = hashlib.sha1(data).hexdigest()[:16]
        old = self.files.setdefault(target, {}).get(name)
        self.files[target][name] = (min(priority, old[0]) if old else priority, data)
        if keep:
            self.kept.setdefault(target, set()).add(name)

    def write(self):
        for target, files in sorted(self.files.items()):
            d = os.path.join(OUT, target)
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            # Over the cap: round-robin over the selectors (so every type keeps seeds); within
            # one selector real samples first, then hostile ones, smaller first.
            by_sel = {}
            kept = self.kept.get(target, set())
            for name, (prio, data) in sorted(files.items(), key=lambda kv: (kv[1][0], len(kv[1][1]), kv[0])):
                if name not in kept:
                    by_sel.setdefault(data[0], []).append((name, (prio, data)))
            chosen, queues = [], [by_sel[k] for k in sorted(by_sel)]
            cap = MAX_PER_TARGET_OVERRIDE.get(target, MAX_PER_TARGET)
            while len(chosen) < cap and any(queues):
                for q in queues:
                    if q and len(chosen) < cap:
                        chosen.append(q.pop(0))
            chosen += [(name, files[name]) for name in sorted(kept)]
            for name, (_, data) in chosen:
                with open(os.path.join(d, name), "wb") as f:
                    f.write(data)
            print(f"{target}: {len(chosen)} files ({len(kept)} kept beside the cap; {len(files)} candidates)")


# ---- selectors (must match the switch in each target) ----
SEAM = dict(get=0, list=1, sync=2, update=3, delete=4, disconnect=5, account=6, event=7, error=8, pagination=9)
# fuzz_seam: selector 10 + i is the i-th type of tests/fuzz/seam_resources.hpp (generated).
SEAM_RESOURCE_BASE = 10


def seam_resources():
    text = open(os.path.join(ROOT, "tests", "fuzz", "seam_resources.hpp"), encoding="utf-8").read()
    return re.findall(r"^\s+apibind::seam::(\w+)[,>]", text, re.M)


def spec_samples():
    """{component name: [expanded documents]} from tests/data/seam/spec_samples.json."""
    with open(os.path.join(ROOT, "tests", "data", "seam", "spec_samples.json"), encoding="utf-8") as f:
        comps = json.load(f)["components"]

    def expand(v):
        if isinstance(v, list):
            return [expand(x) for x in v]
        if isinstance(v, dict):
            if "$sample" in v and "$index" in v:
                return expand(comps[v["$sample"]][v["$index"]])
            return {k: expand(x) for k, x in v.items()}
        return v
    return {name: [expand(d) for d in docs] for name, docs in comps.items()}
SO = dict(get_ready=0, sync_accounts=1, sync_account=2, account=3, error_body=4, read_error=5, request=6)
JSONT = dict(everything=0, scalars=1, record=2, raw=3, any=4, choices=5, map=6, pascal=7, enums=8, limits=9)

HOSTILE = [
    "[" * 200 + "]" * 200,
    "{\"a\":" * 100 + "1" + "}" * 100,
    "[" * 70,
    "{\"connected_account\":" + "{\"x\":" * 80 + "1" + "}" * 81,
    "\"\\uD800\"", "\"\\uDC00\\uD800\"", "\"\\x41\"", "\"\\u00G1\"", "\"\\", "\"abc",
    "\"\xff\xfe\"", "\"\xc3\x28\"", "\"\xe2\x82\"", "\"\xf0\x9f\x98\"", "\"\xed\xa0\x80\"", "\"\xc0\xaf\"",
    "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "-9223372036854775809",
    "18446744073709551616", "0.1e", "-", "01", "1.", "NaN", "Infinity",
    "{", "[", "{\"a\"", "{\"a\":", "{\"a\":1,", "[1,", "tru", "nul", "{\"ok\":true}x", "{\"ok\":true}{}",
    "{\"a\":1,}", "[1,]", "{'a':1}", "/*c*/{}", "\ufeff{}", "{\"\":\"\"}", "  ", "",
    "{\"connected_account\":{\"connected_account_id\":\"a\",\"connected_account_id\":\"b\"},\"ok\":true}",
    "{\"connected_account\":{\"connected_account_id\":\"a\\u0000b\",\"errors\":[{\"error_code\":\"x\",\"error_code\":1}]}}",
    "{\"connected_account\":{\"connected_account_id\":\"\\ud83d\\ude00\",\"accepted_capabilities\":[\"\",\"lock\",\"\\u006cock\"]}}",
]

NEAR_MISSES = [
    ("everything", '{"id":"x",}'), ("everything", '{"id":"x","colors":["red",]}'), ("everything", '{"id":"x","grid":[["a"],[],]}'),
    ("everything", '{"id":"x"} {}'), ("everything", '{"id":"x","numbers":{"i8":1,},"maybe":null}'),
    ("choices", '[{"kind":"a","values":[1,2,]}]'), ("choices", '[{"kind":"b","note":null,},]'),
    ("scalars", '{"b":true,"i8":127,}'), ("pascal", '{"AccountId":1,}'), ("enums", '["red",null,]'),
]

SEAM_NEAR_MISSES = [
    '{"connected_account":{"connected_account_id":"a","created_at":"2022-08-24T10:38:05.128Z","user_identifier":{"email":"e"},"account_type":"schlage","errors":[],},"ok":true}',
    '{"connected_account":{"connected_account_id":"a","created_at":"2022-08-24T10:38:05.128Z","user_identifier":{"email":"e",},"account_type":"schlage","errors":[]},"ok":true}',
    '{"connected_account":{"connected_account_id":"a","created_at":"2022-08-24T10:38:05.128Z","user_identifier":{"email":"e"},"account_type":"schlage","errors":[],"accepted_capabilities":["lock",]},"ok":true}',
    '{"connected_account":{"connected_account_id":"a","created_at":"2022-08-24T10:38:05.128Z","user_identifier":{"email":"e"},"account_type":"schlage","errors":[]},"ok":true} 1',
]

def hostile_bytes(h):
    """Raw bytes of a hostile case: characters below 256 are the bytes themselves (invalid UTF-8 on purpose)."""
    try:
        return h.encode("latin-1")
    except UnicodeEncodeError:
        return h.encode("utf-8")


SEAM_EVENT_TYPES = [
    "connected_account.connected", "connected_account.created", "connected_account.successful_login",
    "connected_account.disconnected", "connected_account.completed_first_sync", "connected_account.deleted",
    "connected_account.completed_first_sync_after_reconnection", "connected_account.reauthorization_requested",
    "device.connected", "",
]


def seam_events():
    out = []
    for i, t in enumerate(SEAM_EVENT_TYPES):
        e = {"event_id": f"ev_{i}", "connected_account_id": "ca_1", "workspace_id": "ws_1",
             "created_at": "2025-06-15T16:54:17.946Z", "occurred_at": "2025-06-15T16:54:17.946Z",
             "connect_webview_id": "cw_1", "customer_key": "ck", "connected_account_type": "august",
             "connected_account_custom_metadata": {"id": "internalId1", "n": 3, "flag": True, "none": None}}
        if t.endswith("disconnected"):
            e["connected_account_errors"] = [{"error_code": "account_disconnected", "message": "m",
                                              "created_at": "2025-01-01T00:00:00Z", "is_connected_account_error": True}]
        # the tag last, as the seed puts error_code last
        e["event_type"] = t
        out.append(json.dumps(e, separators=(",", ":")))
    return out


# fuzz_webhook's fixed secret and clock (see the top of fuzz_webhook.cpp).
WEBHOOK_KEY = base64.b64decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
WEBHOOK_NOW = 1614265330


def webhook_seeds(events):
    """(selector, id NUL timestamp NUL signature NUL body): valid, stale, forged and odd requests."""
    def sig(msg_id, ts, body):
        mac = hmac.new(WEBHOOK_KEY, f"{msg_id}.{int(ts)}.".encode() + body.encode(), hashlib.sha256).digest()
        return "v1," + base64.b64encode(mac).decode()

    def req(msg_id, ts, signature, body):
        return "\0".join([msg_id, str(ts), signature, body])

    now = WEBHOOK_NOW
    out = []
    for i, body in enumerate(events):
        msg_id = f"msg_2rGxJYw3T0rDd6hZ4hYhX9cVz{i}"
        good = sig(msg_id, now, body)
        out.append((i % 4, req(msg_id, now, good, body)))                       # valid, svix-/webhook- names
        out.append((4, req(msg_id, now, "v1,AAAA", body)))                      # the fuzzer's own list + the right one
        out.append((0, req(msg_id, now, "v2,xyz " + good + " v1,bm90", body)))  # rotation, other versions
    body = events[0]
    msg_id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    for ts in (now - 301, now + 301, now - 300, "0", "01614265330", "99999999999999999999", "-1", "1614265330.5", ""):
        out.append((0, req(msg_id, ts, sig(msg_id, int(ts) if str(ts).lstrip("-").isdigit() else 0, body), body)))
    for signature in ("", " ", "v1,", "v1", "v2," + sig(msg_id, now, body)[3:], "v1,***" + sig(msg_id, now, body)[6:],
                      sig(msg_id, now, body)[:-1], " ".join([sig(msg_id, now, body)] * 3)):
        out.append((0, req(msg_id, now, signature, body)))
    out.append((8, req(msg_id, now, sig(msg_id, now, body), body)))            # no id header
    out.append((6, req("", now, "", '{"test": 2432232314}')))                  # empty id, injected signature
    out.append((4, req(msg_id, now, "", '{"event_type":"connected_account.connected"}')))  # authentic, not an event
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"),
                    help="the shared/ directory with seeds/ and reference/ (default: ../shared)")
    args = ap.parse_args()
    shared = os.path.abspath(args.shared)
    if not os.path.isdir(os.path.join(shared, "seeds")):
        sys.exit(f"make_corpus.py: no seeds/ under {shared} (use --shared)")

    c = Corpus()
    seam_docs, so_docs, seam_error_bodies, http = [], [], [], []

    for name in sorted(os.listdir(os.path.join(shared, "seeds"))):
        if not name.endswith(".md"):
            continue
        docs = find_json_documents(open(os.path.join(shared, "seeds", name), encoding="utf-8").read())
        (so_docs if name.startswith("superoffice") else seam_docs).extend(docs)
    for name in ("seam-connected-accounts.md", "superoffice-email-agent.md"):
        p = os.path.join(shared, "reference", name)
        if os.path.exists(p):
            docs = find_json_documents(open(p, encoding="utf-8").read())
            (so_docs if name.startswith("superoffice") else seam_docs).extend(docs)
    rec = os.path.join(shared, "reference", "seam-fake-recordings.md")
    for head, body in http_responses(open(rec, encoding="utf-8").read()):
        http.append((head, body))
        try:
            value = json.loads(body)
        except ValueError:
            continue
        if isinstance(value, dict) and "error" in value:
            seam_error_bodies.append(body)
        else:
            seam_docs.append(body)

    data = os.path.join(ROOT, "tests", "data")
    for dirpath, _, names in sorted(os.walk(data)):
        for name in sorted(names):
            if name == "spec_samples.json" or not name.endswith(".json"):
                continue  # the spec samples are read by spec_samples(), per component; .txt are reports
            p = os.path.join(dirpath, name)
            text = open(p, encoding="utf-8").read()
            value = json.loads(text)
            if isinstance(value, list) and value and isinstance(value[0], dict) and "body" in value[0]:
                for r in value:  # recorded_*_bodies.json: {route, status, body, ...}
                    (seam_error_bodies if "status" in r else seam_docs).append(r["body"])
            else:
                seam_docs.append(text)

    # ---- fuzz_seam ----
    for doc in seam_docs:
        try:
            v = json.loads(doc)
        except ValueError:
            continue
        docs = {compact(doc)}
        for d in docs:
            if isinstance(v, dict) and "connected_account" in v:
                c.add("seam", SEAM["get"], d)
                c.add("seam", SEAM["update"], d)
                c.add("seam", SEAM["account"], json.dumps(v["connected_account"], separators=(",", ":")))
            elif isinstance(v, dict) and "connected_accounts" in v:
                c.add("seam", SEAM["list"], d)
                if isinstance(v.get("pagination"), dict):
                    c.add("seam", SEAM["pagination"], json.dumps(v["pagination"], separators=(",", ":")))
            elif isinstance(v, dict) and "connected_account_id" in v:
                c.add("seam", SEAM["account"], d)
            elif isinstance(v, dict) and v.get("ok") is True:
                for k in ("sync", "delete", "disconnect"):
                    c.add("seam", SEAM[k], d)
    for e in seam_events():
        c.add("seam", SEAM["event"], e)
    # The generated types, from the documents generated from the spec's schemas (each document
    # covers other union variants; too big ones are dropped by add()).
    spec = spec_samples()
    for d in spec.get("event", []):
        c.add("seam", SEAM["event"], json.dumps(d, separators=(",", ":")))
    def shrink(v):
        """Arrays cut to one element (two when they hold exactly two: the spec's minItems 2 pairs)."""
        if isinstance(v, list):
            return [shrink(x) for x in v[:2 if len(v) == 2 else 1]]
        if isinstance(v, dict):
            return {k: shrink(x) for k, x in v.items()}
        return v
    for i, name in enumerate(seam_resources()):
        for d in spec.get(name, []):
            text = json.dumps(d, separators=(",", ":"))
            # too big for a seed (a whole device): the same with short arrays
            c.add("seam", SEAM_RESOURCE_BASE + i, text if len(text) < MAX_FILE else json.dumps(shrink(d), separators=(",", ":")))
    for i, body in enumerate(dict.fromkeys(seam_error_bodies)):
        # selector of the reader: status index (low 4 bits) and content type (next 2 bits)
        c.add("seam", SEAM["error"], bytes([(i % 16) | (0x10 if i % 5 == 4 else 0)]) + body.encode())
    for h in HOSTILE:
        for k in ("get", "event"):
            c.add("seam", SEAM[k], hostile_bytes(h), priority=1)
    for doc in SEAM_NEAR_MISSES:  # as NEAR_MISSES, for the descent through the Seam models
        c.add("seam", SEAM["get"], doc, priority=1, keep=True)

    # ---- fuzz_superoffice ----
    for doc in so_docs:
        try:
            v = json.loads(doc)
        except ValueError:
            continue
        if isinstance(v, dict) and "SyncUserAccounts" in v:
            c.add("superoffice", SO["request"], doc)
            c.add("superoffice", SO["get_ready"], json.dumps(v["SyncUserAccounts"]))
            for a in v["SyncUserAccounts"]:
                c.add("superoffice", SO["account"], json.dumps(a))
        elif isinstance(v, dict) and "ErrorType" in v:
            c.add("superoffice", SO["error_body"], doc)
            c.add("superoffice", SO["read_error"], bytes([3 | 8]) + doc.encode())
    c.add("superoffice", SO["get_ready"],
          '[{"AccountId":1,"TableRight":{"Mask":"Read","Reason":""},"AssociateName":"ab","FieldProperties":'
          '{"AccountId":{"FieldRight":{"Mask":"FULL","Reason":""},"FieldType":"System.Int32","FieldLength":0}},"AssociateId":2}]')
    c.add("superoffice", SO["get_ready"], "[]")
    c.add("superoffice", SO["get_ready"], '[{"AccountId":2147483648,"AssociateName":"x","AssociateId":-2147483649}]')
    for sel in ("sync_accounts", "sync_account"):
        for body in ("null", "{}", "", " \r\n", '{"ok":true}'):
            c.add("superoffice", SO[sel], body)
    errs = ['{"Error":true,"ErrorType":"SoNotFoundException","ErrorMessage":"Not found\\r\\nline 2","ErrorSource":"SuperOffice.Services"}',
            '{"Error":true,"ErrorType":"","ErrorMessage":"","ErrorSource":""}',
            '{"Error":"yes","ErrorType":1}',
            '<html><body>500 Internal Server Error</body></html>',
            '{"Message":"An error has occurred."}']
    for i, e in enumerate(errs):
        c.add("superoffice", SO["error_body"], e)
        c.add("superoffice", SO["read_error"], bytes([i | 8]) + e.encode())
    for h in HOSTILE:
        for k in ("get_ready", "error_body"):
            c.add("superoffice", SO[k], hostile_bytes(h), priority=1)

    # ---- fuzz_json ----
    j = [
        '{"id":"x","favourite":"green","colors":["red","purple",""],"metadata":{"a":1,"b":[1,{"c":null}],"c":"s","d":true},'
        '"series":{"s":[1,2.5,-0.0,1e10]},"grid":[["a"],[]],"choices":[{"values":[1,2],"kind":"a"},{"kind":"b","payload":{"x":[1]},"note":null},'
        '{"kind":"zzz","k":1}],"maybe":null,"extra":[1,"2",{"3":4}],"numbers":{"b":true,"i8":-128,"u8":255,"i16":-32768,"u16":65535,'
        '"i32":-2147483648,"u32":4294967295,"i64":-9223372036854775808,"u64":18446744073709551615,"d":0.1,"f":3.4028235e38,"s":"\\u00e9"}}',
        '{"b":false,"i8":128}', '{"d":1e308,"f":1e39}', '{"d":-0,"f":5e-324}', '{"d":1.7976931348623157e308}',
        '{"u64":-1}', '{"i32":1.0}', '{"s":"\\ud83d\\ude00\\n\\t\\u0001"}',
    ]
    for i, doc in enumerate(j):
        c.add("json", JSONT["everything"] if i == 0 else JSONT["scalars"], doc)
    c.add("json", JSONT["record"], '{"a":1,"a":2,"b":{"c":[true,false,null]},"":"e"}')
    c.add("json", JSONT["raw"], '{"a":[1,2,{"b":"\\u00e9\\n"}],"c":-1.5e-3}')
    c.add("json", JSONT["any"], '"text"')
    c.add("json", JSONT["any"], '[{"deep":[[[]]]}]')
    c.add("json", JSONT["choices"], '[{"kind":"a","values":[9223372036854775807]},{"note":"n","kind":"b"},{"kind":1},{}]')
    c.add("json", JSONT["map"], '{"a":null,"b":1.5,"c":-2}')
    c.add("json", JSONT["pascal"], '{"AccountId":1,"AssociateName":"n","$select":"a,b/c"}')
    c.add("json", JSONT["enums"], '["red",null,"blue"]')
    for sel in (0, 9, 17, 42, 77, 200, 255):
        c.add("json", JSONT["limits"], bytes([sel]) + j[0].encode())
        c.add("json", JSONT["limits"], bytes([sel]) + b'{"id":"abcdefghijklmnop","grid":[["a","b","c"],["d"]]}')
    # Near misses of documents the descent decodes (a trailing comma, data after the document): from
    # these the fuzzer soon reaches where the descent must give up exactly where the events refuse.
    for k, doc in NEAR_MISSES:
        c.add("json", JSONT[k], doc, priority=1, keep=True)
    # Trees around the descent's recursion limit (96 open containers: 48 levels hold 95, 49 hold 97).
    for levels in (48, 49, 100):
        tree = '{"value":1,"children":[' * (levels - 1) + '{"value":2}' + ']}' * (levels - 1)
        c.add("json", JSONT["limits"], bytes([200]) + tree.encode(), keep=True)
    for h in HOSTILE:
        for k in ("everything", "raw"):
            c.add("json", JSONT[k], hostile_bytes(h), priority=1)

    # ---- fuzz_http: whole HTTP responses, CRLF line ends, Content-Length made right ----
    def response(head, body, sel):
        lines = [l for l in head.split("\n") if not l.lower().startswith("content-length:")]
        b = body.encode()
        if not any(l.lower().startswith("transfer-encoding:") for l in lines):
            lines.append(f"Content-Length: {len(b)}")
        return bytes([sel]) + ("\r\n".join(lines) + "\r\n\r\n").encode() + b

    seen_status = set()
    for i, (head, body) in enumerate(http):
        status = head.split(" ")[1] if " " in head else "?"
        key = (status, len(body) > 0)
        if key in seen_status and i % 3:
            continue
        seen_status.add(key)
        c.add("http", i % 4, response(head, body, 0)[1:])
    raw = [
        (0x80, "HTTP/1.1 204 No Content\r\nContent-Type: application/json; charset=utf-8\r\n\r\n"),
        (0x80, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 58\r\n\r\n"
               '[{"AccountId":257,"AssociateName":"Pagac-Mohr","AssociateId":260}]'[:58]),
        (0x81, "HTTP/1.1 204 No Content\r\nContent-Length: 4\r\n\r\nnull"),
        (0x80, "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 101\r\n\r\n"
               '{"Error":true,"ErrorType":"SoNotFoundException","ErrorMessage":"x 8A:fuzzsecret-0123456789","ErrorSource":"s"}'[:101]),
        (0x80, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\n\r\n<html>Authorization: Bearer 8A:fuzzsecret-0123456789</html>"),
        (0x80, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\n\r\n<p>qsecret_5a6b7c 8A:fuzzsecret-0123456789</p>"),
        (0x00, "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n"
               '{"error":{"type":"invalid_input","message":"token seam_fuzzsecret_9f8e7d6c5b4a q=qsecret_5a6b7c"},"ok":false}'),
        (0x00, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"con\r\n0\r\n\r\n"),
        (0x00, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n"),
        (0x00, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"ok\":true}"),
        (0x00, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n{}"),
        (0x00, "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n"),
        (0x00, "HTTP/1.1 200 OK\r\n\r\n{\"connected_account\":{\"connected_account_id\":\"a\"},\"ok\":true}"),
        (0x02, "HTTP/1.0 200 OK\r\n\r\n{\"ok\":true}"),
        (0x02, "HTTP/1.1 301 Moved\r\nLocation: http://127.0.0.1:1/?token=seam_fuzzsecret_9f8e7d6c5b4a\r\nContent-Length: 0\r\n\r\n"),
        (0x01, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 99999999\r\nContent-Length: 0\r\n\r\n"),
        (0x00, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"),
        (0x00, "HTTP/1.1 200 OK\r\nX: " + "a" * 3000 + "\r\nContent-Length: 0\r\n\r\n"),
        (0x00, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + " " * 5000),
        (0x00, "HTTP/1.1 2000 OK\r\n\r\n"), (0x00, "HTTP/9.9 200 OK\r\n\r\n"), (0x00, "garbage\r\n\r\n"), (0x00, ""),
        (0x00, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 200 OK\r\n\r\n"),
        (0x00, "HTTP/1.1 200 OK\nContent-Length: 2\n\n{}"),
        (0x00, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8b"),
    ]
    for sel, r in raw:
        c.add("http", sel, r.encode("latin-1"))

    # ---- decode_into reuse pairs "y\0x" (see round_trip in fuzz_common.hpp): x decoded into
    # the value y left, for every decode target, from real samples of the same selector ----
    for target, reader_selectors in (("seam", {SEAM["error"]}), ("superoffice", {SO["read_error"]}), ("json", {JSONT["limits"]})):
        by_sel = {}
        for prio, data in sorted(c.files.get(target, {}).values(), key=lambda v: (len(v[1]), v[1])):
            if prio == 0 and data[0] not in reader_selectors:
                by_sel.setdefault(data[0], []).append(data[1:])
        for sel, docs in sorted(by_sel.items()):
            for y, x in list(zip(docs, docs[1:]))[-2:] + list(zip(docs[1:], docs))[-1:]:
                c.add(target, sel, y + b"\0" + x, priority=-1)
    c.add("seam", SEAM["account"], b'{"connected_account_id":"a","accepted_capabilities":["thermostat","x"]}\0'
                                  b'{"connected_account_id":"a","accepted_capabilities":["",""]}', priority=-1)

    # ---- fuzz_webhook ----
    for sel, body in webhook_seeds(seam_events()):
        c.add("webhook", sel, body)

    c.write()


if __name__ == "__main__":
    main()
