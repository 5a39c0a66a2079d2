package io.paddock.compat.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one server did with a script: one line per step (result, error code, path, data, children as returned,
 * Stat without times, ephemeral owners as "client #k") and, per client, the watch events it received in order.
 */
record Transcript(String server, List<String> steps, Map<Integer, List<String>> events) {

    /** Empty when equal; otherwise a readable account of every difference. */
    static String diff(List<?> script, Transcript expected, Transcript actual) {
        StringBuilder out = new StringBuilder();
        int n = Math.max(expected.steps().size(), actual.steps().size());
        for (int i = 0; i < n; i++) {
            String e = i < expected.steps().size() ? expected.steps().get(i) : "<missing>";
            String a = i < actual.steps().size() ? actual.steps().get(i) : "<missing>";
            if (!e.equals(a)) {
                out.append("step ").append(i).append(' ').append(i < script.size() ? script.get(i) : "").append('\n')
                        .append("  ").append(pad(expected.server())).append(e).append('\n')
                        .append("  ").append(pad(actual.server())).append(a).append('\n')
                        .append("  fields: ").append(fieldDiff(e, a)).append('\n');
            }
        }
        for (Integer client : expected.events().keySet()) {
            List<String> e = expected.events().get(client);
            List<String> a = actual.events().getOrDefault(client, List.of());
            if (!e.equals(a)) {
                out.append("watch events of client #").append(client).append('\n')
                        .append("  ").append(pad(expected.server())).append(e).append('\n')
                        .append("  ").append(pad(actual.server())).append(a).append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String name) {
        return String.format("%-10s ", name + ":");
    }

    /** The space-separated key=value tokens that differ, so a one-field Stat mismatch stands out. */
    private static String fieldDiff(String expected, String actual) {
        List<String> e = List.of(expected.split("[ ,{}\\[\\]]+"));
        List<String> a = List.of(actual.split("[ ,{}\\[\\]]+"));
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String x = i < e.size() ? e.get(i) : "-";
            String y = i < a.size() ? a.get(i) : "-";
            if (!x.equals(y)) {
                diffs.add(x + " != " + y);
            }
        }
        return String.join("; ", diffs);
    }
}
