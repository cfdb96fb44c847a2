package dev.secodasync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The ready-made examples under {@code config/} parse and say what the README promises: Kubernetes
 * and CI YAML (every document), the Dockerfile's commands as the README gives them.
 */
class DeploymentExamplesTest {

    private static final Path CONFIG = Path.of("config");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml().loadAll(reader)) {
                assertThat(doc).as(file + " document").isInstanceOf(Map.class);
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object node, Object... path) {
        Object current = node;
        for (Object key : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (current instanceof List<?> list && key instanceof Integer i) {
                current = list.get(i);
            } else {
                throw new AssertionError("no " + key + " in " + current);
            }
        }
        return current;
    }

    private static Map<String, Object> cronJob(List<Map<String, Object>> docs) {
        return docs.stream().filter(d -> "CronJob".equals(d.get("kind"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> cronJob) {
        return (Map<String, Object>) at(cronJob, "spec", "jobTemplate", "spec", "template", "spec", "containers", 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> container, String name) {
        return ((List<Map<String, Object>>) container.get("env")).stream().filter(e -> name.equals(e.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no env " + name));
    }

    @Test
    void kubernetesCronJobForbidsOverlapAndTakesSecretsFromASecret() throws IOException {
        // given
        List<Map<String, Object>> docs = documents(CONFIG.resolve("kubernetes/base/cronjob.yaml"));

        // when
        Map<String, Object> job = cronJob(docs);
        Map<String, Object> container = container(job);
        Map<String, Object> secret = docs.stream().filter(d -> "Secret".equals(d.get("kind"))).findFirst().orElseThrow();

        // then
        assertThat(at(job, "spec", "concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(at(env(container, "SECODA_API_TOKEN"), "valueFrom", "secretKeyRef", "name")).isEqualTo("secoda-sync");
        assertThat(env(container, "SPRING_DATASOURCE_URL").get("value").toString()).startsWith("jdbc:postgresql://");
        assertThat(at(env(container, "SPRING_DATASOURCE_PASSWORD"), "valueFrom", "secretKeyRef")).isNotNull();
        assertThat(((Map<?, ?>) secret.get("stringData")).keySet().stream().map(String::valueOf).toList()).contains("SECODA_API_TOKEN", "JOB_REPOSITORY_PASSWORD");
        assertThat(at(job, "spec", "jobTemplate", "spec", "template", "spec", "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(container.get("args").toString()).contains("--summary=");
    }

    @Test
    void perWarehouseVariantIsAnIndexedJobPassingWarehouse() throws IOException {
        // when
        Map<String, Object> job = cronJob(documents(CONFIG.resolve("kubernetes/per-warehouse/cronjob.yaml")));
        Map<String, Object> container = container(job);

        // then
        assertThat(at(job, "spec", "concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(at(job, "spec", "jobTemplate", "spec", "completionMode")).isEqualTo("Indexed");
        assertThat(container.get("args").toString()).contains("--warehouse=\"$1\"", "JOB_COMPLETION_INDEX");
        assertThat(at(env(container, "SECODA_API_TOKEN"), "valueFrom", "secretKeyRef", "key")).isEqualTo("SECODA_API_TOKEN");
    }

    @Test
    void ciExamplesRunOnAScheduleAndByHand() throws IOException {
        // when
        Map<String, Object> github = documents(CONFIG.resolve("ci/github-actions.yml")).get(0);
        Map<String, Object> gitlab = documents(CONFIG.resolve("ci/gitlab-ci.yml")).get(0);
        Map<String, Object> circle = documents(CONFIG.resolve("ci/circleci.yml")).get(0);

        // then: YAML 1.1 reads GitHub's "on" key as true
        Object on = github.containsKey("on") ? github.get("on") : github.get(Boolean.TRUE);
        assertThat(((Map<?, ?>) on).keySet().stream().map(String::valueOf).toList()).contains("schedule", "workflow_dispatch");
        assertThat(at(github, "jobs", "sync", "steps").toString()).contains("secrets.SECODA_API_TOKEN", "--summary=summary.json");
        assertThat(at(gitlab, "secoda-sync", "rules").toString()).contains("schedule", "web");
        assertThat(at(gitlab, "secoda-sync", "script").toString()).contains("java -jar target/secoda-sync.jar");
        assertThat(at(circle, "workflows", "nightly", "triggers", 0, "schedule", "cron")).isEqualTo("15 2 * * *");
        assertThat(at(circle, "workflows", "manual", "when").toString()).contains("run-sync");
    }

    @Test
    void dockerfileCommandsAreTheReadmes() throws IOException {
        // given
        List<String> dockerfile = Files.readAllLines(CONFIG.resolve("Dockerfile"));
        String readme = Files.readString(Path.of("README.md"));

        // when
        String entrypoint = dockerfile.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        String build = dockerfile.stream().filter(l -> l.contains("docker build")).findFirst().orElseThrow()
                .replaceFirst("^#\\s*", "");

        // then
        assertThat(dockerfile).contains("ARG BASE_IMAGE=eclipse-temurin:25-jre", "FROM ${BASE_IMAGE}").anyMatch(l -> l.startsWith("USER 10001"));
        assertThat(entrypoint).isEqualTo("ENTRYPOINT [\"java\", \"-XX:AOTCache=/app/secoda-sync.aot\", \"-XX:CompileThresholdScaling=10\", \"-jar\", \"/app/secoda-sync.jar\"]");
        assertThat(readme).contains(entrypoint, build, "java -XX:AOTCache=/app/secoda-sync.aot -XX:CompileThresholdScaling=10 -jar /app/secoda-sync.jar");
        assertThat(dockerfile.stream().filter(l -> l.startsWith("COPY")).toList())
                .anyMatch(l -> l.contains("target/secoda-sync.jar")).anyMatch(l -> l.contains("config/"))
                .anyMatch(l -> l.contains("sql/"));
    }

    @Test
    void everyExampleIsListedInTheReadme() throws IOException {
        // given
        String readme = Files.readString(Path.of("README.md"));

        // when
        List<String> examples;
        try (Stream<Path> files = Files.walk(CONFIG)) {
            examples = files.filter(Files::isRegularFile).map(p -> CONFIG.relativize(p).toString())
                    .filter(p -> !p.equals("application.yml")).toList();
        }

        // then
        assertThat(examples).isNotEmpty().allSatisfy(p -> assertThat(readme).contains("config/" + p));
    }

    /** The variable names a YAML document sets: Kubernetes {@code env: [{name: ...}]}, CI {@code env:}, {@code variables:}, {@code environment:}. */
    private static void environmentOf(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (List.of("env", "variables", "environment").contains(String.valueOf(key))) {
                    if (value instanceof Map<?, ?> variables) {
                        variables.keySet().forEach(name -> names.add(String.valueOf(name)));
                    } else if (value instanceof List<?> entries) {
                        entries.stream().filter(Map.class::isInstance).map(e -> ((Map<?, ?>) e).get("name"))
                                .filter(n -> n != null).forEach(n -> names.add(String.valueOf(n)));
                    }
                }
                environmentOf(value, names);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> environmentOf(item, names));
        }
    }

    @Test
    void theExamplesSetOnlyEnvironmentVariablesOfKeysOrPlaceholders() throws IOException {
        // given
        ConfigurationMetadata metadata = ConfigurationMetadata.get();
        Set<String> placeholders = ConfigurationMetadata.placeholderVariables(CONFIG.resolve("application.yml"),
                CONFIG.resolve("application.example.yml"));
        Pattern ours = Pattern.compile("(?:SYNC|SECODA|SPRING|LOGGING)_[A-Z0-9_]+");

        // when: what the Kubernetes, CI, Docker and Airflow examples put into the job's environment
        Map<String, Set<String>> set = new TreeMap<>();
        try (Stream<Path> files = Files.walk(CONFIG)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                Set<String> names = new TreeSet<>();
                if ((name.endsWith(".yml") || name.endsWith(".yaml")) && !name.startsWith("application")) {
                    documents(file).forEach(doc -> environmentOf(doc, names));
                } else if (name.equals("Dockerfile")) {
                    Files.readAllLines(file).stream().filter(l -> l.startsWith("ENV "))
                            .forEach(l -> names.add(l.substring(4).replaceFirst("[= ].*$", "")));
                } else if (name.endsWith(".py")) {
                    Matcher quoted = Pattern.compile("\"(" + ours.pattern() + ")\"").matcher(Files.readString(file));
                    while (quoted.find()) {
                        names.add(quoted.group(1));
                    }
                }
                names.removeIf(n -> !ours.matcher(n).matches());
                if (!names.isEmpty()) {
                    set.put(CONFIG.relativize(file).toString(), names);
                }
            }
        }

        // then: each one is a key of the configuration metadata (relaxed binding) or fills a placeholder
        assertThat(set).containsKeys("kubernetes/base/cronjob.yaml", "kubernetes/per-warehouse/cronjob.yaml", "ci/github-actions.yml",
                "ci/gitlab-ci.yml", "Dockerfile", "airflow/secoda_sync_dag.py");
        assertThat(set.get("kubernetes/base/cronjob.yaml")).contains("SYNC_STATEDIR", "SPRING_DATASOURCE_URL", "SECODA_API_TOKEN");
        List<String> unknown = set.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .filter(variable -> metadata.keyOf(variable).isEmpty() && !placeholders.contains(variable))
                        .map(variable -> e.getKey() + ": " + variable)).toList();
        assertThat(unknown).as("variables that set no key of the configuration metadata and fill no placeholder of"
                + " config/application*.yml").isEmpty();
    }
}
