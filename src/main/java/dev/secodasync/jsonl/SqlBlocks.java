package dev.secodasync.jsonl;

/** A view's SQL as a fenced Markdown code block, the form Secoda's {@code definition} renders. */
final class SqlBlocks {

    private SqlBlocks() {
    }

    /**
     * The SQL between fences longer than any run of backticks inside it, so that no text of the
     * view can close the block early.
     */
    static String fenced(String sql) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < sql.length(); i++) {
            run = sql.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "sql\n" + sql.strip() + "\n" + fence;
    }
}
