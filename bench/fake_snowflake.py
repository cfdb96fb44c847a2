#!/usr/bin/env python3
"""A stand-in for Snowflake's REST API for bench/run.sh, enough for the real Snowflake JDBC driver
(see /work/shared/REFERENCE.md, "Snowflake JDBC"): login, queries, session delete. It answers
SHOW TERSE DATABASES with DATABASES names (DB0001, ...), and each database's INFORMATION_SCHEMA
columns query (sql/snowflake/columns.sql; the database is in the bound view name) with COLUMNS rows
after sleeping DELAY seconds, as a busy warehouse would. Threaded, so that parallel sessions'
queries overlap. Appends one line per columns query to LOGFILE: DB START_EPOCH_S END_EPOCH_S.
A sign-in and a logout each take LOGIN_DELAY seconds, as the round trips of a real one do.
Usage: fake_snowflake.py PORT LOGFILE [DATABASES=200] [DELAY=1.0] [COLUMNS=5] [LOGIN_DELAY=0]

One large database, answered in result chunks as real Snowflake answers a large result (environment;
off unless LARGE_DB is set): LARGE_DB (a name from the list, e.g. DB0001; or several, comma-separated,
each the same) answers LARGE_COLUMNS (1000000) rows: LARGE_SCHEMAS (4) schemas of tables of LARGE_TABLE_COLUMNS (50) columns each, in the
order of sql/snowflake/columns.sql. FIRST_ROWS (1000) of them come inline ("rowset"), the rest as
"chunks" of CHUNK_ROWS (50000) rows each (with CHUNK_GROWTH > 1 (1), growing by that factor from
FIRST_ROWS up to CHUNK_ROWS, as Snowflake grows them), which the driver downloads from this server itself
(GET /results/<query id>/main/data_0_0_<i>?db=..&from=..&to=.., 127.0.0.1 only). Rows are generated when a
chunk is asked for and never held beyond one chunk; each chunk's uncompressedSize is computed
exactly beforehand (the driver sizes its buffers from it). A chunk body is the rows as JSON arrays
separated by commas, without outer brackets, gzip'd (compression level CHUNK_GZIP_LEVEL, 1) and
served as S3 serves it: CHUNK_ENCODING=magic (default) sends the gzip bytes with no Content-Encoding
(the driver detects gzip by its magic bytes), header adds Content-Encoding: gzip, none sends plain
JSON. CHUNK_AUTH=headers (default) also sends "chunkHeaders" (the SSE-C headers the driver must
send back, as Snowflake on AWS does), qrmk sends only "qrmk" (the driver makes the SSE-C headers
from it); a chunk request without the right key header is answered 400. Each chunk download
appends a line to LOGFILE: DB START END chunk INDEX rows=N bytes=UNCOMPRESSED sent=BYTES
sse_c=ok|MISSING accept_encoding=... . The login answer carries Snowflake's defaults of
CLIENT_PREFETCH_THREADS (4), CLIENT_RESULT_CHUNK_SIZE (160), CLIENT_MEMORY_LIMIT (1536), with the
values of those the client sent as session parameters (connection properties), as Snowflake
echoes them, and CLIENT_ENABLE_CONSERVATIVE_MEMORY_USAGE true as recorded Snowflake answers do
(CONSERVATIVE_MEMORY=false leaves it out); the fake does not size chunks by CLIENT_RESULT_CHUNK_SIZE
(CHUNK_ROWS stands in for it).""" 
import gzip, json, os, re, sys, threading, time
from urllib.parse import parse_qs, quote, urlsplit
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, LOG = int(sys.argv[1]), sys.argv[2]
DATABASES = int(sys.argv[3]) if len(sys.argv) > 3 else 200
DELAY = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
COLUMNS = int(sys.argv[5]) if len(sys.argv) > 5 else 5
LOGIN_DELAY = float(sys.argv[6]) if len(sys.argv) > 6 else 0.0
LOCK = threading.Lock()
LARGE_DBS = set(filter(None, os.environ.get("LARGE_DB", "").split(",")))
LARGE_COLUMNS = int(os.environ.get("LARGE_COLUMNS", "1000000"))
LARGE_TABLE_COLUMNS = int(os.environ.get("LARGE_TABLE_COLUMNS", "50"))
LARGE_SCHEMAS = int(os.environ.get("LARGE_SCHEMAS", "4"))
FIRST_ROWS = int(os.environ.get("FIRST_ROWS", "1000"))
CHUNK_ROWS = int(os.environ.get("CHUNK_ROWS", "50000"))
CHUNK_GROWTH = float(os.environ.get("CHUNK_GROWTH", "1"))
CHUNK_ENCODING = os.environ.get("CHUNK_ENCODING", "magic")
CHUNK_AUTH = os.environ.get("CHUNK_AUTH", "headers")
CHUNK_GZIP_LEVEL = int(os.environ.get("CHUNK_GZIP_LEVEL", "1"))
QRMK = "YmVuY2gtcXVlcnktcmVzdWx0LW1hc3Rlci1rZXktMzI="   # the fake's query result master key
assert CHUNK_ENCODING in ("magic", "header", "none") and CHUNK_AUTH in ("headers", "qrmk")
assert LARGE_COLUMNS >= 0 and LARGE_TABLE_COLUMNS > 0 and LARGE_SCHEMAS > 0 and FIRST_ROWS >= 0 and CHUNK_ROWS > 0
assert CHUNK_GROWTH >= 1
# Snowflake's defaults of the driver's memory parameters, sent at sign-in (the driver reads
# CLIENT_RESULT_CHUNK_SIZE unconditionally once a result has chunks).
CLIENT_DEFAULTS = {"CLIENT_PREFETCH_THREADS": 4, "CLIENT_RESULT_CHUNK_SIZE": 160, "CLIENT_MEMORY_LIMIT": 1536}
# Recorded Snowflake login answers also turn on the driver's conservative memory use (it then caps
# chunk memory by the free heap and lowers threads and chunk size to fit); CONSERVATIVE_MEMORY=false
# leaves it out, the driver's path without it.
CONSERVATIVE = ([] if os.environ.get("CONSERVATIVE_MEMORY", "true") == "false" else
                [{"name": "CLIENT_ENABLE_CONSERVATIVE_MEMORY_USAGE", "value": True},
                 {"name": "CLIENT_CONSERVATIVE_MEMORY_ADJUST_STEP", "value": 64}])
