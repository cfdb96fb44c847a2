package dev.secodasync.secoda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One page of {@code GET /integration/integrations/}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record IntegrationPage(Links links, Integer count, @JsonProperty("total_pages") Integer totalPages,
        List<Integration> results) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Links(String next, String previous) {
    }

    /** The next page's URL, or null on the last page (Secoda writes null or the string "None"). */
    String next() {
        if (links == null || links.next() == null || links.next().isBlank() || "None".equals(links.next())) {
            return null;
        }
        return links.next();
    }

    /** Why this answer is not a page of integrations (no result list, an entry without id), or null. */
    String problem() {
        if (results == null) {
            return "no \"results\" list";
        }
        for (int i = 0; i < results.size(); i++) {
            Integration entry = results.get(i);
            if (entry == null || entry.id() == null || entry.id().isBlank()) {
                return "entry " + i + " has no id";
            }
        }
        return null;
    }
}
