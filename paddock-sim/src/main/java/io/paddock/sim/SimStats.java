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
                       long faults, long messagesSent, long messagesLost, long forces, long snapshots,
                       ClientStats clients) {

    /**
     * What the simulated clients did: replies received, requests lost, sessions, expiries, watch events, and the
     * paths whose write history the linearizability search could not decide within its budget (not failures).
     */
    public record ClientStats(long replies, long lost, long sessions, long expiries, long watchEvents,
                              long undecidedPaths) {
        public static final ClientStats NONE = new ClientStats(0, 0, 0, 0, 0, 0);

        @Override
        public String toString() {
            return replies + " client replies, " + lost + " lost, " + sessions + " sessions (" + expiries
                    + " expired), " + watchEvents + " watch events" + (undecidedPaths > 0
                    ? ", " + undecidedPaths + " paths undecided by the linearizability search" : "");
        }
    }

    @Override
    public String toString() {
        return (clients.sessions() > 0 ? clients + "; " : "") + events + " events, " + virtualTimeMs + " virtual ms, " + writes + " writes, " + commits + " commits, "
                + elections + " leaderships, " + faults + " faults (" + crashes + " crashes), " + messagesSent
                + " messages (" + messagesLost + " lost), " + forces + " forces, " + snapshots + " snapshots";
    }
}
