package io.paddock.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the clients ask for, one request at a time per permit. */
public enum Workload {
    /** Persistent sequential creates under one parent per client. */
    CREATE("create", 0),
    /** setData (any version) on a random znode of the fixed set. */
    SET_DATA("setData", 0),
    /** getData (no watch) on a random znode of the fixed set. */
    GET_DATA("getData", 100),
    /** 90% getData, 10% setData on the fixed set. */
    MIXED("mixed", 90);

    private final String label;
    private final int readPercent;

    Workload(String label, int readPercent) {
        this.label = label;
        this.readPercent = readPercent;
    }

    public String label() {
        return label;
    }

    /** Share of requests that are getData; the rest are the workload's write. */
    public int readPercent() {
        return readPercent;
    }

    /** Every workload but create works on a fixed set of znodes made before the clock starts. */
    public boolean usesFixedNodes() {
        return this != CREATE;
    }

    /** Accepts the label in any case, with or without the underscore ("setData", "set_data", "SETDATA"). */
    public static Workload parse(String text) {
        String wanted = text.strip().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (Workload workload : values()) {
            if (workload.label.toLowerCase(Locale.ROOT).equals(wanted)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + text + "' (expected one of "
                + Arrays.stream(values()).map(Workload::label).collect(Collectors.joining(", ")) + ", all)");
    }
}
