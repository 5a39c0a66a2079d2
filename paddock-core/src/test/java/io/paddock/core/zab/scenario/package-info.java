/**
 * Seed scenarios (docs: /work/shared/design/SCENARIOS.md) as deterministic scripts over the real {@code Replica}:
 * {@link io.paddock.core.zab.scenario.Ensemble} (crash/restart from exactly what a
 * {@link io.paddock.core.zab.scenario.ScriptDisk} made durable, scripted delivery) and
 * {@link io.paddock.core.zab.scenario.Interleavings} (every order of one server's messages against its disk
 * completions, each schedule replayed from scratch and printed as a trace on failure).
 *
 * <p>Seed names S0, S1, S2 are server ids 1, 2, 3 (the core's ids start at 1). Checked by breaking the core on
 * purpose (not committed): in {@code LearnerRole.sendDueAcks}, acknowledging NEWLEADER before the sync is durable
 * and before the epoch barrier fails S-004 ("the next leader ... lacks 0x100000004"); acknowledging later
 * proposals while NEWLEADER's ACK waits for the disk fails S-002 (the leader's first ACK from S0 is a proposal's).
 */
package io.paddock.core.zab.scenario;
