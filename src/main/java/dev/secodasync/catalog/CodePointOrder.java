package dev.secodasync.catalog;

/** The order of names in every output: Unicode code points, as PostgreSQL's {@code COLLATE "C"} sorts UTF-8. */
public final class CodePointOrder {

    private CodePointOrder() {
    }

    /** Code-point order, as PostgreSQL's {@code COLLATE "C"} sorts UTF-8; nulls first. */
    public static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
