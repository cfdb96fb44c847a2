package dev.secodasync.job;

import dev.secodasync.config.InvalidConfigurationException;

/**
 * Several Secoda integrations carry the warehouse's integration name: which one to upload into is
 * the configuration's choice ({@code integration-id}), so the warehouse fails as misconfigured.
 */
class DuplicateIntegrationException extends InvalidConfigurationException {

    DuplicateIntegrationException(String message) {
        super(message);
    }
}
