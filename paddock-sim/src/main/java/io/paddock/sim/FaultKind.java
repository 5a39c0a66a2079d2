package io.paddock.sim;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The kinds of fault a run may inject ({@code paddock sim --faults}). */
public enum FaultKind {
    /** A server loses power: volatile state and unforced bytes gone; it restarts from disk later. */
    CRASH,
    /** The servers split into groups that cannot reach each other, for a while. */
    PARTITION,
    /** One connection drops (both ends notice). */
    DROP,
    /** Messages from and to one server are slow for a while. */
    DELAY,
    /** One server's disk is many times slower for a while. */
    SLOWDISK;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "crash,partition,..." (case-insensitive); "none" or empty gives no faults. */
    public static Set<FaultKind> parse(String list) {
        EnumSet<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        for (String part : list.split(",")) {
            String name = part.strip();
            if (name.isEmpty() || name.equalsIgnoreCase("none")) {
                continue;
            }
            if (name.equalsIgnoreCase("all")) {
                kinds.addAll(EnumSet.allOf(FaultKind.class));
                continue;
            }
            try {
                kinds.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown fault kind '" + name + "' (known: crash, partition, drop, "
                        + "delay, slowdisk)");
            }
        }
        return kinds;
    }
}
