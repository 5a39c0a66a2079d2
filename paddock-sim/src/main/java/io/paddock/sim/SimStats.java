package io.paddock.sim;

/**
 * What a run amounted to.
 *
 * @param events        scheduled tasks run (deliveries, ticks, commits, faults)
 * @param virtualTimeMs how far virtual time got
 * @param commits       distinct zxids some server delivered
 * @param elections     leaderships established
 */
public record SimStats(long events, long virtualTimeMs, long commits, long elections, long writes, long crashes,
                       long faults, long messagesSent, long messagesLost, long forces, long snapshots) {
    @Override
    public String toString() {
        return events + " events, " + virtualTimeMs + " virtual ms, " + writes + " writes, " + commits + " commits, "
                + elections + " leaderships, " + faults + " faults (" + crashes + " crashes), " + messagesSent
                + " messages (" + messagesLost + " lost), " + forces + " forces, " + snapshots + " snapshots";
    }
}
