package dev.secodasync.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What is wrong with a {@code kind: snowflake} entry beyond single-field constraints: a URL that
 * is not Snowflake's, sign-in settings that contradict each other or lack their partner.
 */
final class SnowflakeSettingsValidator {

    private static final List<String> TOKEN_AUTHENTICATORS = List.of("programmatic_access_token", "oauth");

    private SnowflakeSettingsValidator() {
    }

    /** One message per problem, each naming the key ({@code key} is the entry's, e.g. {@code sync.warehouses[0]}). */
    static List<String> problems(WarehouseProperties warehouse, String key) {
        List<String> problems = new ArrayList<>();
        String url = warehouse.jdbcUrl();
        if (url != null && !url.isBlank() && !url.startsWith("jdbc:snowflake://")) {
            problems.add(key + ".jdbc-url must start with jdbc:snowflake:// for kind snowflake, e.g."
                    + " jdbc:snowflake://<account>.snowflakecomputing.com");
        }
        boolean password = isSet(warehouse.password());
        boolean keyFile = isSet(warehouse.privateKeyFile());
        boolean key64 = isSet(warehouse.privateKey());
        boolean tokenSet = isSet(warehouse.token());
        if (keyFile && key64) {
            problems.add(key + ".private-key-file and " + key + ".private-key are both set: give the key one way");
        }
        if (password && (keyFile || key64)) {
            problems.add(key + ".password and " + key + (keyFile ? ".private-key-file" : ".private-key")
                    + " are both set: choose one sign-in method");
        }
        if (tokenSet && (password || keyFile || key64)) {
            problems.add(key + ".token and " + key + (password ? ".password" : keyFile ? ".private-key-file" : ".private-key")
                    + " are both set: choose one sign-in method");
        }
        if (isSet(warehouse.privateKeyPassphrase()) && !keyFile && !key64) {
            problems.add(key + ".private-key-passphrase is set without " + key + ".private-key-file or " + key
                    + ".private-key");
        }
        boolean tokenAuthenticator = isSet(warehouse.authenticator())
                && TOKEN_AUTHENTICATORS.contains(warehouse.authenticator().toLowerCase(Locale.ROOT));
        if (tokenSet && !tokenAuthenticator) {
            problems.add(key + ".token needs " + key + ".authenticator PROGRAMMATIC_ACCESS_TOKEN or oauth"
                    + (isSet(warehouse.authenticator()) ? " (it is " + warehouse.authenticator() + ")" : " (it is not set)"));
        }
        if (tokenAuthenticator && !tokenSet) {
            problems.add(key + ".authenticator " + warehouse.authenticator() + " needs " + key + ".token");
        }
        if (warehouse.databases().stream().anyMatch(d -> !isSet(d))) {
            problems.add(key + ".databases holds an empty name");
        }
        return problems;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }
}
