package dev.secodasync.config;

import static dev.secodasync.config.YamlShape.anyOf;
import static dev.secodasync.config.YamlShape.bool;
import static dev.secodasync.config.YamlShape.fields;
import static dev.secodasync.config.YamlShape.integer;
import static dev.secodasync.config.YamlShape.listOf;
import static dev.secodasync.config.YamlShape.mapOf;
import static dev.secodasync.config.YamlShape.object;
import static dev.secodasync.config.YamlShape.oneOf;
import static dev.secodasync.config.YamlShape.scalar;
import static dev.secodasync.config.YamlShape.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The CI examples checked against the structure their services' published JSON schemas give
 * (SchemaStore's github-workflow.json, GitLab's ci.json, CircleCI's config 2.1 schema), since none
 * can be fetched here at test time and none ships in a Maven or npm package under a licence that
 * lets the project vendor it (npm's {@code @schemastore/github-workflow} is TypeScript types under
 * GPL-3.0; {@code @actions/workflow-parser} ships GitHub's schema in its own, non-JSON-Schema format).
 * The shapes allow exactly the keys the schemas allow at each level the examples use, mark the
 * schemas' required keys, and check the value types; an unknown or misspelt key fails.
 */
class CiExamplesSchemaTest {

    private static final Path CI = Path.of("config/ci");

    // ---- GitHub Actions (github-workflow.json: workflow, normalJob, step, workflow_dispatch) ----

    private static final YamlShape GITHUB_STEP = object(fields(
            "id", string(), "if", scalar(), "name", string(), "uses", string(), "run", string(),
            "working-directory", string(), "shell", string(), "with", mapOf(scalar()), "env", mapOf(scalar()),
            "continue-on-error", anyOf(bool(), string()), "timeout-minutes", anyOf(integer(), string())));

    private static final YamlShape GITHUB_JOB = object(fields(
            "name", string(), "needs", anyOf(string(), listOf(string())), "permissions", anyOf(string(), mapOf(string())),
            "runs-on", anyOf(string(), listOf(string())), "environment", anyOf(string(), mapOf(string())),
            "outputs", mapOf(string()), "env", mapOf(scalar()), "defaults", mapOf(mapOf(string())), "if", scalar(),
            "steps", listOf(GITHUB_STEP), "timeout-minutes", anyOf(integer(), string()), "strategy", mapOf(scalar()),
            "continue-on-error", anyOf(bool(), string()), "concurrency", anyOf(string(), mapOf(scalar()))), "runs-on");

    private static final YamlShape GITHUB_INPUT = object(fields(
            "description", string(), "deprecationMessage", string(), "required", bool(), "default", scalar(),
            "type", oneOf("string", "boolean", "choice", "number", "environment"), "options", listOf(string())), "description");

    private static final YamlShape GITHUB_WORKFLOW = object(fields(
            "name", string(), "run-name", string(),
            "on", object(fields(
                    "schedule", listOf(object(fields("cron", string()), "cron")),
                    "workflow_dispatch", object(fields("inputs", mapOf(GITHUB_INPUT))))),
            "env", mapOf(scalar()), "defaults", mapOf(mapOf(string())), "permissions", anyOf(string(), mapOf(string())),
            "concurrency", anyOf(string(), object(fields("group", string(), "cancel-in-progress", anyOf(bool(), string())), "group")),
            "jobs", mapOf(GITHUB_JOB)), "on", "jobs");

    // ---- GitLab CI (ci.json: job_template, rules, artifacts) ----

    private static final YamlShape GITLAB_JOB = object(fields(
            "image", anyOf(string(), mapOf(scalar())), "services", listOf(scalar()), "stage", string(), "tags", listOf(string()),
            "rules", listOf(object(fields("if", string(), "changes", listOf(string()), "exists", listOf(string()),
                    "variables", mapOf(scalar()), "when", oneOf("on_success", "on_failure", "always", "never", "manual", "delayed"),
                    "allow_failure", bool(), "start_in", string()))),
            "resource_group", string(), "timeout", string(), "variables", mapOf(scalar()),
            "before_script", listOf(string()), "script", anyOf(string(), listOf(string())), "after_script", listOf(string()),
            "artifacts", object(fields("paths", listOf(string()), "exclude", listOf(string()), "expose_as", string(),
                    "name", string(), "untracked", bool(), "when", oneOf("on_success", "on_failure", "always"),
                    "expire_in", string(), "reports", mapOf(scalar()), "public", bool())),
            "retry", anyOf(integer(), mapOf(scalar())), "interruptible", bool(), "allow_failure", bool(),
            "when", oneOf("on_success", "on_failure", "always", "never", "manual", "delayed"),
            "environment", anyOf(string(), mapOf(scalar())), "extends", anyOf(string(), listOf(string())),
            "needs", listOf(scalar()), "dependencies", listOf(string())), "script");

    // ---- CircleCI (config 2.1 schema: parameters, jobs, steps, workflows) ----

    private static final YamlShape CIRCLE_RUN = object(fields(
            "name", string(), "command", string(), "shell", string(), "environment", mapOf(scalar()), "background", bool(),
            "working_directory", string(), "no_output_timeout", string(), "when", oneOf("always", "on_success", "on_fail")),
            "command");

    private static final YamlShape CIRCLE_STEP = anyOf(
            oneOf("checkout", "setup_remote_docker", "add_ssh_keys"),
            object(fields("run", anyOf(string(), CIRCLE_RUN)), "run"),
            object(fields("checkout", object(fields("path", string()))), "checkout"),
            object(fields("store_artifacts", object(fields("path", string(), "destination", string()), "path")), "store_artifacts"),
            object(fields("store_test_results", object(fields("path", string()), "path")), "store_test_results"),
            object(fields("save_cache", mapOf(scalar())), "save_cache"),
            object(fields("restore_cache", mapOf(scalar())), "restore_cache"));

    private static final YamlShape CIRCLE_JOB = object(fields(
            "docker", listOf(object(fields("image", string(), "name", string(), "entrypoint", anyOf(string(), listOf(string())),
                    "command", anyOf(string(), listOf(string())), "user", string(), "environment", mapOf(scalar()),
                    "auth", mapOf(string())), "image")),
            "machine", mapOf(scalar()), "resource_class", string(), "working_directory", string(), "parallelism", integer(),
            "environment", mapOf(scalar()), "shell", string(), "parameters", mapOf(mapOf(scalar())),
            "steps", listOf(CIRCLE_STEP)), "steps");

    private static final YamlShape CIRCLE_WORKFLOW_JOB = anyOf(string(), mapOf(object(fields(
            "requires", listOf(string()), "context", anyOf(string(), listOf(string())), "name", string(),
            "filters", mapOf(mapOf(anyOf(string(), listOf(string())))), "type", oneOf("approval")))));

    private static final YamlShape CIRCLE_SCHEDULE = object(fields("cron", string(),
            "filters", object(fields("branches", mapOf(anyOf(string(), listOf(string())))), "branches")), "cron", "filters");

    private static final YamlShape CIRCLE_CONFIG = object(fields(
            "version", anyOf(scalar()),
            "parameters", mapOf(object(fields("type", oneOf("string", "boolean", "integer", "enum", "executor", "steps", "env_var_name"),
                    "default", scalar(), "description", string(), "enum", listOf(string())), "type")),
            "orbs", mapOf(scalar()), "executors", mapOf(mapOf(scalar())), "commands", mapOf(mapOf(scalar())),
            "jobs", mapOf(CIRCLE_JOB),
            "workflows", mapOf(object(fields(
                    "triggers", listOf(object(fields("schedule", CIRCLE_SCHEDULE), "schedule")),
                    "when", scalar(), "unless", scalar(), "jobs", listOf(CIRCLE_WORKFLOW_JOB)), "jobs"))),
            "version", "jobs");

    private static Object load(String file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // YAML 1.1 reads GitHub's bare "on" as the boolean true; GitHub (YAML 1.2) reads it as "on"
        Object doc = new Yaml(options).load(Files.readString(CI.resolve(file)));
        if (doc instanceof Map<?, ?> map && map.containsKey(Boolean.TRUE)) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> fixed = new java.util.LinkedHashMap<>((Map<Object, Object>) map);
            fixed.put("on", fixed.remove(Boolean.TRUE));
            return fixed;
        }
        return doc;
    }

    @Test
    void theGithubWorkflowHasOnlyKeysOfTheWorkflowSchemaAndEveryStepRunsOrUsesOneThing() throws IOException {
        // given
        Object workflow = load("github-actions.yml");

        // when
        List<String> problems = GITHUB_WORKFLOW.problems(workflow, "github-actions.yml");

        // then
        assertThat(problems).isEmpty();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Map<String, Object>>)
                ((Map<?, ?>) workflow).get("jobs")).get("sync").get("steps");
        assertThat(steps).allSatisfy(step -> assertThat(step.containsKey("run") ^ step.containsKey("uses")).as(step.toString()).isTrue());
        assertThat(steps).filteredOn(s -> s.containsKey("uses")).allSatisfy(s -> assertThat(s.get("uses").toString()).matches("[\\w.-]+/[\\w.-]+@v\\d+"));
    }

    @Test
    void githubSecretsReachTheJobOnlyThroughTheEnvironmentAndExpressionsAreClosed() throws IOException {
        // given
        String text = Files.readString(CI.resolve("github-actions.yml"));

        // when
        Matcher expressions = Pattern.compile("\\$\\{\\{(.*?)}}").matcher(text);

        // then: a secret in a run: line would be in the process list and the log's command echo
        assertThat(text.split("\\$\\{\\{", -1).length).as("every ${{ is closed").isEqualTo(text.split("}}", -1).length);
        while (expressions.find()) {
            String expression = expressions.group(1).trim();
            String line = text.substring(text.lastIndexOf('\n', expressions.start()) + 1, expressions.start());
            if (expression.contains("secrets.")) {
                assertThat(line).as(expression).matches("\\s+[A-Z_]+: ");
            }
        }
    }

    @Test
    void theGitlabJobHasOnlyKeysOfTheJobSchemaRunsOneAtATimeAndKeepsTheSummary() throws IOException {
        // given
        Map<?, ?> gitlab = (Map<?, ?>) load("gitlab-ci.yml");

        // when
        List<String> problems = mapOf(GITLAB_JOB).problems(gitlab, "gitlab-ci.yml");

        // then
        assertThat(problems).isEmpty();
        Map<?, ?> job = (Map<?, ?>) gitlab.get("secoda-sync");
        assertThat(job.get("resource_group")).isNotNull();
        assertThat(job.get("timeout").toString()).matches("\\d+h( \\d+m)?|\\d+m");
        assertThat(((Map<?, ?>) job.get("artifacts")).get("when")).isEqualTo("always");
    }

    @Test
    void theCircleciConfigHasOnlyKeysOfTheConfigSchemaAndEveryWorkflowJobExists() throws IOException {
        // given
        Map<?, ?> circle = (Map<?, ?>) load("circleci.yml");

        // when
        List<String> problems = CIRCLE_CONFIG.problems(circle, "circleci.yml");

        // then
        assertThat(problems).isEmpty();
        assertThat(circle.get("version")).isEqualTo(2.1);
        Map<?, ?> jobs = (Map<?, ?>) circle.get("jobs");
        for (Object workflow : ((Map<?, ?>) circle.get("workflows")).values()) {
            for (Object entry : (List<?>) ((Map<?, ?>) workflow).get("jobs")) {
                Object name = entry instanceof Map<?, ?> m ? m.keySet().iterator().next() : entry;
                assertThat(jobs.keySet().stream().map(String::valueOf).toList()).as("workflow job").contains(String.valueOf(name));
            }
        }
        String text = Files.readString(CI.resolve("circleci.yml"));
        Matcher parameters = Pattern.compile("<< pipeline\\.parameters\\.([\\w-]+) >>").matcher(text);
        while (parameters.find()) {
            assertThat(((Map<?, ?>) circle.get("parameters")).keySet().stream().map(String::valueOf).toList())
                    .as("declared parameter").contains(parameters.group(1));
        }
    }

    @Test
    void aMisspeltOrMisplacedKeyOrAMissingRequiredKeyFailsTheShapes() throws IOException {
        // given: each example with one mistake of the kind a hand edit makes
        String github = Files.readString(CI.resolve("github-actions.yml")).replace("timeout-minutes: 120", "timeout-minute: 120");
        String gitlab = Files.readString(CI.resolve("gitlab-ci.yml")).replace("    when: always", "    when: allways");
        String circle = Files.readString(CI.resolve("circleci.yml")).replace("      - checkout\n", "      - chekout\n")
                .replace("version: 2.1\n", "");

        // when
        List<String> githubProblems = GITHUB_WORKFLOW.problems(fixOn(new Yaml().load(github)), "github");
        List<String> gitlabProblems = mapOf(GITLAB_JOB).problems(new Yaml().load(gitlab), "gitlab");
        List<String> circleProblems = CIRCLE_CONFIG.problems(new Yaml().load(circle), "circle");

        // then
        assertThat(githubProblems).singleElement().asString().contains("github.jobs.sync.timeout-minute: not a key here");
        assertThat(gitlabProblems).singleElement().asString().contains("gitlab.secoda-sync.artifacts.when: expected one of");
        assertThat(circleProblems).hasSize(2).anySatisfy(p -> assertThat(p).contains("circle: required key version is missing"))
                .anySatisfy(p -> assertThat(p).contains("circle.jobs.sync.steps[0]: matches none of its forms"));
    }

    @SuppressWarnings("unchecked")
    private static Object fixOn(Object doc) {
        Map<Object, Object> map = new java.util.LinkedHashMap<>((Map<Object, Object>) doc);
        map.put("on", map.remove(Boolean.TRUE));
        return map;
    }
}
