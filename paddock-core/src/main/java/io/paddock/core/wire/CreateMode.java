package io.paddock.core.wire;

/** Znode creation modes with their wire flags. */
public enum CreateMode {
    PERSISTENT(0, false, false),
    EPHEMERAL(1, true, false),
    PERSISTENT_SEQUENTIAL(2, false, true),
    EPHEMERAL_SEQUENTIAL(3, true, true),
    CONTAINER(4, false, false),
    PERSISTENT_WITH_TTL(5, false, false),
    PERSISTENT_SEQUENTIAL_WITH_TTL(6, false, true);

    private final int flag;
    private final boolean ephemeral;
    private final boolean sequential;

    CreateMode(int flag, boolean ephemeral, boolean sequential) {
        this.flag = flag;
        this.ephemeral = ephemeral;
        this.sequential = sequential;
    }

    public int flag() {
        return flag;
    }

    public boolean isEphemeral() {
        return ephemeral;
    }

    public boolean isSequential() {
        return sequential;
    }

    public boolean isContainer() {
        return this == CONTAINER;
    }

    public boolean isTtl() {
        return this == PERSISTENT_WITH_TTL || this == PERSISTENT_SEQUENTIAL_WITH_TTL;
    }

    /** The mode for a wire flag, or null when the flag names none (the server answers BadArguments). */
    public static CreateMode fromFlag(int flag) {
        return switch (flag) {
            case 0 -> PERSISTENT;
            case 1 -> EPHEMERAL;
            case 2 -> PERSISTENT_SEQUENTIAL;
            case 3 -> EPHEMERAL_SEQUENTIAL;
            case 4 -> CONTAINER;
            case 5 -> PERSISTENT_WITH_TTL;
            case 6 -> PERSISTENT_SEQUENTIAL_WITH_TTL;
            default -> null;
        };
    }
}
