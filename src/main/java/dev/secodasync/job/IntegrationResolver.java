package dev.secodasync.job;

import dev.secodasync.secoda.Integration;
import dev.secodasync.secoda.SecodaClient;
import dev.secodasync.secoda.SecodaRetry;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.state.IntegrationStateStore;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Secoda integration a warehouse uploads into, creating it only when it exists nowhere:
 * the configured id, else the id remembered in the state store, else an integration of that name
 * in Secoda's list, else a new one. A lost state directory therefore never creates a second
 * integration.
 */
public class IntegrationResolver {

    private static final Logger log = LoggerFactory.getLogger(IntegrationResolver.class);

    private final SecodaClient client;

    private final IntegrationStateStore store;

    private final SecodaRetry retry;

    public IntegrationResolver(SecodaClient client, IntegrationStateStore store, SecodaRetry retry) {
        this.client = client;
        this.store = store;
        this.retry = retry;
    }

    /** The integration id for the warehouse, creating the integration if Secoda has none of that name. */
    public Resolved resolve(WarehouseProperties warehouse) {
        return find(warehouse).orElseGet(() -> create(warehouse));
    }

    /**
     * The integration id for the warehouse if the integration exists: configured, remembered, or
     * listed by Secoda. Reads only: nothing is written to Secoda.
     */
    public Optional<Resolved> find(WarehouseProperties warehouse) {
        Optional<Resolved> local = findLocally(warehouse);
        if (local.isPresent()) {
            return local;
        }
        String name = warehouse.integrationName();
        Optional<String> listed = findByName(name);
        if (listed.isPresent()) {
            log.info("Warehouse '{}': reusing Secoda integration '{}' ({})", warehouse.name(), name, listed.get());
            return Optional.of(new Resolved(store.save(hostKey(), name, listed.get()), Source.SECODA_LIST));
        }
        return Optional.empty();
    }

    /** The integration id known without asking Secoda: configured, or remembered from an earlier run. */
    public Optional<Resolved> findLocally(WarehouseProperties warehouse) {
        if (warehouse.integrationId() != null) {
            return Optional.of(new Resolved(warehouse.integrationId(), Source.CONFIGURED));
        }
        return store.find(hostKey(), warehouse.integrationName()).map(id -> new Resolved(id, Source.STATE_STORE));
    }

    /** Creates the warehouse's integration (which {@link #find} did not find) and remembers its id. */
    public Resolved create(WarehouseProperties warehouse) {
        Resolved created = createOnce(warehouse);
        return new Resolved(store.save(hostKey(), warehouse.integrationName(), created.id()), created.source());
    }

    // A create whose answer was lost (timeout, reset, 502) may have succeeded: before trying again,
    // look the name up, so that a retry can never leave two integrations.
    private Resolved createOnce(WarehouseProperties warehouse) {
        String name = warehouse.integrationName();
        boolean[] tried = {false};
        return retry.call("create integration " + name, () -> {
            if (tried[0]) {
                Optional<String> meanwhile = findByName(name);
                if (meanwhile.isPresent()) {
                    log.info("Warehouse '{}': the earlier create of '{}' did go through ({})", warehouse.name(), name,
                            meanwhile.get());
                    return new Resolved(meanwhile.get(), Source.CREATED);
                }
            }
            tried[0] = true;
            Integration created = client.createIntegration(name, warehouse.integrationType());
            log.info("Warehouse '{}': created Secoda integration '{}' of type '{}' ({})", warehouse.name(), name,
                    warehouse.integrationType(), created.id());
            return new Resolved(created.id(), Source.CREATED);
        });
    }

    /** Drops the remembered id, so the next {@link #resolve} looks the name up again. */
    public void forget(WarehouseProperties warehouse) {
        store.forget(hostKey(), warehouse.integrationName());
    }

    private Optional<String> findByName(String name) {
        List<Integration> matches = client.listIntegrations().stream().filter(i -> name.equals(i.name())).toList();
        if (matches.size() > 1) {
            throw new DuplicateIntegrationException(matches.size() + " Secoda integrations are named '" + name + "' (ids "
                    + matches.stream().map(Integration::id).toList()
                    + "): set integration-id on the warehouse to choose one");
        }
        return matches.stream().findFirst().map(Integration::id);
    }

    private String hostKey() {
        return client.baseUrl().toString();
    }

    /** Where the id came from. */
    public enum Source {
        /** {@code integration-id} in the configuration. */
        CONFIGURED,
        /** Remembered from an earlier run. */
        STATE_STORE,
        /** Found by name in Secoda's list. */
        SECODA_LIST,
        /** Created by this run. */
        CREATED
    }

    /** An integration id and where it came from. */
    public record Resolved(String id, Source source) {
    }
}
