package dev.secodasync.testsupport;

import dev.secodasync.SecodaSyncApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * Command lines for whole-job tests, as a user would type them: a state directory, a Secoda stand-in,
 * then the warehouses as {@code --sync.warehouses[i].*} arguments. Every whole-job test builds its
 * arguments here, either with the static pieces ({@link #postgres}, {@link #demo}, {@link #snowflake},
 * {@link #run}) or with {@link #builder()}:
 *
 * <pre>{@code
 * JobArgs.builder().stateDir(dir).secoda(server.url("/"), TOKEN)
 *         .warehouse(JobArgs.postgres(0, "app", db.jdbcUrl())).flag("--dry-run").run();
 * }</pre>
 */
public final class JobArgs {

    private JobArgs() {
    }

    /** Warehouse {@code i}: its name, kind and JDBC URL, nothing else. */
    public static List<String> warehouse(int i, String name, String kind, String jdbcUrl) {
        return List.of(
                "--sync.warehouses[" + i + "].name=" + name,
                "--sync.warehouses[" + i + "].kind=" + kind,
                "--sync.warehouses[" + i + "].jdbc-url=" + jdbcUrl);
    }

    /** A PostgreSQL warehouse on the test server. */
    public static List<String> postgres(int i, String name, String jdbcUrl) {
        return concat(warehouse(i, name, "postgres", jdbcUrl),
                List.of("--sync.warehouses[" + i + "].username=" + PostgresTestDatabase.USER));
    }

    /** The demo H2 warehouse, under the name {@code demo}, in an in-memory database of its own. */
    public static List<String> demo(int i, String database) {
        return List.of(
                "--sync.warehouses[" + i + "].name=demo",
                "--sync.warehouses[" + i + "].kind=h2",
                "--sync.warehouses[" + i + "].jdbc-url=jdbc:h2:mem:" + database
                        + ";INIT=RUNSCRIPT FROM 'classpath:sql/h2/demo-warehouse.sql'",
                "--sync.warehouses[" + i + "].integration-type=custom");
    }

    /**
     * A Snowflake warehouse on {@code fake}: its JDBC URL and the driver properties it needs (account,
     * plain HTTP, no cloud probing), leaving the result format to the job; credentials are the caller's.
     */
    public static List<String> snowflake(int i, String name, FakeSnowflakeServer fake) {
        List<String> args = new ArrayList<>(List.of(
                "--sync.warehouses[" + i + "].name=" + name,
                "--sync.warehouses[" + i + "].kind=snowflake",
                "--sync.warehouses[" + i + "].jdbc-url=" + fake.jdbcUrl()));
        fake.baseProperties().forEach((key, value) -> {
            if (!key.equals("JDBC_QUERY_RESULT_FORMAT")) {
                args.add("--sync.warehouses[" + i + "].properties." + key + "=" + value);
            }
        });
        return args;
    }

    /** The lists one after the other. */
    @SafeVarargs
    public static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        Arrays.stream(parts).forEach(all::addAll);
        return all;
    }

    /** Runs the job in this JVM against {@code secoda} with {@code token}; answers the exit code. */
    public static int run(Path stateDir, HttpUrl secoda, String token, List<String> warehouses, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--sync.state-dir=" + stateDir,
                "--secoda.base-url=" + secoda,
                "--secoda.api-token=" + token));
        args.addAll(warehouses);
        args.addAll(Arrays.asList(more));
        return SecodaSyncApplication.run(args.toArray(String[]::new));
    }

    /** An empty command line to build. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A command line, argument by argument. A configuration key given again ({@code --sync.x=} after
     * {@code --sync.x=}) replaces the earlier value in its place, as an override should: Spring Boot
     * would join repeated values into {@code "a,b"}. Other arguments ({@code --dry-run},
     * {@code --warehouse=NAME}) are kept as given, repeats included.
     */
    public static final class Builder {

        private final List<String> args = new ArrayList<>();

        private Builder() {
        }

        /** {@code --sync.state-dir}. */
        public Builder stateDir(Path stateDir) {
            return set("sync.state-dir", stateDir);
        }

        /** {@code --secoda.base-url} and {@code --secoda.api-token}. */
        public Builder secoda(HttpUrl baseUrl, String token) {
            return set("secoda.base-url", baseUrl).set("secoda.api-token", token);
        }

        /** {@code --key=value}. */
        public Builder set(String key, Object value) {
            return args("--" + key + "=" + value);
        }

        /** {@code --sync.warehouses[i].key=value}. */
        public Builder warehouse(int i, String key, Object value) {
            return set("sync.warehouses[" + i + "]." + key, value);
        }

        /** The arguments of a warehouse, e.g. from {@link JobArgs#postgres}. */
        public Builder warehouse(List<String> warehouseArgs) {
            return args(warehouseArgs.toArray(String[]::new));
        }

        /** Options such as {@code --dry-run}, {@code --check} or {@code --warehouse=NAME}. */
        public Builder flag(String... flags) {
            return args(flags);
        }

        /** Arguments as typed; a configuration key replaces an earlier one. */
        public Builder args(String... more) {
            for (String arg : more) {
                int eq = arg.indexOf('=');
                String key = eq < 0 ? null : arg.substring(0, eq + 1);
                int earlier = key != null && key.contains(".") ? indexOf(key) : -1;
                if (earlier >= 0) {
                    args.set(earlier, arg);
                } else {
                    args.add(arg);
                }
            }
            return this;
        }

        private int indexOf(String keyWithEquals) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).startsWith(keyWithEquals)) {
                    return i;
                }
            }
            return -1;
        }

        /** The command line so far (later changes to the builder do not affect it). */
        public List<String> build() {
            return List.copyOf(args);
        }

        /** Runs the job in this JVM with this command line; answers the exit code. */
        public int run() {
            return SecodaSyncApplication.run(args.toArray(String[]::new));
        }
    }
}
