package dev.secodasync.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code target/secoda-sync.jar} as its own process, as cron or a pod would
 * (integration tests run after {@code mvn package}, so the jar is there).
 */
public final class JarProcess {

    private final Process process;

    private final Path log;

    private JarProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar target/secoda-sync.jar args...}, output to {@code log}. */
    public static JarProcess start(Path log, List<String> args) throws IOException {
        return start(log, args, Map.of());
    }

    /** As {@link #start(Path, List)}, with these environment variables added. */
    public static JarProcess start(Path log, List<String> args, Map<String, String> environment) throws IOException {
        Path jar = Path.of("target", "secoda-sync.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests with mvn verify");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("SECODA_API_TOKEN");
        builder.environment().putAll(environment);
        return new JarProcess(builder.start(), log);
    }

    /** Waits for the exit code, failing after the timeout. */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("secoda-sync did not finish in " + seconds + " s; log: " + output());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no cleanup, as the OOM killer or a lost node does it. */
    /** Sends SIGTERM, as Kubernetes does at a deadline, an eviction or a rollout. */
    public void terminate() {
        process.destroy();
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
