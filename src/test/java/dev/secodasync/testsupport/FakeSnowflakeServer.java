package dev.secodasync.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Snowflake REST endpoint that the REAL Snowflake JDBC driver (net.snowflake:snowflake-jdbc 4.4.x)
 * can log in to and run queries against, over plain HTTP on localhost.
 *
 * <p>Use it as a JUnit 5 extension on an instance field (started before, stopped after each test):
 * <pre>{@code
 * @RegisterExtension final FakeSnowflakeServer snowflake = new FakeSnowflakeServer();
 * ...
 * snowflake.onQuery(sql -> sql.contains("SHOW TERSE DATABASES"), FakeSnowflakeServer.result(List.of("name"), rows));
 * try (Connection c = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.properties("U", "pw"))) { ... }
 * }</pre>
 * or by hand with {@link #start()} and {@link #close()}.
 *
 * <p>Rules are checked in the order they were added; the first whose predicate matches the SQL text answers.
 * An unmatched query is answered with a Snowflake error (code {@value #UNMATCHED_CODE}, SQL state 42000,
 * message "FakeSnowflakeServer: no rule for SQL: ...") rather than an empty result, so that a test can never
 * pass by accident against a script that forgot a query. Use {@link #onAnyQuery(Answer)} for a catch-all.
 *
 * <p>Every result is sent as {@code queryResultFormat: "json"}, whatever the session asked for, so the driver
 * never touches Arrow (and so never needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED}).
 */
public final class FakeSnowflakeServer implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    /** The columns every {@code sql/snowflake/columns*.sql} returns, typed as Snowflake answers them. */
    public static final List<Column> CATALOG_COLUMNS = List.of(Column.text("database_name"), Column.text("schema_name"),
            Column.text("table_name"), Column.text("table_description"), Column.bool("is_view"),
            Column.number("last_updated_time"), Column.text("column_name"), Column.text("column_description"),
            Column.text("column_type"), Column.number("sort_order"));

    /** Error code used for queries that no rule matched. */
    public static final String UNMATCHED_CODE = "999999";

    /** The session token the fake hands out; queries must carry it in {@code Authorization: Snowflake Token="..."}. */
    public static final String SESSION_TOKEN = "fake-session-token";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockWebServer server = new MockWebServer();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Login> logins = new CopyOnWriteArrayList<>();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private final List<RecordedCall> otherCalls = new CopyOnWriteArrayList<>();
    private final AtomicLong queryCounter = new AtomicLong();
    private volatile Consumer<Query> whileAnswering = q -> { };
    private boolean started;

    public FakeSnowflakeServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handle(request);
            }
        });
    }

    // ---------------------------------------------------------------- lifecycle

    public synchronized FakeSnowflakeServer start() {
        if (!started) {
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            started = true;
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (started) {
            server.close();
            started = false;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    // ---------------------------------------------------------------- connection settings

    /** {@code jdbc:snowflake://localhost:PORT} */
    public String jdbcUrl() {
        start();
        return "jdbc:snowflake://localhost:" + server.getPort();
    }

    /**
     * The properties the driver needs against this fake, without any credentials: add {@code user} and
     * {@code password}, {@code private_key_*} or {@code authenticator}+{@code token}.
     */
    public Properties baseProperties() {
        Properties p = new Properties();
        // Required by the driver, and sent as data.ACCOUNT_NAME; any value works against the fake.
        p.setProperty("account", "fakeaccount");
        // Plain HTTP: no TLS, hence no OCSP/CRL fetches either.
        p.setProperty("ssl", "off");
        // Otherwise the driver probes cloud metadata endpoints (AWS/Azure/GCP) at connect time.
        p.setProperty("disablePlatformDetection", "true");
        // The real server would answer Arrow, which on Java 17+ needs --add-opens; JSON does not.
        p.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        // Keep the driver from sending in-band telemetry batches (the fake would accept them anyway).
        p.setProperty("CLIENT_TELEMETRY_ENABLED", "false");
        // Fail fast instead of retrying for minutes if the fake answers something unexpected.
        p.setProperty("loginTimeout", "20");
        p.setProperty("networkTimeout", "20000");
        p.setProperty("maxHttpRetries", "1");
        return p;
    }

    /** {@link #baseProperties()} plus user and password. */
    public Properties properties(String user, String password) {
        Properties p = baseProperties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return p;
    }

    public int port() {
        start();
        return server.getPort();
    }

    // ---------------------------------------------------------------- script

    /** Answer queries whose SQL text matches with the given answer. */
    public FakeSnowflakeServer onQuery(Predicate<String> sql, Answer answer) {
        rules.add(new Rule(q -> sql.test(q.sqlText()), answer));
        return this;
    }

    /** Answer queries (SQL text and bindings) that match with the given answer. */
    public FakeSnowflakeServer onQueryWith(Predicate<Query> query, Answer answer) {
        rules.add(new Rule(query, answer));
        return this;
    }

    /** Answer queries whose SQL text matches with a Snowflake error (SQL state 42000). */
    public FakeSnowflakeServer onQueryFail(Predicate<String> sql, String code, String message) {
        return onQuery(sql, error(code, "42000", message));
    }

    /**
     * Runs {@code hook} on the server's thread for each query before answering it, e.g. to hold a
     * query until others have arrived (queries from several sessions are answered concurrently).
     */
    public FakeSnowflakeServer whileAnswering(Consumer<Query> hook) {
        this.whileAnswering = hook;
        return this;
    }

    /** Catch-all answer for queries no earlier rule matched. */
    public FakeSnowflakeServer onAnyQuery(Answer answer) {
        rules.add(new Rule(q -> true, answer));
        return this;
    }

    /** A result set with columns of type {@code text}; rows hold nullable strings. */
    public static ResultAnswer result(List<String> columnNames, List<List<String>> rows) {
        List<Column> cols = new ArrayList<>();
        for (String n : columnNames) {
            cols.add(Column.text(n));
        }
        return new ResultAnswer(cols, rows);
    }

    /** A result set with typed columns. */
    public static ResultAnswer typedResult(List<Column> columns, List<List<String>> rows) {
        return new ResultAnswer(columns, rows);
    }

    /** A row of nullable strings ({@code List.of} refuses nulls). */
    public static List<String> row(String... values) {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** A Snowflake error answer: {@code success:false}, {@code code}, {@code message}, {@code data.sqlState}. */
    public static ErrorAnswer error(String code, String sqlState, String message) {
        return new ErrorAnswer(code, sqlState, message);
    }

    // ---------------------------------------------------------------- recordings

    public List<Login> logins() {
        return List.copyOf(logins);
    }

    public Login lastLogin() {
        if (logins.isEmpty()) {
            throw new AssertionError("no login request was received");
        }
        return logins.get(logins.size() - 1);
    }

    public List<Query> queries() {
        return List.copyOf(queries);
    }

    public List<String> sqlTexts() {
        return queries.stream().map(Query::sqlText).toList();
    }

    /** Requests to other paths (session delete, telemetry, heartbeat, ...), in order. */
    public List<RecordedCall> otherCalls() {
        return List.copyOf(otherCalls);
    }

    // ---------------------------------------------------------------- model

    /** A recorded login: the parsed JSON body; {@link #data(String)} reads {@code data.<FIELD>}. */
    public record Login(String target, JsonNode body) {
        /** {@code data.<field>} as text, or null when absent or JSON null. */
        public String data(String field) {
            JsonNode n = body.path("data").path(field);
            return n.isMissingNode() || n.isNull() ? null : n.isValueNode() ? n.asString() : n.toString();
        }

        public JsonNode sessionParameters() {
            return body.path("data").path("SESSION_PARAMETERS");
        }
    }

    /**
     * A recorded query. The driver sends {@code ?} parameters in the JSON field {@code bindings}, keyed
     * "1", "2", ... with {@code {"type": "TEXT"|"FIXED"|..., "value": "<string>"}} (a JSON array of strings
     * for batches).
     */
    public record Query(String target, String authorization, String sqlText, Map<String, Binding> bindings,
                        JsonNode body) {
        /** The value of parameter {@code index} (1-based) as the driver sent it, or null. */
        public String bindingValue(int index) {
            Binding b = bindings.get(Integer.toString(index));
            return b == null ? null : b.value();
        }
    }

    /** One bound parameter: Snowflake type name and the value in its text form (JSON text for arrays). */
    public record Binding(String type, String value, JsonNode raw) {
    }

    public record RecordedCall(String method, String target, String body) {
    }

    /** A result-set column: {@code type} is a Snowflake type name such as text, fixed, boolean, real. */
    public record Column(String name, String type, int precision, int scale) {
        public static Column text(String name) {
            return new Column(name, "text", 0, 0);
        }

        public static Column number(String name) {
            return new Column(name, "fixed", 38, 0);
        }

        public static Column bool(String name) {
            return new Column(name, "boolean", 0, 0);
        }
    }

    public sealed interface Answer permits ResultAnswer, ErrorAnswer {
    }

    public record ResultAnswer(List<Column> columns, List<List<String>> rows) implements Answer {
    }

    public record ErrorAnswer(String code, String sqlState, String message) implements Answer {
    }

    private record Rule(Predicate<Query> matches, Answer answer) {
    }

    // ---------------------------------------------------------------- dispatch

    private MockResponse handle(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        byte[] raw = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
        byte[] body = maybeGunzip(raw, request.getHeaders().get("Content-Encoding"));
        try {
            if ("POST".equals(request.getMethod()) && path.equals("/session/v1/login-request")) {
                Login login = new Login(request.getTarget(), JSON.readTree(body));
                logins.add(login);
                return json(loginAnswer(login.sessionParameters()));
            }
            if ("POST".equals(request.getMethod()) && path.equals("/queries/v1/query-request")) {
                JsonNode json = JSON.readTree(body);
                Query q = new Query(request.getTarget(), request.getHeaders().get("Authorization"),
                        json.path("sqlText").asString(), bindings(json.path("bindings")), json);
                queries.add(q);
                whileAnswering.accept(q);
                return json(queryAnswer(q));
            }
            otherCalls.add(new RecordedCall(request.getMethod(), request.getTarget(),
                    new String(body, StandardCharsets.UTF_8)));
            return json("{\"data\":null,\"code\":null,\"message\":null,\"success\":true}");
        } catch (RuntimeException e) {
            // Surface fake bugs as a Snowflake-style error rather than a hung/retried connection.
            return json(errorJson(new ErrorAnswer("999998", "XX000", "FakeSnowflakeServer failed: " + e), "n/a"));
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static byte[] maybeGunzip(byte[] raw, String contentEncoding) {
        boolean gzipMagic = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        if (!gzipMagic && !"gzip".equalsIgnoreCase(contentEncoding)) {
            return raw;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Binding> bindings(JsonNode node) {
        Map<String, Binding> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue().path("value");
            String value = v.isNull() || v.isMissingNode() ? null : v.isValueNode() ? v.asString() : v.toString();
            out.put(e.getKey(), new Binding(e.getValue().path("type").asString(), value, e.getValue()));
        }
        return out;
    }

    private static String loginAnswer(JsonNode sessionParameters) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("masterToken", "fake-master-token");
        data.put("token", SESSION_TOKEN);
        data.put("validityInSeconds", 3600);
        data.put("masterValidityInSeconds", 14400);
        data.put("displayUserName", "FAKE");
        data.put("serverVersion", "9.0.0");
        data.put("firstLogin", false);
        data.put("healthCheckInterval", 45);
        data.put("sessionId", 1234L);
        ArrayNode params = data.putArray("parameters");
        Map<String, JsonNode> effective = new LinkedHashMap<>();
        effective.put("AUTOCOMMIT", JSON.getNodeFactory().booleanNode(true));
        effective.put("CLIENT_TELEMETRY_ENABLED", JSON.getNodeFactory().booleanNode(false));
        effective.put("CLIENT_OUT_OF_BAND_TELEMETRY_ENABLED", JSON.getNodeFactory().booleanNode(false));
        // Like the real server, echo the session parameters the client asked for (e.g.
        // JDBC_RS_COLUMN_CASE_INSENSITIVE): the driver applies parameters from this answer.
        if (sessionParameters != null && sessionParameters.isObject()) {
            for (Map.Entry<String, JsonNode> e : sessionParameters.properties()) {
                if (!e.getKey().startsWith("_") && e.getValue().isValueNode()) {
                    effective.put(e.getKey().toUpperCase(java.util.Locale.ROOT), typed(e.getValue()));
                }
            }
        }
        // Results are always JSON here, whatever the client asked for.
        effective.put("JDBC_QUERY_RESULT_FORMAT", JSON.getNodeFactory().stringNode("JSON"));
        effective.forEach((k, v) -> params.addObject().put("name", k).set("value", v));
        ObjectNode info = data.putObject("sessionInfo");
        info.put("databaseName", "DB");
        info.put("schemaName", "PUBLIC");
        info.put("warehouseName", "WH");
        info.put("roleName", "R");
        root.putNull("code");
        root.putNull("message");
        root.put("success", true);
        return root.toString();
    }

    /** Session parameters arrive as strings; the server answers booleans and numbers typed. */
    private static JsonNode typed(JsonNode v) {
        String s = v.asString();
        if ("true".equalsIgnoreCase(s) || "false".equalsIgnoreCase(s)) {
            return JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(s));
        }
        if (s.matches("-?\\d{1,18}")) {
            return JSON.getNodeFactory().numberNode(Long.parseLong(s));
        }
        return v;
    }

    private String queryAnswer(Query q) {
        String queryId = "01fake00-0000-0000-0000-" + String.format("%012d", queryCounter.incrementAndGet());
        for (Rule r : rules) {
            if (r.matches().test(q)) {
                return r.answer() instanceof ResultAnswer ra ? resultJson(ra, queryId)
                        : errorJson((ErrorAnswer) r.answer(), queryId);
            }
        }
        return errorJson(new ErrorAnswer(UNMATCHED_CODE, "42000",
                "FakeSnowflakeServer: no rule for SQL: " + q.sqlText()), queryId);
    }

    private static String resultJson(ResultAnswer answer, String queryId) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.putArray("parameters");
        ArrayNode rowtype = data.putArray("rowtype");
        for (Column c : answer.columns()) {
            ObjectNode col = rowtype.addObject();
            col.put("name", c.name());
            col.put("database", "");
            col.put("schema", "");
            col.put("table", "");
            col.put("type", c.type());
            col.put("nullable", true);
            col.put("length", "text".equals(c.type()) ? 16777216 : 0);
            col.put("byteLength", "text".equals(c.type()) ? 16777216 : 0);
            col.put("precision", c.precision());
            col.put("scale", c.scale());
            col.putNull("collation");
        }
        ArrayNode rowset = data.putArray("rowset");
        for (List<String> row : answer.rows()) {
            if (row.size() != answer.columns().size()) {
                throw new IllegalArgumentException("row has " + row.size() + " values, expected "
                        + answer.columns().size() + ": " + row);
            }
            ArrayNode r = rowset.addArray();
            for (String v : row) {
                if (v == null) {
                    r.addNull();
                } else {
                    r.add(v);
                }
            }
        }
        data.put("total", answer.rows().size());
        data.put("returned", answer.rows().size());
        data.put("queryId", queryId);
        data.putNull("databaseProvider");
        data.put("finalDatabaseName", "DB");
        data.put("finalSchemaName", "PUBLIC");
        data.put("finalWarehouseName", "WH");
        data.put("finalRoleName", "R");
        data.put("numberOfBinds", 0);
        data.put("arrayBindSupported", false);
        data.put("statementTypeId", 4096);
        data.put("version", 1);
        data.put("sendResultTime", System.currentTimeMillis());
        data.put("queryResultFormat", "json");
        root.putNull("code");
        root.putNull("message");
        root.put("success", true);
        return root.toString();
    }

    private static String errorJson(ErrorAnswer e, String queryId) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("internalError", false);
        data.put("errorCode", e.code());
        data.put("age", 0);
        data.put("sqlState", e.sqlState());
        data.put("queryId", queryId);
        data.putNull("line");
        data.putNull("pos");
        data.put("type", "COMPILATION");
        root.put("code", e.code());
        root.put("message", e.message());
        root.put("success", false);
        root.putNull("headers");
        return root.toString();
    }
}
