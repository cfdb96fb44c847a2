package dev.secodasync.testsupport;

import dev.secodasync.SecodaSyncApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * Command lines for whole-job tests, as a user would type them: a state directory, a Secoda stand-in,
 * then the warehouses as {@code --sync.warehouses[i].*} arguments.
 */
public final class JobArgs {

    private JobArgs() {
    }

    /** A PostgreSQL warehouse on the test server. */
    public static List<String> postgres(int i, String name, String jdbcUrl) {
        return List.of(
                "--sync.warehouses[" + i + "].name=" + name,
                "--sync.warehouses[" + i + "].kind=postgres",
                "--sync.warehouses[" + i + "].jdbc-url=" + jdbcUrl,
                "--sync.warehouses[" + i + "].username=" + PostgresTestDatabase.USER);
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
}
