package dev.secodasync.config;

import static dev.secodasync.config.KubernetesModel.container;
import static dev.secodasync.config.KubernetesModel.ofKind;
import static dev.secodasync.config.KubernetesModel.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kustomize base {@code config/kubernetes/base} and its overlay {@code config/kubernetes/per-warehouse}
 * rendered by a real Kustomize ({@code kubectl kustomize}, kubectl's built-in Kustomize, or a
 * {@code kustomize} binary; KUSTOMIZE names one explicitly), and the output read with the same
 * strict typed model as the plain files. No renderer found is a failure, under CI=true or not:
 * this machine kind ships kubectl.
 */
class KustomizeRenderTest {

    private static final Path BASE = Path.of("config/kubernetes/base");

    private static final Path PER_WAREHOUSE = Path.of("config/kubernetes/per-warehouse");

    /** The renderer's command, e.g. [kubectl, kustomize] or [kustomize, build]. */
    static List<String> renderer() {
        String explicit = System.getenv("KUSTOMIZE");
        if (explicit != null && !explicit.isBlank()) {
            return List.of(explicit, "build");
        }
        for (String[] candidate : new String[][] {{"kubectl", "kustomize"}, {"kustomize", "build"}}) {
            if (onPath(candidate[0]).isPresent()) {
                return List.of(candidate);
            }
        }
        throw new AssertionError("no Kustomize: install kubectl (it has Kustomize built in) or kustomize, "
                + "or set KUSTOMIZE to a kustomize binary");
    }

    private static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
    }

    static String render(Path dir, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(renderer());
        command.add(dir.toAbsolutePath().toString());
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        assertThat(process.exitValue()).as(command + ": " + Files.readString(log)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> withoutLabels(HasMetadata object) {
        HasMetadata copy = KubernetesModel.copy(object);
        copy.getMetadata().setLabels(null);
        return KubernetesModel.tree(copy);
    }

    @Test
    void theBaseRendersThePlainManifestUnchangedApartFromItsLabel(@TempDir Path dir) throws Exception {
        // given
        List<HasMetadata> plain = KubernetesModel.read(BASE.resolve("cronjob.yaml"));

        // when
        List<HasMetadata> rendered = KubernetesModel.parse(render(BASE, dir.resolve("base.log")), "kustomize base");

        // then
        assertThat(rendered).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(plain.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList());
        assertThat(rendered).allSatisfy(o -> assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "secoda-sync"));
        for (HasMetadata object : plain) {
            HasMetadata same = rendered.stream().filter(r -> r.getKind().equals(object.getKind())
                    && r.getMetadata().getName().equals(object.getMetadata().getName())).findFirst().orElseThrow();
            assertThat(withoutLabels(same)).as(object.getKind()).isEqualTo(withoutLabels(object));
        }
    }

    @Test
    void thePerWarehouseOverlayReplacesTheOnePodCronJobAndKeepsTheSecretAndConfigMap(@TempDir Path dir) throws Exception {
        // when
        List<HasMetadata> rendered = KubernetesModel.parse(render(PER_WAREHOUSE, dir.resolve("overlay.log")), "kustomize per-warehouse");

        // then: exactly one CronJob, so no warehouse is synced twice a night
        assertThat(rendered).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "Secret/secoda-sync", "ConfigMap/secoda-sync", "PersistentVolumeClaim/secoda-sync-state-rwx",
                "CronJob/secoda-sync-per-warehouse");
        CronJob job = single(rendered, CronJob.class);
        assertThat(job.getSpec().getJobTemplate().getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(container(job).getEnv()).filteredOn(e -> e.getValueFrom() != null)
                .extracting(e -> e.getValueFrom().getSecretKeyRef().getName()).isNotEmpty().containsOnly("secoda-sync");
    }

    @Test
    void anOperatorsOverlaySetsImageNamespaceAndSecretWithoutEditingTheBase(@TempDir Path dir) throws Exception {
        // given: an overlay as the README suggests, somewhere else on disk (Kustomize wants a relative path)
        Path overlay = Files.createDirectories(dir.resolve("prod"));
        Files.writeString(overlay.resolve("secret.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: secoda-sync
                stringData:
                  SECODA_API_TOKEN: from-the-vault
                """);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: data-catalog
                resources:
                  - %s
                images:
                  - name: ghcr.io/example/secoda-sync
                    newName: registry.example.com/platform/secoda-sync
                    newTag: "0.2.1"
                patches:
                  - path: secret.yaml
                """.formatted(overlay.toAbsolutePath().relativize(BASE.toAbsolutePath())));

        // when
        List<HasMetadata> rendered = KubernetesModel.parse(render(overlay, dir.resolve("prod.log")), "operator overlay");

        // then
        assertThat(rendered).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("data-catalog"));
        assertThat(container(single(rendered, CronJob.class)).getImage()).isEqualTo("registry.example.com/platform/secoda-sync:0.2.1");
        assertThat(ofKind(rendered, io.fabric8.kubernetes.api.model.Secret.class)).singleElement()
                .satisfies(s -> assertThat(s.getStringData()).containsEntry("SECODA_API_TOKEN", "from-the-vault")
                        .containsKey("JOB_REPOSITORY_PASSWORD"));
    }
}
