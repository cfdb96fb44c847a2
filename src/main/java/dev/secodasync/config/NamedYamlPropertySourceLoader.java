package dev.secodasync.config;

import java.io.IOException;
import java.util.List;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Spring Boot's YAML loader, except that a file that is not valid YAML (a tab for indentation, a
 * missing colon) is a configuration error naming the file and the line, not a stack trace that
 * names neither.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class NamedYamlPropertySourceLoader extends YamlPropertySourceLoader {

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
        try {
            return super.load(name, resource);
        } catch (YAMLException e) {
            String problem = String.valueOf(e.getMessage()).replace("in 'reader', ", "").replaceAll("\\s+", " ").strip();
            throw new InvalidConfigurationException("configuration file " + resource.getDescription()
                    + " is not valid YAML (YAML indents with spaces, never tabs): " + problem);
        }
    }
}
