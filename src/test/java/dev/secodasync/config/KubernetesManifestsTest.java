package dev.secodasync.config;

import static dev.secodasync.config.KubernetesModel.container;
import static dev.secodasync.config.KubernetesModel.ofKind;
import static dev.secodasync.config.KubernetesModel.podSpec;
import static dev.secodasync.config.KubernetesModel.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every manifest under {@code config/kubernetes/} read into the Kubernetes API's typed model with
 * unknown fields failing, then checked for what an operator looks at before applying a CronJob:
 * overlap, start and run deadlines, which exit codes are retried, non-root on a read-only root file
 * system, secrets only through {@code secretKeyRef}, memory fitted to what the job was measured to use,
 * and the references between the objects (Secret keys, ConfigMap file, volume claims, warehouses).
 */
class KubernetesManifestsTest {

    private static final Path KUBERNETES = Path.of("config/kubernetes");

    private static final Path BASE = KUBERNETES.resolve("base/cronjob.yaml");

    private static final Path PER_WAREHOUSE = KUBERNETES.resolve("per-warehouse/cronjob.yaml");

    /**
     * Peak RSS of the packaged jar with the manifests' JVM setting (-XX:MaxRAMPercentage=75) under a
     * 1 GiB container limit (-XX:MaxRAM=1g), /usr/bin/time -v, 2026-12-02 on the project's 2-CPU
     * machines: demo 172 MB, PostgreSQL 100,200 columns 202 MB, 1,001,000 columns 293 MB (README,
     * Running it from schedulers, CI and containers).
     */
    private static final long MEASURED_PEAK_RSS_BYTES = 293_000_000L;

