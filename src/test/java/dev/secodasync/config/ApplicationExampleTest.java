package dev.secodasync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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

/**
 * {@code config/application.example.yml} lists every option the code binds (found by reflection,
 * so a new option without an example fails here) and binds as it is; the README names each key.
 */
class ApplicationExampleTest {

    private static final Path EXAMPLE = Path.of("config/application.example.yml");

    /** "secoda.base-url", "sync.warehouses[i].jdbc-url", ... for every record component, nested records included. */
    private static List<String> keys(String prefix, Class<?> type) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
            keys.add(key);
            Type generic = component.getGenericType();
            if (component.getType().isRecord()) {
                keys.addAll(keys(key, component.getType()));
            } else if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> item
                    && item.isRecord()) {
                keys.addAll(keys(key + "[i]", item));
            }
        }
        return keys;
    }

    private static List<String> allKeys() {
        List<String> keys = new ArrayList<>(keys("secoda", SecodaProperties.class));
        keys.addAll(keys("sync", SyncProperties.class));
        return keys;
    }

    @Test
    void listsEveryOptionWithAComment() throws IOException {
        // given
        String example = Files.readString(EXAMPLE);

        // then: a key may be commented out (Snowflake-only ones), but it is there, under a comment
        for (String key : allKeys()) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            assertThat(Pattern.compile("(?m)^\\s*#.*\\n\\s*(#\\s*)?(- )?" + Pattern.quote(leaf) + ":").matcher(example).find())
                    .as("%s is in %s with a comment above it", key, EXAMPLE).isTrue();
        }
    }

    @Test
    void readmeNamesEveryKey() throws IOException {
        // given
        String readme = Files.readString(Path.of("README.md"));

        // then
        for (String key : allKeys()) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            // a group of keys (secoda.retry) is named through its members (`secoda.retry.max-attempts`)
            assertThat(readme).as("README names %s", key).containsPattern("`[^`]*\\b" + Pattern.quote(leaf) + "[`.]");
        }
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
