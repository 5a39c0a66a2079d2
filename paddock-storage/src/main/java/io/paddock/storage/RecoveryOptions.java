package io.paddock.storage;

/**
 * How recovery treats damaged history.
 *
 * @param repair false: refuse to start on corrupt history (a corrupt newest snapshot, damage before the log's
 *               tail). true: set damaged files aside or cut them (a corrupt snapshot is renamed
 *               {@code <name>.corrupt} and the next older one used; a damaged log is cut at the damage), report
 *               each step as a warning, and start from what remains. A gap in the history is refused either way.
 */
public record RecoveryOptions(boolean repair) {
    public static RecoveryOptions strict() {
        return new RecoveryOptions(false);
    }
}
