package dev.secodasync.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration keys as IDEs see them: {@code META-INF/spring-configuration-metadata.json}, which
 * spring-boot-configuration-processor writes into {@code target/classes} from the
 * {@code @ConfigurationProperties} records and their {@code @param} Javadoc, plus the metadata Spring
 * Boot's own jars ship ({@code spring.datasource.url}, {@code logging.level.*}, ...).
 *
 * <p>The processor does not descend into the element type of a list ({@code sync.warehouses} is one
 * property of type {@code List<WarehouseProperties>}); the keys of such an element type are read the
 * same way the processor reads a record: its components, described by the {@code @param} tags of the
 * record's Javadoc in its source file (parsed with the JDK's compiler tree API). They are named
 * {@code sync.warehouses[*].jdbc-url}; every list index, {@code [0]} or the README's {@code [i]},
 * becomes {@code [*]} in {@link #normalize}.
 */
final class ConfigurationMetadata {

    /** Where the configuration processor writes the application's metadata. */
    static final Path GENERATED = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

    private static final String RESOURCE = "META-INF/spring-configuration-metadata.json";
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern LIST_OF = Pattern.compile("java\\.util\\.List<([\\w.$]+)>");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+|i|\\*)]");

    /** One key of the application: its full name, type and description. */
    record Property(String name, String type, String description) {
    }

    private final Map<String, Property> own;
    private final Set<String> ownGroups;
    private final Set<String> known;
    private final Set<String> maps;

    private ConfigurationMetadata(Map<String, Property> own, Set<String> ownGroups, Set<String> known,
            Set<String> maps) {
        this.own = own;
        this.ownGroups = ownGroups;
        this.known = known;
        this.maps = maps;
    }

    private static final class Holder {
        static final ConfigurationMetadata INSTANCE = read();
    }

    /** The metadata, read once per test JVM. */
    static ConfigurationMetadata get() {
        return Holder.INSTANCE;
    }

    private static ConfigurationMetadata read() {
        assertThat(GENERATED).as("%s (spring-boot-configuration-processor writes it at compile time)", GENERATED)
                .isRegularFile();
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Property> own = new LinkedHashMap<>();
        Set<String> ownGroups = new LinkedHashSet<>();
        Set<String> known = new LinkedHashSet<>();
        Set<String> maps = new LinkedHashSet<>();

        JsonNode generated = json.readTree(GENERATED.toFile());
        for (JsonNode group : generated.path("groups")) {
            String name = group.path("name").asString();
            known.add(name);
            if (isOwn(name)) {
                ownGroups.add(name);
            }
        }
        for (JsonNode node : generated.path("properties")) {
            Property property = new Property(node.path("name").asString(), node.path("type").asString(),
                    node.path("description").asString(""));
            known.add(property.name());
            if (property.type().startsWith("java.util.Map<")) {
                maps.add(property.name());
            }
            if (!isOwn(property.name())) {
                continue;
            }
            own.put(property.name(), property);
            Matcher list = LIST_OF.matcher(property.type());
            if (list.matches() && list.group(1).startsWith("dev.secodasync.")) {
                Class<?> element = load(list.group(1));
                if (element.isRecord()) {
                    ownGroups.add(property.name() + "[*]");
                    for (Property item : elementKeys(property.name() + "[*]", element)) {
                        own.put(item.name(), item);
                        known.add(item.name());
                        if (item.type().startsWith("java.util.Map<")) {
                            maps.add(item.name());
                        }
                    }
                }
            }
        }

        // Spring Boot's own keys (spring.*, logging.*), from the metadata its jars ship.
        try {
            for (URL url : Collections.list(ConfigurationMetadata.class.getClassLoader().getResources(RESOURCE))) {
                if (url.getProtocol().equals("file")) {
                    continue;
                }
                try (InputStream in = url.openStream()) {
                    JsonNode metadata = json.readTree(in);
                    metadata.path("groups").forEach(g -> known.add(g.path("name").asString()));
                    for (JsonNode node : metadata.path("properties")) {
                        known.add(node.path("name").asString());
                        if (node.path("type").asString("").startsWith("java.util.Map<")) {
                            maps.add(node.path("name").asString());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfigurationMetadata(Collections.unmodifiableMap(own), Collections.unmodifiableSet(ownGroups),
                Collections.unmodifiableSet(known), Collections.unmodifiableSet(maps));
    }

    private static boolean isOwn(String name) {
        return name.equals("sync") || name.equals("secoda") || name.startsWith("sync.") || name.startsWith("secoda.");
    }

    private static Class<?> load(String binaryName) {
        try {
            return Class.forName(binaryName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("metadata names " + binaryName + ", which is not on the class path", e);
        }
    }

    /** The components of {@code record} as keys under {@code prefix}, described by the record's {@code @param} tags. */
    private static List<Property> elementKeys(String prefix, Class<?> record) {
        Map<String, String> params = paramTags(record);
        List<Property> keys = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            keys.add(new Property(prefix + "." + kebab(component.getName()), component.getGenericType().getTypeName(),
                    params.getOrDefault(component.getName(), "")));
        }
        return keys;
    }

    /** The {@code @param} tags of {@code record}'s Javadoc in its source file, by component name. */
    static Map<String, String> paramTags(Class<?> record) {
        Class<?> topLevel = record;
        while (topLevel.getEnclosingClass() != null) {
            topLevel = topLevel.getEnclosingClass();
        }
        Path source = SOURCES.resolve(topLevel.getName().replace('.', '/') + ".java");
        assertThat(source).as("source of %s", record.getName()).isRegularFile();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjects(source));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                Optional<ClassTree> type = find(unit.getTypeDecls(), record.getSimpleName());
                if (type.isPresent()) {
                    DocCommentTree comment = docs.getDocCommentTree(TreePath.getPath(unit, type.get()));
                    Map<String, String> params = new LinkedHashMap<>();
                    if (comment != null) {
                        for (DocTree tag : comment.getBlockTags()) {
                            if (tag instanceof ParamTree param && !param.isTypeParameter()) {
                                params.put(param.getName().getName().toString(), param.getDescription().stream()
                                        .map(DocTree::toString).collect(Collectors.joining()).replaceAll("\\s+", " ").strip());
                            }
                        }
                    }
                    return params;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no record " + record.getSimpleName() + " in " + source);
    }

    private static Optional<ClassTree> find(List<? extends Tree> trees, String simpleName) {
        for (Tree tree : trees) {
            if (tree instanceof ClassTree type) {
                if (type.getSimpleName().contentEquals(simpleName)) {
                    return Optional.of(type);
                }
                Optional<ClassTree> nested = find(type.getMembers(), simpleName);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code maxParallelDatabases} as a key segment: {@code max-parallel-databases}. */
    static String kebab(String component) {
        return component.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /** Every list index ({@code [0]}, {@code [i]}) as {@code [*]}. */
    static String normalize(String key) {
        return INDEX.matcher(key).replaceAll("[*]");
    }

    /**
     * The application's own properties ({@code sync.*}, {@code secoda.*}) by full name, the element
     * keys of {@code sync.warehouses} included ({@code sync.warehouses[*].name}, ...).
     */
    Map<String, Property> own() {
        return own;
    }

    /** The application's own groups of keys: {@code secoda.retry}, {@code sync.guards}, {@code sync.warehouses[*]}. */
    Set<String> ownGroups() {
        return ownGroups;
    }

    /**
     * Whether {@code key} is a key of the metadata: a property, a group (or a prefix of keys, as in
     * {@code secoda.retry.*}), or an entry of a map-valued property ({@code logging.level.dev.secodasync},
     * {@code sync.warehouses[0].properties.sslmode}). List indexes may be any number or {@code i}.
     */
    boolean isKnown(String key) {
        String name = normalize(key);
        if (name.endsWith(".*")) {
            name = name.substring(0, name.length() - 2);
        }
        if (known.contains(name)) {
            return true;
        }
        for (String map : maps) {
            if (name.startsWith(map + ".") || name.startsWith(map + "[")) {
                return true;
            }
        }
        String prefix = name;
        return known.stream().anyMatch(k -> k.startsWith(prefix + ".") || k.startsWith(prefix + "["));
    }

    /**
     * The key an environment variable sets under Spring Boot's relaxed binding ({@code SYNC_STATEDIR}
     * is {@code sync.state-dir}, {@code SYNC_WAREHOUSES_0_JDBCURL} is {@code sync.warehouses[*].jdbc-url}),
     * if it is one of the metadata's keys or an entry of a map-valued one.
     */
    Optional<String> keyOf(String environmentVariable) {
        String variable = environmentVariable.replaceAll("_\\d+(?=_|$)", "_*");
        for (String key : known) {
            if (environment(key).equals(variable)) {
                return Optional.of(key);
            }
        }
        for (String map : maps) {
            if (variable.startsWith(environment(map) + "_")) {
                return Optional.of(map + "." + variable.substring(environment(map).length() + 1).toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** {@code sync.warehouses[*].jdbc-url} as an environment variable: {@code SYNC_WAREHOUSES_*_JDBCURL}. */
    private static String environment(String key) {
        return key.replace("[*]", "_*").replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The variable names of the {@code ${NAME:default}} placeholders in {@code files}. */
    static Set<String> placeholderVariables(Path... files) {
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
        Set<String> names = new LinkedHashSet<>();
        for (Path file : files) {
            try {
                Matcher m = placeholder.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }
}
