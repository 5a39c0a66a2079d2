/**
 * The server-side watch table, behaving like Apache ZooKeeper 3.9's pair of watch managers in
 * {@code DataTree} (one for data watches, one for child watches) folded into one table.
 *
 * <p>How ZooKeeper's two managers map onto {@link io.paddock.core.watch.WatchTable}: every
 * (path, connection) pair carries a set of {@link io.paddock.core.watch.WatchKind}s.
 * <ul>
 *   <li>{@code DATA}: a one-shot watch in ZooKeeper's data manager (getData, exists — also on a
 *       missing node — and re-armed data/exist watches of setWatches).</li>
 *   <li>{@code CHILD}: a one-shot watch in the child manager (getChildren).</li>
 *   <li>{@code PERSISTENT}: ZooKeeper puts it into both managers and only ever adds or removes it
 *       in both at once, so one flag describes it exactly.</li>
 *   <li>{@code PERSISTENT_RECURSIVE}: lives in the data manager only, which is why it never fires
 *       for NodeChildrenChanged.</li>
 * </ul>
 * The four-letter-word reports ({@code wchs}, {@code wchc}, {@code wchp}) read ZooKeeper's data
 * manager only; {@code mntr}'s watch_count adds both managers' sizes. The table reproduces both.
 */
package io.paddock.core.watch;
