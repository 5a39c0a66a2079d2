/**
 * Checkers: pure functions from a run's recorded history to the violations of one property each.
 * {@link io.paddock.sim.check.Checkers#safety()} lists the safety checkers,
 * {@link io.paddock.sim.check.LivenessChecker} judges progress after faults heal.
 *
 * <p>What the checkers assume of the history, which the simulator and the replica must keep:
 * <ul>
 *   <li>Observations are in the order things happened; a replica's actions appear in the order it emitted them,
 *       recorded before they are executed (a crash may cut the execution of the last ones short).</li>
 *   <li>A leader emits RoleChanged(LEADING) before it logs (PersistTxn) any proposal of its own, and logs each
 *       proposal before any peer can deliver it; a follower emits RoleChanged(FOLLOWING/OBSERVING, leaderId, ...)
 *       before it syncs with that leader (a PersistSnapshot copies that leader's tracked history).</li>
 *   <li>Every apply of a committed txn to a tree is a Delivered, the leader's own included. A restarted tree holds
 *       exactly its snapshot (the tail is not applied), and a PersistSnapshot replaces the tree at once: both are
 *       "anchors" after which that peer's deliveries continue above the snapshot's zxid.</li>
 *   <li>A snapshot's zxid is one its peer (or, for SNAP, the leader) delivered.</li>
 *   <li>LeaderEstablished(epoch, lastZxid) commits the leader's history up to lastZxid; LearnerSynced names the
 *       leader and the new epoch.</li>
 * </ul>
 */
package io.paddock.sim.check;
