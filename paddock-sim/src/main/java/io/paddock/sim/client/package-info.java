/**
 * Linearizability checking of ZooKeeper-style client histories, for the simulator's simulated clients.
 *
 * <p>Assumptions and limits:
 * <ul>
 *   <li>Single-path operations only (create, delete, setData, getData, exists); paths are checked independently,
 *       which is sound because linearizability is compositional per object. multi, children, ephemerals,
 *       sequential names, ACLs, watches and parent/child rules (NoNode for a missing parent, NotEmpty) are out of
 *       scope.</li>
 *   <li>Every path is absent when the history starts; the znode version is its data version (0 on create, +1 per
 *       setData), as in ZooKeeper's Stat.version.</li>
 *   <li>All times come from one clock; equal times count as concurrent. A never-returned operation may take effect
 *       at any time after its invocation, once, or never.</li>
 *   <li>Linearizability is stronger than ZooKeeper's guarantee for reads: ZooKeeper serves reads from the
 *       connected server, so a read may be stale unless preceded by sync. Histories with plain reads from
 *       different sessions may be correctly NOT linearizable; check writes plus sync-ed reads, or reads of one
 *       session, when asserting ZooKeeper's actual contract.</li>
 *   <li>The search is exponential in the worst case (many overlapping operations on one path); a budget of
 *       explored states turns that into UNKNOWN instead of a hang.</li>
 * </ul>
 *
 * <p>Client checks ({@link io.paddock.sim.client.ClientChecks}) read the logs simulated clients write
 * ({@link io.paddock.sim.client.ClientEvent}), one log per client, and report
 * {@link io.paddock.sim.client.ClientViolation}s: FIFO completion, monotonic reply zxids within a session, no stale
 * read after a newer one within a session, watch delivery (at most once per registration, zxid order, event before
 * newer data), and linearizability of all clients' writes per path. Each flags only what ZooKeeper certainly
 * forbids; each class says what it leaves out.
 */
package io.paddock.sim.client;
