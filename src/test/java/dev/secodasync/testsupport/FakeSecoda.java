package dev.secodasync.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the Secoda API on a {@link MockWebServer} as its documentation describes it: Bearer auth,
 * integrations created with {@code {"type","name","credentials"}}, listed in pages with
 * {@code links.next} (absolute URL, last page "None"), CSV uploaded as multipart field {@code file}.
 * Keeps what it was sent so tests can assert on it. A test can push one-off answers in front of
 * the scripted behaviour with {@link #failNext}.
 */
public final class FakeSecoda extends Dispatcher {

    private static final Pattern UPLOAD = Pattern.compile("/integration/integrations/([^/]+)/import_metadata/");

    private static final Pattern JSONL_UPLOAD = Pattern.compile("/integration/integrations/([^/]+)/import_jsonl_metadata/");

    private final JsonMapper json = JsonMapper.builder().build();

    private final String token;

    private final int pageSize;

    private final List<Map<String, Object>> integrations = new CopyOnWriteArrayList<>();

    private final List<Upload> uploads = new CopyOnWriteArrayList<>();

    private final List<String> creates = new CopyOnWriteArrayList<>();

    private final ConcurrentLinkedDeque<Function<RecordedRequest, MockResponse>> overrides = new ConcurrentLinkedDeque<>();

    private final AtomicInteger dropPeeks = new AtomicInteger();

    private volatile Duration uploadDelay = Duration.ZERO;

    /** An upload Secoda accepted: the integration, the multipart field name and file name, the bytes. */
    public record Upload(String integrationId, String fieldName, String fileName, String contentType, byte[] bytes) {
        public String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final List<List<Upload>> jsonlUploads = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FakeSecoda(String token, int pageSize) {
        this.token = token;
        this.pageSize = pageSize;
    }

    /** Installs itself as the server's dispatcher. */
    public FakeSecoda on(MockWebServer server) {
        server.setDispatcher(this);
        return this;
    }

    /** An integration that already exists in the workspace. */
    public String existing(String name, String type) {
        String id = UUID.randomUUID().toString();
        integrations.add(Map.of("id", id, "name", name, "type", type, "created_at", "2026-01-01T00:00:00Z"));
        return id;
    }

    /**
     * The next request's connection is closed while the client is still sending its body (for a
     * body larger than the socket buffers). MockWebServer takes socket effects from
     * {@link #peek()}, before it reads the request.
     */
    public void dropNextRequestBody() {
        dropPeeks.set(1);
    }

    @Override
    public MockResponse peek() {
        if (dropPeeks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build();
        }
        return super.peek();
    }

    /**
     * The next request for which {@code answer} returns a response gets that response instead of
     * the normal behaviour; requests for which it returns null are served normally and leave it
     * waiting.
     */
    public void failNext(Function<RecordedRequest, MockResponse> answer) {
        overrides.add(answer);
    }

    /** Every upload is held this long before Secoda takes it (to make runs overlap). */
    public void slowUploads(Duration delay) {
        uploadDelay = delay;
    }

    public List<Map<String, Object>> integrations() {
        return Collections.unmodifiableList(integrations);
    }

    public List<Upload> uploads() {
        return Collections.unmodifiableList(uploads);
    }

    /** Names of the integrations created through the API, in order. */
    public List<String> creates() {
        return Collections.unmodifiableList(creates);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/healthcheck")) {
            return json(200, Map.of("status", "OK"));
        }
        if (!("Bearer " + token).equals(request.getHeaders().get("Authorization"))) {
            return json(401, Map.of("detail", "Invalid token."));
        }
        for (Function<RecordedRequest, MockResponse> override : overrides) {
            MockResponse answer = override.apply(request);
            if (answer != null && overrides.remove(override)) {
                return answer;
            }
        }
        if (path.equals("/integration/integrations/") && request.getMethod().equals("GET")) {
            return list(request);
        }
        if (path.equals("/integration/integrations/") && request.getMethod().equals("POST")) {
            return create(request);
        }
        Matcher jsonl = JSONL_UPLOAD.matcher(path);
        if (jsonl.matches() && request.getMethod().equals("POST")) {
            return jsonlUpload(jsonl.group(1), request);
        }
        Matcher upload = UPLOAD.matcher(path);
        if (upload.matches() && request.getMethod().equals("POST")) {
            return upload(upload.group(1), request);
        }
        return json(404, Map.of("detail", "Not found."));
    }

    private MockResponse list(RecordedRequest request) {
        String pageParam = request.getUrl().queryParameter("page");
        int page = pageParam == null ? 1 : Integer.parseInt(pageParam);
        int total = integrations.size();
        int pages = Math.max(1, (total + pageSize - 1) / pageSize);
        List<Map<String, Object>> results = integrations.subList(Math.min(total, (page - 1) * pageSize),
                Math.min(total, page * pageSize));
        Object next = page < pages ? request.getUrl().newBuilder().setQueryParameter("page", String.valueOf(page + 1))
                .build().toString() : "None";
        Object previous = page > 1 ? request.getUrl().newBuilder().setQueryParameter("page", String.valueOf(page - 1))
                .build().toString() : null;
        Map<String, Object> links = new java.util.HashMap<>();
        links.put("next", next);
        links.put("previous", previous);
        return json(200, Map.of("links", links, "count", total, "total_pages", pages, "results", new ArrayList<>(results)));
    }

    private MockResponse create(RecordedRequest request) {
        JsonNode body = json.readTree(request.getBody().utf8());
        if (!body.hasNonNull("name") || !body.hasNonNull("type") || !body.has("credentials")) {
            return json(400, Map.of("detail", "name, type and credentials are required"));
        }
        String id = UUID.randomUUID().toString();
        String name = body.get("name").asString();
        integrations.add(Map.of("id", id, "name", name, "type", body.get("type").asString(),
                "created_at", "2026-11-24T00:00:00Z"));
        creates.add(name);
        return json(201, Map.of("id", id, "name", name, "type", body.get("type").asString()));
    }

    private MockResponse upload(String id, RecordedRequest request) {
        try {
            Thread.sleep(uploadDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (integrations.stream().noneMatch(i -> i.get("id").equals(id))) {
            return json(404, Map.of("detail", "Not found."));
        }
        MediaType type = MediaType.parse(request.getHeaders().get("Content-Type"));
        if (type == null || !"multipart".equals(type.type()) || type.parameter("boundary") == null) {
            return json(400, Map.of("detail", "multipart/form-data expected"));
        }
        try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), type.parameter("boundary"))) {
            MultipartReader.Part part;
            while ((part = reader.nextPart()) != null) {
                String disposition = part.headers().get("Content-Disposition");
                String field = attribute(disposition, "name");
                if ("file".equals(field)) {
                    uploads.add(new Upload(id, field, attribute(disposition, "filename"),
                            part.headers().get("Content-Type"), part.body().readByteArray()));
                    return json(200, Map.of());
                }
            }
        } catch (IOException e) {
            return json(400, Map.of("detail", "broken multipart body: " + e.getMessage()));
        }
        return json(400, Map.of("detail", "no part named 'file'"));
    }

    // Every part is recorded (the JSONL import carries two files), in request order.
    private MockResponse jsonlUpload(String id, RecordedRequest request) {
        if (integrations.stream().noneMatch(i -> i.get("id").equals(id))) {
            return json(404, Map.of("detail", "Not found."));
        }
        MediaType type = MediaType.parse(request.getHeaders().get("Content-Type"));
        if (type == null || !"multipart".equals(type.type()) || type.parameter("boundary") == null) {
            return json(400, Map.of("detail", "multipart/form-data expected"));
        }
        List<Upload> parts = new ArrayList<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), type.parameter("boundary"))) {
            MultipartReader.Part part;
            while ((part = reader.nextPart()) != null) {
                String disposition = part.headers().get("Content-Disposition");
                parts.add(new Upload(id, attribute(disposition, "name"), attribute(disposition, "filename"),
                        part.headers().get("Content-Type"), part.body().readByteArray()));
            }
        } catch (IOException e) {
            return json(400, Map.of("detail", "broken multipart body: " + e.getMessage()));
        }
        jsonlUploads.add(parts);
        return json(200, Map.of());
    }

    /** The JSONL uploads accepted, each as its parts in request order. */
    public List<List<Upload>> jsonlUploads() {
        return Collections.unmodifiableList(jsonlUploads);
    }

    private static String attribute(String disposition, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(disposition == null ? "" : disposition);
        return m.find() ? m.group(1) : null;
    }

    private MockResponse json(int code, Object body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body(json.writeValueAsString(body)).build();
    }

    /** An answer with any status and body, for failNext. */
    public static MockResponse answer(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }
}
