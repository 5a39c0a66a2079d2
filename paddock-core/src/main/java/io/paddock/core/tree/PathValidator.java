package io.paddock.core.tree;

/** ZooKeeper's znode path rules: absolute, no empty segments, no "." or "..", no control or private-use characters. */
public final class PathValidator {
    private PathValidator() {
    }

    /** Null when {@code path} is a valid znode path, otherwise why it is not. */
    public static String problem(String path) {
        if (path == null) {
            return "path is null";
        }
        if (path.isEmpty()) {
            return "path is empty";
        }
        if (path.charAt(0) != '/') {
            return "path must start with /";
        }
        int length = path.length();
        if (length == 1) {
            return null;
        }
        if (path.charAt(length - 1) == '/') {
            return "path must not end with /";
        }
        char previous = '/';
        for (int i = 1; i < length; previous = path.charAt(i), i++) {
            char c = path.charAt(i);
            boolean segmentEnds = i + 1 == length || path.charAt(i + 1) == '/';
            if (c == 0) {
                return "null character at " + i;
            } else if (c == '/' && previous == '/') {
                return "empty node name at " + i;
            } else if (c == '.' && previous == '.') {
                if (path.charAt(i - 2) == '/' && segmentEnds) {
                    return "relative path at " + i;
                }
            } else if (c == '.') {
                if (previous == '/' && segmentEnds) {
                    return "relative path at " + i;
                }
            } else if (c <= '\u001f' || (c >= '\u007f' && c <= '\u009f') || (c >= '\ud800' && c <= '\uf8ff')
                    || c >= '\ufff0') {
                return "invalid character at " + i;
            }
        }
        return null;
    }

    public static boolean isValid(String path) {
        return problem(path) == null;
    }

    /** The parent of an absolute path; "/" for top-level nodes. Requires a '/' in the path. */
    public static String parentOf(String path) {
        int lastSlash = path.lastIndexOf('/');
        return lastSlash <= 0 ? "/" : path.substring(0, lastSlash);
    }

    public static String childName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