    /** Names of environment variables that hold secrets. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(TOKEN|PASSWORD|PASSPHRASE|SECRET|PRIVATE_KEY|CREDENTIAL).*");

    private static List<CronJob> cronJobs() throws IOException {
        List<CronJob> jobs = new ArrayList<>(ofKind(KubernetesModel.read(BASE), CronJob.class));
        jobs.addAll(ofKind(KubernetesModel.read(PER_WAREHOUSE), CronJob.class));
        assertThat(jobs).hasSize(2);
        return jobs;
    }

    private static Secret secret() throws IOException {
        return single(KubernetesModel.read(BASE), Secret.class);
    }

    private static ConfigMap configMap() throws IOException {
        return single(KubernetesModel.read(BASE), ConfigMap.class);
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.getName()));
    }

    @Test
    void everyManifestReadsIntoTheTypedKubernetesModelWithoutUnknownFields() throws IOException {
        // given
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            manifests = files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }

        // when
        List<HasMetadata> objects = new ArrayList<>();
        for (Path manifest : manifests) {
            objects.addAll(KubernetesModel.read(manifest));
        }

        // then
        assertThat(manifests).containsExactlyInAnyOrder(BASE, PER_WAREHOUSE);
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "Secret/secoda-sync", "ConfigMap/secoda-sync", "PersistentVolumeClaim/secoda-sync-state",
                "CronJob/secoda-sync", "PersistentVolumeClaim/secoda-sync-state-rwx", "CronJob/secoda-sync-per-warehouse");
    }

    @Test
    void aMisspelledOrMisplacedFieldOrAWrongTypeFailsTheCheck(@TempDir Path dir) throws IOException {
        // given: the base CronJob with a typo at the top, a pod field one level too deep, a wrong type
        String cronJob = Files.readString(BASE).split("(?m)^---$")[3];
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, cronJob.replace("concurrencyPolicy: Forbid", "concurrencyPolcy: Forbid")
                .replace("          restartPolicy: Never", "          restartPolicy: Never\n          activeDeadlineSecond: 60"));
        Path wrongType = dir.resolve("type.yaml");
        Files.writeString(wrongType, cronJob.replace("backoffLimit: 1", "backoffLimit: once"));
        Path duplicate = dir.resolve("duplicate.yaml");
        Files.writeString(duplicate, cronJob.replace("backoffLimit: 1", "backoffLimit: 1\n      backoffLimit: 6"));

        // when / then
        assertThatThrownBy(() -> KubernetesModel.read(typo)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("(CronJob).spec.concurrencyPolcy")
                .hasMessageContaining("(CronJob).spec.jobTemplate.spec.template.spec.activeDeadlineSecond");
        assertThatThrownBy(() -> KubernetesModel.read(wrongType)).hasMessageContaining("backoffLimit");
        assertThatThrownBy(() -> KubernetesModel.read(duplicate)).hasMessageContaining("backoffLimit");
        assertThat(KubernetesModel.read(BASE)).hasSize(4);
    }

    @Test
    void cronJobsNeverOverlapNeverStartLateAndNeverRunForever() throws IOException {
        for (CronJob job : cronJobs()) {
            // when
            JobSpec spec = job.getSpec().getJobTemplate().getSpec();

            // then
            String name = job.getMetadata().getName();
            assertThat(job.getSpec().getConcurrencyPolicy()).as(name).isEqualTo("Forbid");
            assertThat(job.getSpec().getSchedule()).as(name).matches("\\S+ \\S+ \\S+ \\S+ \\S+");
            assertThat(job.getSpec().getTimeZone()).as(name).isNotBlank();
            assertThat(job.getSpec().getStartingDeadlineSeconds()).as(name + " startingDeadlineSeconds").isBetween(60L, 6 * 3600L);
            assertThat(spec.getActiveDeadlineSeconds()).as(name + " activeDeadlineSeconds").isBetween(600L, 24 * 3600L);
            assertThat(job.getSpec().getFailedJobsHistoryLimit()).as(name).isPositive();
            assertThat(job.getSpec().getSuspend()).as(name).isNotEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void exitCodes2To4AreNeverRetriedAndExitCode1IsRetriedOnce() throws IOException {
        for (CronJob job : cronJobs()) {
            // given
            JobSpec spec = job.getSpec().getJobTemplate().getSpec();
            boolean perIndex = "Indexed".equals(spec.getCompletionMode()) && spec.getBackoffLimitPerIndex() != null;

            // when
            List<PodFailurePolicyRule> rules = spec.getPodFailurePolicy().getRules();
            PodFailurePolicyRule noRetry = rules.stream().filter(r -> r.getOnExitCodes() != null).findFirst().orElseThrow();

            // then: the pod is not restarted in place (podFailurePolicy requires restartPolicy Never)
            String name = job.getMetadata().getName();
            assertThat(job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getRestartPolicy()).as(name).isEqualTo("Never");
            assertThat(noRetry.getAction()).as(name).isEqualTo(perIndex ? "FailIndex" : "FailJob");
            assertThat(noRetry.getOnExitCodes().getOperator()).as(name).isEqualTo("In");
            assertThat(noRetry.getOnExitCodes().getValues()).as(name).containsExactlyInAnyOrder(2, 3, 4);
            assertThat(noRetry.getOnExitCodes().getContainerName()).as(name).isEqualTo(container(job).getName());
            assertThat(perIndex ? spec.getBackoffLimitPerIndex() : spec.getBackoffLimit()).as(name + " retries of exit 1").isEqualTo(1);
            assertThat(rules).as(name + ": an evicted pod is not a failure")
                    .anySatisfy(r -> {
                        assertThat(r.getAction()).isEqualTo("Ignore");
                        assertThat(r.getOnPodConditions()).anySatisfy(c -> assertThat(c.getType()).isEqualTo("DisruptionTarget"));
                    });
        }
    }

    @Test
    void podsRunAsTheImagesNonRootUserOnAReadOnlyRootFileSystemWritingOnlyToVolumes() throws IOException {
        // given: the user the image was built with
        String user = Files.readAllLines(Path.of("config/Dockerfile")).stream().filter(l -> l.startsWith("USER "))
                .findFirst().orElseThrow().substring(5).split(":")[0];

        for (CronJob job : cronJobs()) {
            // when
            PodSpec pod = podSpec(job);
            Container container = container(job);
            String name = job.getMetadata().getName();

            // then
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isEqualTo(Long.parseLong(user));
            assertThat(pod.getSecurityContext().getFsGroup()).as(name + " fsGroup: the volumes are writable by it").isEqualTo(Long.parseLong(user));
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
            assertThat(container.getSecurityContext().getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
            // the state directory, the summary and java.io.tmpdir are on writable volumes
            List<String> writable = container.getVolumeMounts().stream().filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                    .map(VolumeMount::getMountPath).toList();
            assertThat(writable).as(name).contains("/tmp");
            // the job makes its state directory mode 700, which fails on a volume's root owned by root
            String stateDir = env(container, "SYNC_STATEDIR");
            assertThat(writable).as(name + ": SYNC_STATEDIR=" + stateDir + " is a subdirectory of a writable volume")
                    .anyMatch(m -> stateDir.startsWith(m + "/") && stateDir.length() > m.length() + 1);
            String summary = String.join(" ", container.getArgs()).replaceAll("(?s).*--summary=\"?([^\" ]+).*", "$1");
            assertThat(writable).as(name + ": --summary=" + summary).anyMatch(m -> summary.startsWith(m + "/"));
            List<String> volumes = pod.getVolumes().stream().map(Volume::getName).toList();
            assertThat(container.getVolumeMounts()).as(name).allSatisfy(m -> assertThat(volumes).contains(m.getName()));
        }
    }

    @Test
    void secretsComeOnlyFromSecretKeyRefsToKeysTheSecretHas() throws IOException {
        // given
        Secret secret = secret();
        String configFile = configMap().getData().get("secoda-sync.yml");

        for (CronJob job : cronJobs()) {
            // when
            Container container = container(job);
            List<EnvVar> secrets = container.getEnv().stream().filter(e -> SECRET_NAME.matcher(e.getName()).matches()).toList();

            // then
            String name = job.getMetadata().getName();
            assertThat(secrets).as(name).extracting(EnvVar::getName).contains("SECODA_API_TOKEN", "SPRING_DATASOURCE_PASSWORD");
            assertThat(secrets).as(name).allSatisfy(e -> {
                assertThat(e.getValue()).as(e.getName() + " has a literal value").isNull();
                assertThat(e.getValueFrom().getSecretKeyRef().getName()).as(e.getName()).isEqualTo(secret.getMetadata().getName());
                assertThat(secret.getStringData()).as(e.getName()).containsKey(e.getValueFrom().getSecretKeyRef().getKey());
            });
            assertThat(String.join(" ", container.getArgs()) + String.join(" ", container.getCommand()))
                    .as(name + ": no secret on the command line").doesNotContainIgnoringCase("token=").doesNotContainIgnoringCase("password=");
            // every ${VAR} of the configuration file is given to the pod
            Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+):?[^}]*}").matcher(configFile);
            while (placeholder.find()) {
                assertThat(container.getEnv()).as(name + " env for ${" + placeholder.group(1) + "}")
                        .anyMatch(e -> e.getName().equals(placeholder.group(1)) && e.getValueFrom() != null);
            }
        }
        assertThat(configFile).as("no literal secret in the ConfigMap")
                .containsPattern("api-token: \\$\\{SECODA_API_TOKEN:}").doesNotContainPattern("password: [^$\\s]");
    }

    @Test
    void memoryRequestsAndLimitsFitTheMeasuredPeakAndTheHeapShare() throws IOException {
        for (CronJob job : cronJobs()) {
            // given
            Container container = container(job);
            String name = job.getMetadata().getName();
            Map<String, Quantity> requests = container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources().getLimits();

            // when
            BigDecimal requested = Quantity.getAmountInBytes(requests.get("memory"));
            BigDecimal limit = Quantity.getAmountInBytes(limits.get("memory"));
            Matcher percent = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(env(container, "JAVA_TOOL_OPTIONS"));

            // then: the request holds the measured peak, the limit leaves the heap room to grow
            assertThat(requested.longValue()).as(name + " memory request").isGreaterThanOrEqualTo(MEASURED_PEAK_RSS_BYTES)
                    .isLessThanOrEqualTo(2 * MEASURED_PEAK_RSS_BYTES);
            assertThat(limit.longValue()).as(name + " memory limit").isGreaterThanOrEqualTo(2 * MEASURED_PEAK_RSS_BYTES)
                    .isGreaterThanOrEqualTo(requested.longValue());
            assertThat(percent.find()).as(name + ": the heap is a share of the limit").isTrue();
            long heap = limit.longValue() * Integer.parseInt(percent.group(1)) / 100;
            assertThat(limit.longValue() - heap).as(name + ": room beside the heap (metaspace, threads, CDS)").isGreaterThanOrEqualTo(128L << 20);
            assertThat(Quantity.getAmountInBytes(requests.get("cpu"))).as(name + " cpu request").isPositive();
            assertThat(limits).as(name + ": no CPU limit, start-up is CPU-bound").doesNotContainKey("cpu");
        }
    }

    @Test
    void theConfigMapIsTheFileTheJobReadsAndListsEveryWarehouseThePodsAreGiven() throws IOException {
        // given
        ConfigMap configMap = configMap();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, List<Map<String, Object>>>> config = new Yaml().load(configMap.getData().get("secoda-sync.yml"));
        List<Object> configured = config.get("sync").get("warehouses").stream().map(w -> w.get("name")).toList();
        CronJob perWarehouse = single(KubernetesModel.read(PER_WAREHOUSE), CronJob.class);
        JobSpec indexed = perWarehouse.getSpec().getJobTemplate().getSpec();

        for (CronJob job : cronJobs()) {
            // when
            Container container = container(job);
            String location = String.join(" ", container.getArgs())
                    .replaceAll("(?s).*--spring\\.config\\.additional-location=file:(\\S+).*", "$1");
            VolumeMount mount = container.getVolumeMounts().stream().filter(m -> location.startsWith(m.getMountPath() + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError("no volume holds " + location));
            Volume volume = podSpec(job).getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();

            // then
            assertThat(volume.getConfigMap().getName()).isEqualTo(configMap.getMetadata().getName());
            assertThat(configMap.getData()).containsKey(location.substring(mount.getMountPath().length() + 1));
        }
        List<String> podWarehouses = Arrays.asList(env(container(perWarehouse), "WAREHOUSES").trim().split("\\s+"));
        assertThat(configured).containsAll(podWarehouses);
        assertThat(indexed.getCompletionMode()).isEqualTo("Indexed");
        assertThat(indexed.getCompletions()).isEqualTo(podWarehouses.size());
        assertThat(indexed.getParallelism()).isLessThanOrEqualTo(podWarehouses.size());
    }

    @Test
    void everyVolumeClaimExistsAndPodsRunningSideBySideShareAReadWriteManyClaim() throws IOException {
        // given
        List<HasMetadata> objects = new ArrayList<>(KubernetesModel.read(BASE));
        objects.addAll(KubernetesModel.read(PER_WAREHOUSE));
        List<PersistentVolumeClaim> claims = ofKind(objects, PersistentVolumeClaim.class);

        for (CronJob job : cronJobs()) {
            // when
            List<String> claimed = podSpec(job).getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                    .map(v -> v.getPersistentVolumeClaim().getClaimName()).toList();
            Integer parallelism = job.getSpec().getJobTemplate().getSpec().getParallelism();

            // then
            assertThat(claimed).as(job.getMetadata().getName()).isNotEmpty().allSatisfy(c -> {
                PersistentVolumeClaim claim = claims.stream().filter(p -> p.getMetadata().getName().equals(c)).findFirst()
                        .orElseThrow(() -> new AssertionError("no PersistentVolumeClaim " + c));
                if (parallelism != null && parallelism > 1) {
                    assertThat(claim.getSpec().getAccessModes()).as(c).contains("ReadWriteMany");
                }
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base/cronjob.yaml", "per-warehouse/cronjob.yaml"})
    void podsStartTheJvmAsTheImageDoesWithItsAotCache(String manifest) throws IOException {
        // given: the image's ENTRYPOINT, e.g. ["java", "-XX:AOTCache=...", "-jar", "..."]
        String entrypoint = Files.readAllLines(Path.of("config/Dockerfile")).stream().filter(l -> l.startsWith("ENTRYPOINT"))
                .findFirst().orElseThrow().replaceAll("^ENTRYPOINT \\[|]$", "");
        String java = String.join(" ", Arrays.stream(entrypoint.split(",")).map(s -> s.trim().replace("\"", "")).toList());

        // when
        CronJob job = single(KubernetesModel.read(KUBERNETES.resolve(manifest)), CronJob.class);
        Container container = container(job);

        // then: either the image's ENTRYPOINT runs, or the command execs the same JVM line
        assertThat(java).contains("-XX:AOTCache=/app/secoda-sync.aot", "-jar /app/secoda-sync.jar");
        if (container.getCommand().isEmpty()) {
            assertThat(container.getArgs()).noneMatch(a -> a.contains("java "));
        } else {
            assertThat(String.join(" ", container.getArgs())).contains("exec " + java + " ");
        }
        assertThat(container.getImage()).as("a fixed tag").matches(".+:[0-9][\\w.-]*").doesNotEndWith(":latest");
    }
}