COUNTER = [0]

# The rowtype of sql/snowflake/columns*.sql, as Snowflake types them (ColumnRowMapper reads by position).
CATALOG = [("database_name", "text"), ("schema_name", "text"), ("table_name", "text"),
           ("table_description", "text"), ("is_view", "boolean"), ("last_updated_time", "fixed"),
           ("column_name", "text"), ("column_description", "text"), ("column_type", "text"),
           ("sort_order", "fixed")]

LOGIN = {"data": {"masterToken": "mt", "token": "st", "validityInSeconds": 3600,
                  "masterValidityInSeconds": 14400, "displayUserName": "U", "serverVersion": "9.0.0",
                  "firstLogin": False, "healthCheckInterval": 45, "sessionId": 1234,
                  "parameters": [{"name": "AUTOCOMMIT", "value": True},
                                 {"name": "CLIENT_TELEMETRY_ENABLED", "value": False},
                                 {"name": "JDBC_QUERY_RESULT_FORMAT", "value": "JSON"}],
                  "sessionInfo": {"databaseName": "DB", "schemaName": "PUBLIC", "warehouseName": "WH",
                                  "roleName": "R"}},
         "code": None, "message": None, "success": True}
OK = {"data": None, "code": None, "message": None, "success": True}


def login(raw):
    """LOGIN, with the driver's memory parameters: Snowflake's defaults, or what the client set."""
    try:
        sent = (json.loads(raw).get("data") or {}).get("SESSION_PARAMETERS") or {}
    except ValueError:
        sent = {}
    values = dict(CLIENT_DEFAULTS)
    for name, value in sent.items():
        if name.upper() in CLIENT_DEFAULTS:
            values[name.upper()] = int(value)
    answer = json.loads(json.dumps(LOGIN))
    answer["data"]["parameters"] += [{"name": n, "value": v} for n, v in values.items()] + CONSERVATIVE
    return answer


