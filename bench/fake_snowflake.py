#!/usr/bin/env python3
"""A stand-in for Snowflake's REST API for bench/run.sh, enough for the real Snowflake JDBC driver
(see /work/shared/REFERENCE.md, "Snowflake JDBC"): login, queries, session delete. It answers
SHOW TERSE DATABASES with DATABASES names (DB0001, ...), and each database's INFORMATION_SCHEMA
columns query (sql/snowflake/columns.sql; the database is in the bound view name) with COLUMNS rows
after sleeping DELAY seconds, as a busy warehouse would. Threaded, so that parallel sessions'
queries overlap. Appends one line per columns query to LOGFILE: DB START_EPOCH_S END_EPOCH_S.
A sign-in and a logout each take LOGIN_DELAY seconds, as the round trips of a real one do.
Usage: fake_snowflake.py PORT LOGFILE [DATABASES=200] [DELAY=1.0] [COLUMNS=5] [LOGIN_DELAY=0]"""
import gzip, json, re, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, LOG = int(sys.argv[1]), sys.argv[2]
DATABASES = int(sys.argv[3]) if len(sys.argv) > 3 else 200
DELAY = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
COLUMNS = int(sys.argv[5]) if len(sys.argv) > 5 else 5
LOGIN_DELAY = float(sys.argv[6]) if len(sys.argv) > 6 else 0.0
LOCK = threading.Lock()
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
            answer = LOGIN
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

    do_GET = do_POST

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
        with open(LOG, "a") as f:
            f.write("%s %.3f %.3f %s\n" % (db, start, time.time(), "describe" if request.get("describeOnly") else "query"))
        return result(CATALOG, columns_of(db))


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer.request_queue_size = 128
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
