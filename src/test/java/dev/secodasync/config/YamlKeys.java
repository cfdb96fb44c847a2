package dev.secodasync.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The full keys of a configuration YAML file, line by line, commented-out keys included: what the
 * example files and the README's YAML blocks show a user. Enough YAML for those files: block
 * mappings, block lists of mappings ({@code - name: ...}), scalar and flow values on the key's line.
 */
final class YamlKeys {

    /**
     * A commented-out key: {@code # key:} or {@code # key: value} with a value of one word (a
     * placeholder, a number, {@code [...]}), so that prose such as {@code # false: failed warehouses are
     * reported ...} is not taken for one. The {@code #} and the one space after it stand where the
     * key's indentation continues: {@code "  #   format:"} is {@code "    format:"}.
     */
    private static final Pattern COMMENTED_KEY = Pattern.compile("^( *)# ( *[a-z][a-z0-9-]*:(?: +\\S+)?) *$");
    private static final Pattern KEY = Pattern.compile("^( *)(- +)?([A-Za-z0-9_][A-Za-z0-9_.-]*):(?: +(.*))?$");
    private static final Pattern TRAILING_COMMENT = Pattern.compile("(^|\\s+)#.*$");

    /**
     * One key: its full name ({@code sync.warehouses[0].jdbc-url}), its line (0-based), whether it holds
     * a value (or is a parent of other keys), whether it is commented out, and whether the line above
     * it is a comment.
     */
    record Key(String name, int line, boolean leaf, boolean commented, boolean commentAbove) {
    }

    private record Frame(int indent, String name) {
    }

    private record Line(int index, int start, int keyIndent, String name, boolean hasValue, boolean commented) {
    }

    private YamlKeys() {
    }

    /** Every key of {@code lines}, parents included, in file order. */
    static List<Key> of(List<String> lines) {
        List<Line> parsed = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        Map<String, Integer> items = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            Matcher commented = COMMENTED_KEY.matcher(text);
            boolean isCommented = commented.matches();
            if (isCommented) {
                text = commented.group(1) + commented.group(2);
            } else if (text.isBlank() || text.strip().startsWith("#")) {
                continue;
            }
            Matcher key = KEY.matcher(text);
            if (!key.matches()) {
                continue;
            }
            int start = key.group(1).length();
            int keyIndent = start + (key.group(2) == null ? 0 : key.group(2).length());
            if (key.group(2) != null) {
                while (!stack.isEmpty() && stack.peek().indent() >= start) {
                    stack.pop();
                }
                String list = stack.isEmpty() ? "" : stack.peek().name();
                int item = items.merge(list, 1, Integer::sum) - 1;
                stack.push(new Frame(start, list + "[" + item + "]"));
            } else {
                while (!stack.isEmpty() && stack.peek().indent() >= keyIndent) {
                    stack.pop();
                }
            }
            String name = stack.isEmpty() ? key.group(3) : stack.peek().name() + "." + key.group(3);
            stack.push(new Frame(keyIndent, name));
            String value = key.group(4) == null ? "" : TRAILING_COMMENT.matcher(key.group(4)).replaceFirst("").strip();
            parsed.add(new Line(i, start, keyIndent, name, !value.isEmpty(), isCommented));
        }
        List<Key> keys = new ArrayList<>();
        for (int j = 0; j < parsed.size(); j++) {
            Line line = parsed.get(j);
            boolean parent = !line.hasValue() && j + 1 < parsed.size() && parsed.get(j + 1).start() > line.keyIndent();
            boolean commentAbove = line.index() > 0 && lines.get(line.index() - 1).strip().startsWith("#");
            keys.add(new Key(line.name(), line.index(), !parent, line.commented(), commentAbove));
        }
        return keys;
    }

    /** The keys that hold a value, commented-out ones included. */
    static List<Key> leaves(List<String> lines) {
        return of(lines).stream().filter(Key::leaf).toList();
    }
}