def result(columns, rows):
    with LOCK:
        COUNTER[0] += 1
        qid = "01bench0-0000-0000-0000-%012d" % COUNTER[0]
    rowtype = [{"name": n, "type": t, "nullable": True, "length": 16777216 if t == "text" else 0,
                "byteLength": 16777216 if t == "text" else 0, "precision": 38 if t == "fixed" else 0,
                "scale": 0, "collation": None, "database": "", "schema": "", "table": ""} for n, t in columns]
    return {"data": {"parameters": [], "rowtype": rowtype, "rowset": rows, "total": len(rows),
                     "returned": len(rows), "queryId": qid, "statementTypeId": 4096, "version": 1,
                     "queryResultFormat": "json", "finalDatabaseName": "DB", "finalSchemaName": "PUBLIC",
                     "finalWarehouseName": "WH", "finalRoleName": "R", "numberOfBinds": 0,
                     "arrayBindSupported": False, "sendResultTime": int(time.time() * 1000)},
            "code": None, "message": None, "success": True}


def error(message):
    return {"data": {"internalError": False, "errorCode": "999999", "sqlState": "42000", "queryId": "x"},
            "code": "999999", "message": message, "success": False}


def columns_of(db):
    return [[db, "PUBLIC", "T1", "table of " + db, "false", "1700000000", "C%d" % k, None, "NUMBER", str(k)]
            for k in range(1, COLUMNS + 1)]


