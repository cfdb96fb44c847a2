package dev.secodasync.secoda;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Secoda API calls secoda-sync makes, one method per endpoint. The token is only ever put in
 * the {@code Authorization} header: it never appears in a message or an exception.
 */
public class SecodaClient {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private static final MediaType CSV = MediaType.get("text/csv");

    private static final MediaType JSONL = MediaType.get("application/jsonl");

    // A paging loop must end even if a server keeps answering with a "next" link, and soon: the
    // run holds its warehouse locks meanwhile. Secoda pages hold dozens of integrations.
    private static final int MAX_PAGES = 1_000;

    private final HttpUrl baseUrl;

    private final SecodaUrls urls;

    private final SecodaCalls calls;

    private final JsonMapper json;

    private final SecodaRetry retry;

    /**
     * @param baseUrl base URL, e.g. {@code https://api.secoda.co}; a path prefix such as
     *     {@code /api/v1} is kept
     * @param token API token
     * @param http a client configured with timeouts; redirects must be off, see {@link #httpClient}
     * @param json the JSON mapper
     * @param retry retries for the calls that are safe to repeat (reads, uploads)
     */
    public SecodaClient(HttpUrl baseUrl, String token, OkHttpClient http, JsonMapper json, SecodaRetry retry) {
        this(baseUrl, token, () -> http, json, retry);
    }

    /**
     * As {@link #SecodaClient(HttpUrl, String, OkHttpClient, JsonMapper, SecodaRetry)}, with the
     * HTTP client made only when the first call needs it.
     */
    public SecodaClient(HttpUrl baseUrl, String token, Supplier<OkHttpClient> http, JsonMapper json, SecodaRetry retry) {
        this.baseUrl = baseUrl;
        this.urls = new SecodaUrls(baseUrl);
        this.calls = new SecodaCalls(baseUrl, token, http, json);
        this.json = json;
        this.retry = retry;
    }

