package dev.secodasync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code config/application.example.yml} lists every option of the configuration metadata with a
 * comment and binds as it is; the README names each key in full; neither they nor
 * {@code config/application.yml} use a key the metadata lacks. The metadata is what
 * spring-boot-configuration-processor generates from the records' {@code @param} Javadoc
 * ({@link ConfigurationMetadata}), so an option without a description, or a key documented but not
 * bound, fails here.
 */
class ApplicationExampleTest {

    private static final Path EXAMPLE = Path.of("config/application.example.yml");
    private static final Path DEFAULTS = Path.of("config/application.yml");
    private static final Path README = Path.of("README.md");

    /** A key in the README's text, code and tables: {@code sync.warehouses[i].jdbc-url}, {@code secoda.retry.*}. */
    private static final Pattern README_KEY = Pattern.compile(
            "(?:(?<=--)|(?<![\\w.$/-]))((?:sync|secoda|spring|logging)(?:\\.(?:[a-z0-9][a-z0-9-]*|\\*)|\\[(?:\\d+|i)])+)");
    /** A key named by its last segments after a full key in the same table cell: {@code `sync.guards.shrink` / `max-shrink`}. */
    private static final Pattern SIBLING = Pattern.compile("[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)*");
    /** An environment variable of a key: {@code `SYNC_STATEDIR`}, {@code `SYNC_STATEDIR=/data`}. */
    private static final Pattern VARIABLE = Pattern.compile("(?:SYNC|SECODA|SPRING|LOGGING)_[A-Z0-9_]*[A-Z0-9]");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    /** "secoda.base-url", "sync.warehouses[*].jdbc-url", ... for every record component that holds a value, nested records included. */
    private static Set<String> boundKeys(String prefix, Class<?> type) {
        Set<String> keys = new TreeSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + "." + ConfigurationMetadata.kebab(component.getName());
            Type generic = component.getGenericType();
            if (component.getType().isRecord()) {
                keys.addAll(boundKeys(key, component.getType()));
                continue;
            }
            keys.add(key);
            if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> item
                    && item.isRecord()) {
                keys.addAll(boundKeys(key + "[*]", item));
            }
        }
        return keys;
    }

    private static Set<String> readmeKeys(String readme) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher anywhere = README_KEY.matcher(readme);
        while (anywhere.find()) {
            keys.add(anywhere.group(1));
        }
        for (String line : readme.lines().toList()) {
            if (!line.startsWith("|")) {
                continue;
            }
            String keyCell = line.split("\\|")[1];
            String last = null;
            Matcher token = BACKTICKED.matcher(keyCell);
            while (token.find()) {
                String text = token.group(1).replaceFirst("^--", "").replaceFirst("=.*$", "");
                if (README_KEY.matcher(text).matches()) {
                    last = text;
                } else if (last != null && SIBLING.matcher(text).matches()) {
                    keys.add(last.substring(0, last.lastIndexOf('.') + 1) + text);
                }
            }
        }
        for (List<String> block : yamlBlocks(readme)) {
            YamlKeys.of(block).forEach(k -> keys.add(k.name()));
        }
        return keys;
    }

    /** The README's YAML blocks that start at the top of a file (not the fragments of one warehouse entry). */
    private static List<List<String>> yamlBlocks(String readme) {
        List<List<String>> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("(?ms)^```yaml\\n(.*?)^```").matcher(readme);
        while (block.find()) {
            List<String> lines = block.group(1).lines().toList();
            if (lines.stream().filter(l -> !l.isBlank() && !l.strip().startsWith("#")).findFirst()
                    .filter(l -> !l.startsWith(" ")).isPresent()) {
                blocks.add(lines);
            }
        }
        return blocks;
    }

    /** The environment variables the README gives for keys, {@code `_INITIALDELAY`} after {@code `SECODA_RETRY_MAXATTEMPTS`} included. */
    private static Set<String> readmeVariables(String readme) {
        Set<String> variables = new LinkedHashSet<>();
        for (String line : readme.lines().toList()) {
            String last = null;
            Matcher token = BACKTICKED.matcher(line);
            while (token.find()) {
                String text = token.group(1).replaceFirst("=.*$", "");
                if (VARIABLE.matcher(text).matches()) {
                    variables.add(text);
                    last = text;
                } else if (line.startsWith("|") && last != null && text.matches("_[A-Z0-9_]*[A-Z0-9]")) {
                    variables.add(last.substring(0, last.lastIndexOf('_')) + text);
                }
            }
        }
        Matcher export = Pattern.compile("export (" + VARIABLE.pattern() + ")=").matcher(readme);
        while (export.find()) {
            variables.add(export.group(1));
        }
        return variables;
    }

    @Test
    void metadataDescribesEveryKeyTheCodeBinds() {
        // given
        ConfigurationMetadata metadata = ConfigurationMetadata.get();
        Set<String> bound = new TreeSet<>(boundKeys("secoda", SecodaProperties.class));
        bound.addAll(boundKeys("sync", SyncProperties.class));

        // then: every record component is a property of the generated metadata, and has a description
        assertThat(new TreeSet<>(metadata.own().keySet())).as("keys of %s", ConfigurationMetadata.GENERATED)
                .isEqualTo(bound);
        assertThat(metadata.own().values()).as("properties without a description (@param Javadoc)")
                .filteredOn(p -> p.description().isBlank()).isEmpty();
        assertThat(metadata.own()).containsKeys("secoda.retry.max-attempts", "sync.guards.max-shrink",
                "sync.warehouses", "sync.warehouses[*].jdbc-url", "sync.warehouses[*].max-parallel-databases");
    }

    @Test
    void listsEveryOptionWithAComment() throws IOException {
        // given
        List<YamlKeys.Key> example = YamlKeys.of(Files.readAllLines(EXAMPLE));
        Set<String> expected = new TreeSet<>(ConfigurationMetadata.get().own().keySet());
        ConfigurationMetadata.get().ownGroups().stream().filter(g -> g.contains(".") && !g.endsWith("[*]"))
                .forEach(expected::add);

        // then: every key and group by its full name; a key may be commented out (Snowflake-only
        // ones), but it is there, under a comment
        List<String> missing = expected.stream().filter(key -> example.stream()
                .noneMatch(k -> ConfigurationMetadata.normalize(k.name()).equals(key) && k.commentAbove())).toList();
        assertThat(missing).as("keys not in %s with a comment above them", EXAMPLE).isEmpty();
    }

    @Test
    void theExamplesUseOnlyKeysOfTheMetadata() throws IOException {
        ConfigurationMetadata metadata = ConfigurationMetadata.get();
        for (Path file : List.of(EXAMPLE, DEFAULTS)) {
            // given
            List<String> lines = Files.readAllLines(file);

            // when
            List<YamlKeys.Key> leaves = YamlKeys.leaves(lines);

            // then: the line-by-line reading agrees with a YAML parser on the keys that are not commented out
            assertThat(leaves.stream().filter(k -> !k.commented()).map(YamlKeys.Key::name).collect(Collectors.toSet()))
                    .as("keys of %s", file).isEqualTo(flatten("", new Yaml().load(String.join("\n", lines))));
            assertThat(leaves).as("keys of %s", file).hasSizeGreaterThan(5);
            assertThat(leaves.stream().filter(k -> !metadata.isKnown(k.name()))
                    .map(k -> k.name() + " (line " + (k.line() + 1) + ")").toList())
                    .as("keys of %s that the configuration metadata lacks", file).isEmpty();
        }
    }

    /** The keys of parsed YAML: "a.b" for maps, "a[0].b" for lists of maps. */
    private static Set<String> flatten(String prefix, Object node) {
        Set<String> keys = new TreeSet<>();
        if (node instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> keys.addAll(flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v)));
        } else if (node instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Map.class::isInstance)) {
            for (int i = 0; i < list.size(); i++) {
                keys.addAll(flatten(prefix + "[" + i + "]", list.get(i)));
            }
        } else {
            keys.add(prefix);
        }
        return keys;
    }

    @Test
    void readmeNamesEveryKey() throws IOException {
        // given
        String readme = Files.readString(README);

        // when
        Set<String> named = readmeKeys(readme).stream().map(ConfigurationMetadata::normalize).collect(Collectors.toSet());

        // then: by its full name (a group as `sync.guards.shrink` / `max-shrink` names each member)
        assertThat(ConfigurationMetadata.get().own().keySet().stream().filter(key -> !named.contains(key)).toList())
                .as("keys the README does not name in full").isEmpty();
    }

    @Test
    void readmeUsesOnlyKeysOfTheMetadata() throws IOException {
        // given
        String readme = Files.readString(README);
        ConfigurationMetadata metadata = ConfigurationMetadata.get();
        Set<String> placeholders = ConfigurationMetadata.placeholderVariables(README, EXAMPLE, DEFAULTS);

        // when
        Set<String> keys = readmeKeys(readme);
        Set<String> variables = readmeVariables(readme);

        // then: every key in the text, the tables and the YAML examples, and every environment variable
        // (a key's, or a placeholder's such as SECODA_API_TOKEN)
        assertThat(keys).hasSizeGreaterThan(40).contains("sync.guards.max-shrink", "sync.warehouses[i].token");
        assertThat(keys.stream().filter(key -> !metadata.isKnown(key)).toList())
                .as("keys in the README that the configuration metadata lacks").isEmpty();
        assertThat(variables).contains("SYNC_WAREHOUSES_0_PRIVATEKEYFILE", "SECODA_RETRY_INITIALDELAY");
        assertThat(variables.stream()
                .filter(variable -> metadata.keyOf(variable).isEmpty() && !placeholders.contains(variable)).toList())
                .as("environment variables in the README that set no key of the configuration metadata"
                        + " and fill no placeholder").isEmpty();
    }

    private static Binder exampleWithEnvironment(Map<String, Object> environment) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        new YamlPropertySourceLoader().load("example", new FileSystemResource(EXAMPLE)).forEach(sources::addLast);
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
    }

    @Test
    void environmentVariablesOverrideKeysAndPlaceholders() throws IOException {
        // given: the names the README gives
        Binder binder = exampleWithEnvironment(Map.of("SYNC_FAILONERROR", "false", "SECODA_BASEURL",
                "https://eapi.secoda.co", "SECODA_API_TOKEN", "tok-env", "ANALYTICS_DB_PASSWORD", "pw-env"));

        // when
        SyncProperties sync = binder.bind("sync", Bindable.of(SyncProperties.class)).get();
        SecodaProperties secoda = binder.bind("secoda", Bindable.of(SecodaProperties.class)).get();

        // then
        assertThat(sync.failOnError()).isFalse();
        assertThat(secoda.baseUrl().toString()).isEqualTo("https://eapi.secoda.co");
        assertThat(secoda.apiToken()).isEqualTo("tok-env");
        assertThat(sync.warehouses().get(0).password()).isEqualTo("pw-env");
    }

    @Test
    void anIndexedEnvironmentVariableReplacesTheWholeList() throws IOException {
        // given: as the README warns, lists are taken whole from one source
        Binder binder = exampleWithEnvironment(Map.of("SYNC_WAREHOUSES_0_PASSWORD", "pw-env"));

        // when
        SyncProperties sync = binder.bind("sync", Bindable.of(SyncProperties.class)).get();

        // then: the file's warehouse is gone, only what the environment gave is left
        assertThat(sync.warehouses()).singleElement().satisfies(w -> {
            assertThat(w.password()).isEqualTo("pw-env");
            assertThat(w.name()).isNull();
        });
    }

    @Test
    void bindsAsItIs() throws IOException {
        // given
        List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load("example", new FileSystemResource(EXAMPLE));
        MutablePropertySources sources = new MutablePropertySources();
        loaded.forEach(sources::addLast);
        Binder binder = new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));

        // when
        SyncProperties sync = binder.bind("sync", Bindable.of(SyncProperties.class)).get();
        SecodaProperties secoda = binder.bind("secoda", Bindable.of(SecodaProperties.class)).get();

        // then: the example's values are the defaults
        assertThat(sync.failOnError()).isTrue();
        assertThat(sync.maxParallelWarehouses()).isEqualTo(2);
        assertThat(sync.warehouses()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(WarehouseKind.POSTGRES);
            assertThat(w.properties()).containsEntry("sslmode", "require");
            assertThat(w.lowerCaseNames()).isTrue();
        });
        assertThat(secoda.baseUrl().toString()).isEqualTo("https://api.secoda.co");
        assertThat(secoda.readTimeout().toSeconds()).isEqualTo(120);
    }
}
