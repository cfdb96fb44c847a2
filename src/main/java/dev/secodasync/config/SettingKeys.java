package dev.secodasync.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Finds {@code sync.*} and {@code secoda.*} keys that no setting binds, wherever they come from
 * (file, argument, environment): Spring Boot ignores them, so a misspelt key would silently fall
 * back to a default ({@code exlude-schemas} exports the schema it meant to hide; {@code
 * sync.warehouse} syncs the demo instead of the warehouses). The valid keys are read from the
 * settings records themselves.
 */
final class SettingKeys {

    private static final Map<String, Class<?>> ROOTS = Map.of("sync", SyncProperties.class,
            "secoda", SecodaProperties.class);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

    private SettingKeys() {
    }

    /** One message per unknown key: where it comes from and the closest valid key. */
    static List<String> unknown(ConfigurableEnvironment environment) {
        Set<String> placeholders = placeholders(environment);
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.stream().filter(name -> !name.isEmpty() && ROOTS.containsKey(name.getElement(0, Form.UNIFORM)))
                    .forEach(name -> {
                        ConfigurationProperty property = source.getConfigurationProperty(name);
                        Origin origin = property == null ? null : property.getOrigin();
                        // An environment variable that a file reads through ${...} (SECODA_API_TOKEN) is no key.
                        String variable = environmentVariable(origin);
                        if (variable != null && placeholders.contains(variable)) {
                            return;
                        }
                        String problem = check(name);
                        if (problem != null && seen.add(name.toString())) {
                            problems.add(problem + (origin == null ? "" : " (from " + origin + ")"));
                        }
                    });
        }
        return problems;
    }

    // Null when the name is a setting, else why not.
    static String check(ConfigurationPropertyName name) {
        Type type = ROOTS.get(name.getElement(0, Form.UNIFORM));
        StringBuilder path = new StringBuilder(name.getElement(0, Form.DASHED));
        for (int i = 1; i < name.getNumberOfElements(); i++) {
            Class<?> raw = raw(type);
            if (Map.class.isAssignableFrom(raw)) {
                return null;
            }
            if (List.class.isAssignableFrom(raw)) {
                if (!name.isNumericIndex(i)) {
                    return name + " is not a setting: " + path + " is a list, written " + path + "[0]";
                }
                path.append('[').append(name.getElement(i, Form.ORIGINAL)).append(']');
                type = argument(type, 0);
                continue;
            }
            if (!raw.isRecord()) {
                return name + " is not a setting: " + path + " takes a value, not " + name.getElement(i, Form.DASHED);
            }
            String element = name.getElement(i, Form.UNIFORM);
            RecordComponent match = null;
            for (RecordComponent component : raw.getRecordComponents()) {
                if (uniform(component.getName()).equals(element)) {
                    match = component;
                }
            }
            if (match == null) {
                return name + " is not a setting" + closest(raw, name.getElement(i, Form.DASHED), path.toString());
            }
            path.append('.').append(dashed(match.getName()));
            type = match.getGenericType();
        }
        return null;
    }

    private static String closest(Class<?> record, String wrong, String parent) {
        return List.of(record.getRecordComponents()).stream()
                .map(c -> dashed(c.getName()))
                .min(Comparator.comparingInt(candidate -> distance(candidate, wrong)))
                .filter(best -> distance(best, wrong) <= Math.max(2, wrong.length() / 3))
                .map(best -> ": did you mean " + parent + "." + best + "?")
                .orElse(" (see config/application.example.yml for the settings under " + parent + ")");
    }

    // The environment variable a property comes from, or null when it comes from elsewhere.
    private static String environmentVariable(Origin origin) {
        if (origin instanceof SystemEnvironmentOrigin env) {
            return env.getProperty();
        }
        if (origin instanceof PropertySourceOrigin wrapped) {
            return wrapped.getPropertySource() instanceof SystemEnvironmentPropertySource
                    ? wrapped.getPropertyName() : environmentVariable(wrapped.getOrigin());
        }
        return null;
    }

    private static Set<String> placeholders(ConfigurableEnvironment environment) {
        Set<String> names = new HashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String key : enumerable.getPropertyNames()) {
                    Object value = enumerable.getProperty(key);
                    if (value != null && value.toString().contains("${")) {
                        Matcher m = PLACEHOLDER.matcher(value.toString());
                        while (m.find()) {
                            names.add(m.group(1));
                        }
                    }
                }
            }
        }
        return names;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    private static String uniform(String camel) {
        return camel.toLowerCase(java.util.Locale.ROOT);
    }

    private static String dashed(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
