package dev.secodasync.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads Kubernetes manifests into fabric8's typed model (the Kubernetes API's own types, generated
 * from its OpenAPI) strictly: a field the API does not have, at any depth, is an error, as
 * {@code kubectl apply --validate=strict} makes it on a real API server. fabric8 keeps unknown fields
 * in each object's {@code additionalProperties} instead of failing, so after Jackson (itself set to
 * fail on unknown properties and on wrong types, and duplicate keys refused) every object of the result is walked and any
 * additional property is reported with its path.
 */
final class KubernetesModel {

    /** Every kind under config/kubernetes/ and the API version the API server serves it under. */
    static final Map<String, Kind> KINDS = Map.of(
            "Secret", new Kind("v1", Secret.class),
            "ConfigMap", new Kind("v1", ConfigMap.class),
            "PersistentVolumeClaim", new Kind("v1", PersistentVolumeClaim.class),
            "CronJob", new Kind("batch/v1", CronJob.class),
            "Job", new Kind("batch/v1", Job.class));

    record Kind(String apiVersion, Class<? extends HasMetadata> type) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    private KubernetesModel() {
    }

    /** Every document of a manifest file, typed; fails on an unknown kind, version or field. */
    static List<HasMetadata> read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** Every document of a YAML text (e.g. what {@code kubectl kustomize} printed), typed. */
    static List<HasMetadata> parse(String yaml, String source) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (Reader reader = new StringReader(yaml)) {
            int index = 0;
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            for (Object doc : new Yaml(options).loadAll(reader)) {
                String where = source + " document " + index++;
                if (doc == null) {
                    continue;
                }
                assertThat(doc).as(where).isInstanceOf(Map.class);
                Map<?, ?> map = (Map<?, ?>) doc;
                Kind kind = KINDS.get(String.valueOf(map.get("kind")));
                assertThat(kind).as(where + ": kind " + map.get("kind") + " is not one of " + KINDS.keySet()).isNotNull();
                assertThat(map.get("apiVersion")).as(where + " apiVersion").isEqualTo(kind.apiVersion());
                HasMetadata object = JSON.convertValue(map, kind.type());
                List<String> unknown = unknownFields(object, where + " (" + map.get("kind") + ")");
                assertThat(unknown).as("fields the Kubernetes API does not have").isEmpty();
                objects.add(object);
            }
        }
        return objects;
    }

    /** Paths of every field Jackson could not map to a property of the Kubernetes type. */
    static List<String> unknownFields(Object root, String rootPath) {
        List<String> found = new ArrayList<>();
        walk(root, rootPath, found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object node, String path, List<String> found, Set<Object> seen) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, found, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getDeclaringClass().getName().startsWith("io.fabric8.")
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError(path + ": " + getter.getName() + " failed", e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> found.add(path + "." + key));
                }
                continue;
            }
            String property = getter.getName().replaceFirst("^(get|is)", "");
            walk(value, path + "." + Character.toLowerCase(property.charAt(0)) + property.substring(1), found, seen);
        }
    }

    /** A deep copy, through JSON. */
    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T copy(T object) {
        return (T) JSON.convertValue(JSON.convertValue(object, Map.class), object.getClass());
    }

    /** The object as the JSON tree the API server would store (nulls left out). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(HasMetadata object) {
        return JSON.copy().setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                .convertValue(object, Map.class);
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T single(List<HasMetadata> objects, Class<T> type) {
        List<T> found = ofKind(objects, type);
        assertThat(found).as("one " + type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    static PodSpec podSpec(CronJob cronJob) {
        return cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    }

    static Container container(CronJob cronJob) {
        List<Container> containers = podSpec(cronJob).getContainers();
        assertThat(containers).as(cronJob.getMetadata().getName() + " containers").hasSize(1);
        return containers.get(0);
    }
}