    /**
     * An HTTP client for Secoda: no redirects (a redirected POST becomes a GET whose 200 looks like
     * an upload), no silent retry (it could repeat a create; {@link SecodaRetry} and the job decide),
     * cleartext only for a plain-HTTP (loopback) base URL, which spares loading the TLS stack.
     */
    public static OkHttpClient.Builder httpClient(HttpUrl baseUrl) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false)
                .retryOnConnectionFailure(false);
        if (!baseUrl.isHttps()) {
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        return builder;
    }

    /** The base URL calls go to. */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /**
     * Creates an integration, once: never retried here, because a create whose answer was lost
     * may have succeeded (see {@code job.IntegrationResolver}).
     * @see <a href="https://docs.secoda.co/integrations/custom-integrations">Custom Integration: create an integration</a> */
    public Integration createIntegration(String name, String type) {
        String body = json.writeValueAsString(new CreateIntegration(type, name, Map.of()));
        Request request = new Request.Builder().url(urls.of("integration/integrations/"))
                .post(RequestBody.create(body, JSON))
                .build();
        Integration created = calls.read(request, Integration.class);
        if (created.id() == null || created.id().isBlank()) {
            throw new SecodaProtocolException("Secoda created integration '" + name + "' but its answer carries no id");
        }
        return created;
    }

    /** Lists every integration, following the pages. @see <a href="https://docs.secoda.co/secoda-api/integrations">Integrations: list</a> */
    public List<Integration> listIntegrations() {
        List<Integration> all = new ArrayList<>();
        Set<HttpUrl> seen = new HashSet<>();
        HttpUrl next = urls.of("integration/integrations/");
        while (next != null) {
            if (!seen.add(next)) {
                throw new SecodaProtocolException("Secoda's integration list does not end: page " + next
                        + " was already read");
            }
            if (seen.size() > MAX_PAGES) {
                throw new SecodaProtocolException("Secoda's integration list goes on past " + MAX_PAGES
                        + " pages (next: " + next + "); giving up rather than holding the run");
            }
            Request request = new Request.Builder().url(next).get().build();
            IntegrationPage page = retry.call("list integrations", () -> calls.read(request, IntegrationPage.class));
            // Only a well-formed page proves that an integration does not exist; anything else
            // read as "none" would create a second one.
            String problem = page.problem();
            if (problem != null) {
                throw new SecodaProtocolException("Secoda's answer to GET " + next + " is not a page of integrations ("
                        + problem + "); not deciding anything from it");
            }
            all.addAll(page.results());
            next = urls.nextPage(page.next());
        }
        return all;
    }

    /** Cancels every call in progress (a stop signal): each fails at once as unanswered. */
    public void cancelAll() {
        calls.cancelAll();
    }

    /** Uploads the catalog CSV, streamed from disk. @see <a href="https://docs.secoda.co/integrations/custom-integrations">Custom Integration: upload the CSV</a> */
    public void importMetadata(String integrationId, Path csv) {
        importMetadata(integrationId, csv, Duration.ofSeconds(5));
    }

    /** As {@link #importMetadata(String, Path)}, logging the bytes sent every {@code progressEvery}. */
    public void importMetadata(String integrationId, Path csv, Duration progressEvery) {
        upload(integrationId, "import_metadata", progressEvery, new FilePart("file", csv.getFileName().toString(), csv, CSV));
    }

    /**
     * Uploads a JSONL import, both files in one request, streamed from disk. @see <a href="https://docs.secoda.co/integrations/custom-integrations-and-marketplace/custom-integration">Custom Integration: import JSONL</a>
     *
     * @param parts the multipart part names of the two files (not documented by Secoda)
     */
    public void importJsonlMetadata(String integrationId, Path resources, Path lineage, JsonlPartNames parts,
            Duration progressEvery) {
        upload(integrationId, "import_jsonl_metadata", progressEvery,
                new FilePart(parts.resources(), "resources.jsonl", resources, JSONL),
                new FilePart(parts.lineage(), "lineage.jsonl", lineage, JSONL));
    }

    /** One file of an upload: its part name, the file name Secoda is told, the file, its type. */
    private record FilePart(String name, String fileName, Path file, MediaType type) {
    }

    private void upload(String integrationId, String endpoint, Duration progressEvery, FilePart... parts) {
        // Secoda's documented paths end with a slash.
        HttpUrl url = urls.of("integration/integrations/").newBuilder()
                .addPathSegment(integrationId)
                .addPathSegment(endpoint)
                .addPathSegment("")
                .build();
        MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
        for (FilePart part : parts) {
            String name = part.file().getFileName().toString();
            body.addFormDataPart(part.name(), part.fileName(),
                    new ProgressRequestBody(RequestBody.create(part.file().toFile(), part.type()), name, progressEvery));
        }
        Request request = new Request.Builder().url(url).post(body.build()).build();
        // Safe to repeat: every upload is the complete catalog, a second one changes nothing.
        retry.call("upload " + parts[0].file().getFileName(), () -> calls.call(request).accepted(request));
    }

    /** Checks that the API answers (no token needed). @see <a href="https://docs.secoda.co/secoda-api/healthcheck">Healthcheck</a> */
    public void healthcheck() {
        calls.call(new Request.Builder().url(urls.of("healthcheck")).tag(SecodaHeaders.Anonymous.class,
                new SecodaHeaders.Anonymous()).get().build());
    }

    /**
     * Reads the first page of the integration list only: the cheapest call that proves the token
     * is accepted ({@code --check}). Answers the number of integrations Secoda reports.
     */
    public long integrationCount() {
        Request request = new Request.Builder().url(urls.of("integration/integrations/")).get().build();
        IntegrationPage page = calls.read(request, IntegrationPage.class);
        return page.count() != null ? page.count() : page.results() == null ? 0 : page.results().size();
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CreateIntegration(String type, String name, Map<String, Object> credentials) {
    }
}
