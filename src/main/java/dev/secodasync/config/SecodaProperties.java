package dev.secodasync.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the Secoda API is and how to sign in to it ({@code secoda.*}).
 *
 * @param baseUrl base URL of the Secoda API: {@code https://api.secoda.co} (US),
 *     {@code https://eapi.secoda.co} (EU), {@code https://aapi.secoda.co} (APAC) or a customer's
 *     own host. Must be https, except on a loopback address (tests, tunnels)
 * @param apiToken API token, sent as {@code Authorization: Bearer}; set {@code SECODA_API_TOKEN}.
 *     Without it the job extracts and writes the CSV but calls no API (as {@code --dry-run})
 * @param connectTimeout time allowed to open a connection to Secoda
 * @param readTimeout time allowed between two reads of an answer; an upload waits this long for
 *     Secoda to accept the file
 * @param writeTimeout time allowed between two writes of a request body
 * @param callTimeout longest any one call may take as a whole, from the first byte sent to the last
 *     byte of the answer: a server that trickles its answer a byte at a time is cut off here. Give an
 *     upload of a large catalog time to go through (1 GB at 10 MB/s takes under 2 minutes)
 * @param jsonlParts the multipart part names of a JSONL upload; Secoda's documentation names the
 *     files ({@code resources.jsonl}, {@code lineage.jsonl}) but not the parts, so these are a
 *     guess you can change without a new release
 * @param retry how calls that failed for a passing reason (429, 502, 503, 504, no answer) are retried
 */
@Validated
@ConfigurationProperties("secoda")
public record SecodaProperties(
        @NotNull @DefaultValue("https://api.secoda.co") URI baseUrl,
        String apiToken,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("120s") Duration readTimeout,
        @DefaultValue("120s") Duration writeTimeout,
        @DefaultValue("30m") Duration callTimeout,
        @Valid @DefaultValue JsonlParts jsonlParts,
        @Valid @DefaultValue Retry retry) {

    public SecodaProperties {
        if (baseUrl != null) {
            requireSafeScheme(baseUrl);
        }
        if (jsonlParts == null) {
            jsonlParts = new JsonlParts(null, null);
        }
        requirePositive("secoda.connect-timeout", connectTimeout);
        requirePositive("secoda.read-timeout", readTimeout);
        requirePositive("secoda.write-timeout", writeTimeout);
        requirePositive("secoda.call-timeout", callTimeout);
        if (apiToken != null && apiToken.isBlank()) {
            apiToken = null;
        }
        if (apiToken != null && apiToken.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // A secret file or `echo` adds a newline; an HTTP header cannot carry it.
            throw new IllegalArgumentException("secoda.api-token (SECODA_API_TOKEN) contains a line break or another"
                    + " control character, which an HTTP header cannot carry; set it without the trailing newline"
                    + " (echo -n, or kubectl create secret --from-literal)");
        }
    }

    /**
     * The part names of a JSONL upload ({@code secoda.jsonl-parts.*}).
     *
     * @param resources part that carries {@code resources.jsonl}
     * @param lineage part that carries {@code lineage.jsonl}
     */
    public record JsonlParts(
            @NotBlank @DefaultValue("resources") String resources,
            @NotBlank @DefaultValue("lineage") String lineage) {

        public JsonlParts {
            resources = resources == null ? "resources" : resources;
            lineage = lineage == null ? "lineage" : lineage;
        }
    }

    /**
     * Retries toward Secoda ({@code secoda.retry.*}).
     *
     * @param maxAttempts attempts in all, the first one included
     * @param initialDelay wait before the first retry; doubled (see {@code multiplier}) each time,
     *     with random jitter of half this value so that parallel runs do not retry in step
     * @param maxDelay longest wait between two attempts (a longer {@code Retry-After} is honoured)
     * @param multiplier growth of the wait from one retry to the next
     * @param maxElapsed total time after which no new attempt is started
     */
    public record Retry(
            @Min(1) @DefaultValue("6") int maxAttempts,
            @DefaultValue("1s") Duration initialDelay,
            @DefaultValue("30s") Duration maxDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("5m") Duration maxElapsed) {

        public Retry {
            requirePositive("secoda.retry.initial-delay", initialDelay);
            requirePositive("secoda.retry.max-delay", maxDelay);
            requirePositive("secoda.retry.max-elapsed", maxElapsed);
            if (multiplier < 1.0) {
                throw new IllegalArgumentException("secoda.retry.multiplier must be 1.0 or more, not " + multiplier);
            }
        }
    }

    // Checked at start-up (exit code 2), not when the first call would fail.
    private static void requirePositive(String key, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException(key + " must be a positive duration, not " + value);
        }
    }

    /** True when a token is configured, so the API may be called. */
    public boolean hasToken() {
        return apiToken != null;
    }

    // The token travels in a header: over plain http anyone on the path could read it.
    private static void requireSafeScheme(URI url) {
        String scheme = url.getScheme();
        if (url.getHost() == null || scheme == null) {
            throw new IllegalArgumentException("secoda.base-url '" + url + "' is not an absolute http(s) URL");
        }
        if ("https".equalsIgnoreCase(scheme)) {
            return;
        }
        if ("http".equalsIgnoreCase(scheme) && isLoopback(url.getHost())) {
            return;
        }
        throw new IllegalArgumentException("secoda.base-url '" + url
                + "' must use https (plain http is allowed on a loopback address only)");
    }

    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        // Only literal addresses: resolving a name here would hit DNS before the job starts.
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Every secret value of the configuration, for masking: the API token and the warehouses' secrets. */
    public List<String> secretsWith(SyncProperties sync) {
        List<String> secrets = new ArrayList<>(sync.secrets());
        secrets.add(apiToken);
        return secrets;
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "SecodaProperties[baseUrl=" + baseUrl + ", apiToken=" + (apiToken == null ? "<none>" : "<set>") + "]";
    }
}