# ---- the large database: row i (0-based) is column i % LARGE_TABLE_COLUMNS + 1 of table
# i // LARGE_TABLE_COLUMNS; tables are spread evenly over the schemas in order. Every name has a fixed
# width, so a row's JSON length differs only by the digits of its sort_order, and a chunk's exact
# size is arithmetic (the driver allocates from uncompressedSize and fails on a longer chunk).
LARGE_TABLES = -(-LARGE_COLUMNS // LARGE_TABLE_COLUMNS)
_T_WIDTH = len(str(max(LARGE_TABLES - 1, 0)))
_S_WIDTH = len(str(LARGE_SCHEMAS - 1))
_C_WIDTH = len(str(LARGE_TABLE_COLUMNS))
_DIGITS = [0]                       # _DIGITS[k] = digits of sort orders 1..k
for _k in range(1, LARGE_TABLE_COLUMNS + 1):
    _DIGITS.append(_DIGITS[-1] + len(str(_k)))


def _large_table(t):
    return "S%0*d" % (_S_WIDTH, t * LARGE_SCHEMAS // max(LARGE_TABLES, 1)), "T%0*d" % (_T_WIDTH, t)


def large_rows_json(db, start, end):
    """Rows [start, end) of the large database, as the chunk body text: [..],[..] (no outer brackets)."""
    head = json.dumps(db)
    tail = ',%s,"false","1700000000",' % json.dumps("table of " + db)
    out = []
    i = start
    while i < end:
        t, k0 = divmod(i, LARGE_TABLE_COLUMNS)
        schema, table = _large_table(t)
        prefix = '[%s,"%s","%s"%s"C' % (head, schema, table, tail)
        n = min(end - i, LARGE_TABLE_COLUMNS - k0)
        out.extend('%s%0*d",null,"NUMBER","%d"]' % (prefix, _C_WIDTH, k, k) for k in range(k0 + 1, k0 + n + 1))
        i += n
    return ",".join(out)


def _digits_before(n):
    return (n // LARGE_TABLE_COLUMNS) * _DIGITS[LARGE_TABLE_COLUMNS] + _DIGITS[n % LARGE_TABLE_COLUMNS]


def large_rows_size(db, start, end):
    """len() in bytes of large_rows_json(db, start, end), without building it."""
    if end <= start:
        return 0
    fixed = len(large_rows_json(db, 0, 1).encode()) - 1   # one row, sort_order "1"
    return (end - start) * fixed + _digits_before(end) - _digits_before(start) + (end - start - 1)


def large_result(db, counts):
    """The first answer to the large database's columns query: FIRST_ROWS inline, the rest as chunk URLs."""
    first = min(FIRST_ROWS, LARGE_COLUMNS)
    rowset = json.loads("[" + large_rows_json(db, 0, first) + "]")
    answer = result(CATALOG, rowset)
    data = answer["data"]
    qid = data["queryId"]
    chunks = []
    start, rows = first, max(1, first)
    while start < LARGE_COLUMNS:
        j = len(chunks)
        rows = CHUNK_ROWS if CHUNK_GROWTH == 1 else min(CHUNK_ROWS, max(rows + 1, int(rows * CHUNK_GROWTH)))
        end = min(start + rows, LARGE_COLUMNS)
        size = large_rows_size(db, start, end)
        chunks.append({"url": "http://127.0.0.1:%d/results/%s/main/data_0_0_%d?db=%s&from=%d&to=%d"
                              % (PORT, qid, j, quote(db, safe=""), start, end),
                       # compressedSize: the driver only logs it; a rough estimate (gzip level 1 of
                       # these rows is about a fourteenth).
                       "rowCount": end - start, "uncompressedSize": size, "compressedSize": size // 10})
        start = end
    data["total"] = data["returned"] = LARGE_COLUMNS
    if chunks:
        data["chunks"] = chunks
        data["qrmk"] = QRMK
        if CHUNK_AUTH == "headers":
            data["chunkHeaders"] = {"x-amz-server-side-encryption-customer-algorithm": "AES256",
                                    "x-amz-server-side-encryption-customer-key": QRMK}
    counts.append(len(chunks))
    return answer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # http.server sends the headers and the body in two writes; with Nagle's algorithm on, the body
    # then waits for the client's delayed ACK of the headers (40 ms on Linux), which a real server
    # does not add to every answer.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        path = self.path.split("?")[0]
        if path == "/session/v1/login-request":
            time.sleep(LOGIN_DELAY)
            answer = login(raw)
        elif path == "/session" and "delete=true" in self.path:
            time.sleep(LOGIN_DELAY)
            answer = OK
        elif path == "/queries/v1/query-request":
            answer = self.query(json.loads(raw))
        else:
            answer = OK
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.startswith("/results/"):
            self.chunk()
        else:
            self.do_POST()

    def chunk(self):
        start = time.time()
        query = parse_qs(urlsplit(self.path).query)
        db, first, end = query["db"][0], int(query["from"][0]), int(query["to"][0])
        index = self.path.split("?")[0].rsplit("_", 1)[1]
        key_ok = (self.headers.get("x-amz-server-side-encryption-customer-key") == QRMK
                  and self.headers.get("x-amz-server-side-encryption-customer-algorithm") == "AES256")
        body = large_rows_json(db, first, end).encode() if key_ok else b"missing SSE-C headers"
        size_ok = not key_ok or len(body) == large_rows_size(db, first, end)
        status = 200 if key_ok and size_ok else 400
        if status == 200 and CHUNK_ENCODING != "none":
            body = gzip.compress(body, CHUNK_GZIP_LEVEL)
        self.send_response(status)
        self.send_header("Content-Type", "binary/octet-stream")
        if status == 200 and CHUNK_ENCODING == "header":
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with open(LOG, "a") as f:
            f.write("%s %.3f %.3f chunk %s rows=%d bytes=%d sent=%d sse_c=%s accept_encoding=%s%s\n"
                    % (db, start, time.time(), index, end - first, large_rows_size(db, first, end), len(body),
                       "ok" if key_ok else "MISSING", self.headers.get("Accept-Encoding", "-").replace(" ", ""),
                       "" if size_ok else " SIZE-MISMATCH"))

    def query(self, request):
        sql = request.get("sqlText", "")
        if sql.startswith("SHOW TERSE DATABASES"):
            if " FROM " in sql:
                return result([("name", "text")], [])
            return result([("name", "text")], [["DB%04d" % i] for i in range(1, DATABASES + 1)])
        views = [b.get("value", "") for b in (request.get("bindings") or {}).values()]
        db = next((m.group(1) for v in views if (m := re.match(r'"(.*)"\.INFORMATION_SCHEMA\.COLUMNS$', str(v)))), None)
        if db is None:
            return error("fake_snowflake.py: no answer for SQL: " + sql[:200])
        start = time.time()
        if not request.get("describeOnly"):
            time.sleep(DELAY)
        if db in LARGE_DBS and not request.get("describeOnly"):
            chunks = []
            answer = large_result(db, chunks)
            with open(LOG, "a") as f:
                f.write("%s %.3f %.3f query rows=%d first_rows=%d chunks=%d\n"
                        % (db, start, time.time(), LARGE_COLUMNS, len(answer["data"]["rowset"]), chunks[0]))
            return answer
        with open(LOG, "a") as f:
            f.write("%s %.3f %.3f %s\n" % (db, start, time.time(), "describe" if request.get("describeOnly") else "query"))
        return result(CATALOG, columns_of(db) if db not in LARGE_DBS else [])


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer.request_queue_size = 128
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
