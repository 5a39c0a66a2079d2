"""Exercises a ZooKeeper-compatible server with kazoo, the Python client, exactly as an application would.

Usage: /usr/bin/python3 kazoo_suite.py HOST:PORT

Prints "ok   <check>" per passed check and stops at the first failure with "FAIL <check>: <why>" and exit
status 1, so the caller can run the same script against Apache ZooKeeper and against Paddock and compare.
Every expectation here holds for Apache ZooKeeper 3.9; the server must start empty.
"""
import logging
import sys
import threading
import time
import traceback

try:
    from kazoo.client import KazooClient, KazooState
    from kazoo.exceptions import (BadVersionError, InvalidACLError, NoAuthError, NoChildrenForEphemeralsError,
                                  NodeExistsError, NoNodeError, NotEmptyError, RolledBackError,
                                  RuntimeInconsistency)
    from kazoo.protocol.states import EventType, ZnodeStat
    from kazoo.security import (ACL, CREATOR_ALL_ACL, OPEN_ACL_UNSAFE, Id, Permissions, make_digest_acl,
                                make_digest_acl_credential)
except ImportError as missing:
    print("FAIL import kazoo: %s (run bin/install-test-deps)" % missing, flush=True)
    sys.exit(3)

WAIT = 10.0  # seconds for any single asynchronous expectation
ROOT = "/polyglot-kazoo"


# Run in a child process: connects with the shortest session timeout, creates an ephemeral, prints its
# session id and exits without closing the session, as a crashed application would.
CRASHING_CLIENT = """
import os, sys
from kazoo.client import KazooClient
client = KazooClient(hosts=sys.argv[1], timeout=0.5)
client.start(timeout=10)
client.create(sys.argv[2], b"", ephemeral=True)
print("%x" % client.client_id[0], flush=True)
os._exit(0)
"""


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def expect_equal(actual, expected, what):
    if actual != expected:
        raise CheckFailed("%s: expected %r but was %r" % (what, expected, actual))


def expect_raises(exception_type, action, what):
    try:
        result = action()
    except exception_type:
        return
    except Exception as other:  # the wrong error is as bad as none
        raise CheckFailed("%s: expected %s but got %r" % (what, exception_type.__name__, other))
    raise CheckFailed("%s: expected %s but succeeded with %r" % (what, exception_type.__name__, result))


def wait_until(predicate, what):
    """Polls a condition that watch callbacks make true, up to WAIT seconds."""
    deadline = time.monotonic() + WAIT
    pause = threading.Event()  # never set: wait() is an interruptible pause between polls
    while not predicate():
        if time.monotonic() > deadline:
            raise CheckFailed("timed out after %.0fs waiting for %s" % (WAIT, what))
        pause.wait(0.02)


class Suite:
    def __init__(self, hosts):
        self.hosts = hosts
        self.clients = []
        self.states = []
        self.client = None
        self.friend = None  # authenticated as alice by the ACL checks
        self.stranger = None  # never authenticated

    def new_client(self, listener=None, hosts=None):
        client = KazooClient(hosts=hosts or self.hosts, timeout=10.0, connection_retry=None, command_retry=None)
        if listener is not None:
            client.add_listener(listener)
        client.start(timeout=WAIT)
        self.clients.append(client)
        return client

    def close_all(self):
        for client in self.clients:
            try:
                client.stop()
                client.close()
            except Exception:
                pass

    # ---- the checks, in order; each one is a method whose docstring names it ----

    def connect_and_see_connected_state(self):
        """start() connects and the session listener sees CONNECTED"""
        self.client = self.new_client(listener=self.states.append)
        expect(self.client.connected, "client is not connected after start()")
        wait_until(lambda: KazooState.CONNECTED in self.states, "listener to see CONNECTED")
        expect_equal(self.states[0], KazooState.CONNECTED, "first state the listener saw")
        session_id, password = self.client.client_id
        expect(session_id != 0, "session id is 0")
        expect_equal(len(password), 16, "session password length")

    def four_letter_words_and_server_version(self):
        """ruok answers imok and server_version() parses envi as 3.5 or later"""
        expect_equal(self.client.command(b"ruok"), "imok", "ruok")
        version = self.client.server_version()
        expect(version >= (3, 5), "server_version() %r is older than 3.5" % (version,))

    def root_has_zookeeper_node(self):
        """the fresh tree has only /zookeeper below /"""
        expect_equal(sorted(self.client.get_children("/")), ["zookeeper"], "children of /")

    def ensure_path_creates_all_parents(self):
        """ensure_path creates every missing parent and is idempotent"""
        self.client.ensure_path(ROOT + "/a/b/c")
        expect(self.client.exists(ROOT + "/a/b/c") is not None, "ensure_path did not create the leaf")
        self.client.ensure_path(ROOT + "/a/b/c")  # again: no error
        expect_equal(self.client.get_children(ROOT + "/a"), ["b"], "children of /a")

    def create_persistent_with_data_and_stat(self):
        """create stores data; the stat of a new node is version 0 with no children"""
        path = self.client.create(ROOT + "/p", b"hello")
        expect_equal(path, ROOT + "/p", "created path")
        data, stat = self.client.get(ROOT + "/p")
        expect_equal(data, b"hello", "data")
        expect_equal((stat.version, stat.cversion, stat.aversion), (0, 0, 0), "versions of a new node")
        expect_equal((stat.dataLength, stat.numChildren, stat.ephemeralOwner), (5, 0, 0), "stat")
        expect_equal(stat.czxid, stat.mzxid, "czxid == mzxid for a new node")
        expect_equal(stat.czxid, stat.pzxid, "czxid == pzxid for a new node")
        expect(stat.ctime > 0 and stat.ctime == stat.mtime, "ctime %r / mtime %r" % (stat.ctime, stat.mtime))

    def create2_returns_stat(self):
        """create(include_data=True) (create2) returns the path and the new node's stat"""
        path, stat = self.client.create(ROOT + "/p2", b"xy", include_data=True)
        expect_equal(path, ROOT + "/p2", "created path")
        expect(isinstance(stat, ZnodeStat), "no stat returned: %r" % (stat,))
        expect_equal((stat.version, stat.dataLength), (0, 2), "stat of create2")
        expect_equal(self.client.exists(ROOT + "/p2"), stat, "exists() stat vs create2 stat")

    def create_existing_fails(self):
        """create of an existing node raises NodeExistsError"""
        expect_raises(NodeExistsError, lambda: self.client.create(ROOT + "/p", b"again"), "duplicate create")

    def create_without_parent_fails_unless_makepath(self):
        """create without a parent raises NoNodeError; makepath=True creates the parents"""
        expect_raises(NoNodeError, lambda: self.client.create(ROOT + "/m/x/y", b""), "create without parent")
        expect_equal(self.client.create(ROOT + "/m/x/y", b"deep", makepath=True), ROOT + "/m/x/y", "makepath")
        expect_equal(self.client.get(ROOT + "/m/x/y")[0], b"deep", "data of the makepath node")

    def ephemeral_belongs_to_session(self):
        """ephemeral node carries the session id as owner and takes no children"""
        self.client.create(ROOT + "/eph", b"e", ephemeral=True)
        stat = self.client.exists(ROOT + "/eph")
        expect_equal(stat.ephemeralOwner, self.client.client_id[0], "ephemeralOwner")
        expect_raises(NoChildrenForEphemeralsError, lambda: self.client.create(ROOT + "/eph/child"),
                      "child of an ephemeral")

    def sequence_nodes_number_from_parent_cversion(self):
        """sequential nodes get a 10-digit counter from the parent's cversion"""
        self.client.create(ROOT + "/seq")
        names = [self.client.create(ROOT + "/seq/n-", b"", sequence=True) for _ in range(3)]
        expect_equal(names, [ROOT + "/seq/n-%010d" % i for i in range(3)], "sequential names")
        self.client.create(ROOT + "/seq/plain")
        eph = self.client.create(ROOT + "/seq/e-", b"", ephemeral=True, sequence=True)
        expect_equal(eph, ROOT + "/seq/e-0000000004", "ephemeral sequential name")
        stat = self.client.exists(ROOT + "/seq")
        expect_equal((stat.cversion, stat.numChildren), (5, 5), "parent cversion/numChildren")

    def get_and_set_with_versions(self):
        """set with the right version bumps it; a stale version raises BadVersionError"""
        stat = self.client.set(ROOT + "/p", b"v1", version=0)
        expect_equal(stat.version, 1, "version after first set")
        stat = self.client.set(ROOT + "/p", b"v2")  # -1: any version
        expect_equal(stat.version, 2, "version after unconditional set")
        expect(stat.mzxid > stat.czxid, "mzxid did not advance")
        expect_raises(BadVersionError, lambda: self.client.set(ROOT + "/p", b"stale", version=1), "stale set")
        data, stat = self.client.get(ROOT + "/p")
        expect_equal((data, stat.version, stat.dataLength), (b"v2", 2, 2), "node after the rejected set")
        expect_raises(NoNodeError, lambda: self.client.get(ROOT + "/missing"), "get of a missing node")
        expect_raises(NoNodeError, lambda: self.client.set(ROOT + "/missing", b""), "set of a missing node")

    def empty_and_large_data(self):
        """empty data reads back as b'' and 100 KB round-trips intact"""
        self.client.create(ROOT + "/empty")
        expect_equal(self.client.get(ROOT + "/empty")[0], b"", "empty data")
        big = bytes(range(256)) * 400
        self.client.set(ROOT + "/empty", big)
        data, stat = self.client.get(ROOT + "/empty")
        expect(data == big, "100 KB data came back different (%d bytes)" % len(data))
        expect_equal(stat.dataLength, len(big), "dataLength")

    def exists_on_present_and_missing(self):
        """exists returns a stat for a node and None for a missing one"""
        expect(self.client.exists(ROOT + "/p") is not None, "exists() of a node is None")
        expect(self.client.exists(ROOT + "/nope") is None, "exists() of a missing node is not None")

    def exists_watch_fires_on_create(self):
        """a watch set by exists() on a missing node fires CREATED once"""
        events = []
        expect(self.client.exists(ROOT + "/later", watch=events.append) is None, "node exists already")
        self.client.create(ROOT + "/later", b"")
        wait_until(lambda: events, "CREATED event")
        expect_equal((events[0].type, events[0].path), (EventType.CREATED, ROOT + "/later"), "event")
        self.client.set(ROOT + "/later", b"again")
        self.client.sync(ROOT + "/later")
        self.client.exists(ROOT + "/later")  # a round trip after the change: a second event would be here
        expect_equal(len(events), 1, "number of events of a one-shot watch")

    def get_watch_fires_on_change_and_delete(self):
        """a data watch fires CHANGED on set, a second one fires DELETED on delete"""
        changed, deleted = [], []
        self.client.create(ROOT + "/w", b"0")
        self.client.get(ROOT + "/w", watch=changed.append)
        self.client.set(ROOT + "/w", b"1")
        wait_until(lambda: changed, "CHANGED event")
        expect_equal((changed[0].type, changed[0].path), (EventType.CHANGED, ROOT + "/w"), "event")
        self.client.get(ROOT + "/w", watch=deleted.append)
        self.client.delete(ROOT + "/w")
        wait_until(lambda: deleted, "DELETED event")
        expect_equal((deleted[0].type, deleted[0].path), (EventType.DELETED, ROOT + "/w"), "event")

    def get_children_watch_fires_on_child_change(self):
        """a get_children watch fires CHILD on a new child; include_data returns the parent's stat"""
        events = []
        self.client.create(ROOT + "/kids")
        children, stat = self.client.get_children(ROOT + "/kids", watch=events.append, include_data=True)
        expect_equal((children, stat.numChildren), ([], 0), "children of an empty node")
        self.client.create(ROOT + "/kids/one")
        wait_until(lambda: events, "CHILD event")
        expect_equal((events[0].type, events[0].path), (EventType.CHILD, ROOT + "/kids"), "event")
        self.client.set(ROOT + "/kids", b"data change is no child change")
        children, stat = self.client.get_children(ROOT + "/kids", include_data=True)
        expect_equal((children, stat.numChildren, stat.cversion), (["one"], 1, 1), "children after create")
        expect_equal(len(events), 1, "child watch fired on a data change")

    def other_session_sees_changes_and_watches(self):
        """a second session's watch fires on the first session's write"""
        other = self.new_client()
        events = []
        other.get(ROOT + "/p", watch=events.append)
        self.client.set(ROOT + "/p", b"from-first")
        wait_until(lambda: events, "other session's CHANGED event")
        expect_equal(events[0].type, EventType.CHANGED, "event type")
        expect_equal(other.get(ROOT + "/p")[0], b"from-first", "data seen by the other session")

    def data_watch_recipe_follows_changes(self):
        """DataWatch sees the initial data, every change, and the deletion"""
        self.client.create(ROOT + "/dw", b"a")
        seen = []

        @self.client.DataWatch(ROOT + "/dw")
        def on_data(data, stat, event):
            seen.append((data, stat.version if stat else None, event.type if event else None))

        wait_until(lambda: len(seen) >= 1, "DataWatch initial call")
        self.client.set(ROOT + "/dw", b"b")
        wait_until(lambda: len(seen) >= 2, "DataWatch after the first set")
        self.client.set(ROOT + "/dw", b"c")
        wait_until(lambda: len(seen) >= 3, "DataWatch after the second set")
        self.client.delete(ROOT + "/dw")
        wait_until(lambda: len(seen) >= 4, "DataWatch after delete")
        expect_equal(seen, [(b"a", 0, None), (b"b", 1, EventType.CHANGED), (b"c", 2, EventType.CHANGED),
                            (None, None, EventType.DELETED)], "DataWatch calls")

    def children_watch_recipe_follows_changes(self):
        """ChildrenWatch sees the initial children and every membership change"""
        self.client.create(ROOT + "/cw")
        seen = []

        @self.client.ChildrenWatch(ROOT + "/cw")
        def on_children(children):
            seen.append(sorted(children))

        wait_until(lambda: len(seen) >= 1, "ChildrenWatch initial call")
        self.client.create(ROOT + "/cw/x")
        wait_until(lambda: len(seen) >= 2, "ChildrenWatch after the first create")
        self.client.create(ROOT + "/cw/y")
        wait_until(lambda: len(seen) >= 3, "ChildrenWatch after the second create")
        self.client.delete(ROOT + "/cw/x")
        wait_until(lambda: len(seen) >= 4, "ChildrenWatch after delete")
        expect_equal(seen, [[], ["x"], ["x", "y"], ["y"]], "ChildrenWatch calls")

    def delete_with_versions_and_not_empty(self):
        """delete checks the version, refuses a parent with children, and deletes recursively"""
        self.client.create(ROOT + "/d/x/y", b"", makepath=True)
        self.client.set(ROOT + "/d", b"once")
        expect_raises(BadVersionError, lambda: self.client.delete(ROOT + "/d/x/y", version=3), "stale delete")
        expect_raises(NotEmptyError, lambda: self.client.delete(ROOT + "/d"), "delete of a parent")
        expect_raises(NoNodeError, lambda: self.client.delete(ROOT + "/d/none"), "delete of a missing node")
        self.client.delete(ROOT + "/d/x/y", version=0)
        self.client.delete(ROOT + "/d", recursive=True)
        expect(self.client.exists(ROOT + "/d") is None, "recursive delete left the node")

    def transaction_commits_all_ops(self):
        """a transaction (multi) applies create, set, check and delete together"""
        self.client.create(ROOT + "/tx")
        tx = self.client.transaction()
        tx.create(ROOT + "/tx/a", b"1")
        tx.create(ROOT + "/tx/b", b"2")
        tx.set_data(ROOT + "/tx/a", b"3")
        tx.check(ROOT + "/tx/a", 1)
        tx.delete(ROOT + "/tx/b")
        results = tx.commit()
        expect_equal(len(results), 5, "number of results: %r" % (results,))
        expect_equal(results[0:2], [ROOT + "/tx/a", ROOT + "/tx/b"], "create results")
        expect(isinstance(results[2], ZnodeStat) and results[2].version == 1, "set_data result %r" % (results[2],))
        expect_equal(results[3:], [True, True], "check and delete results")
        expect_equal(self.client.get(ROOT + "/tx/a")[0], b"3", "data after the transaction")
        expect_equal(self.client.get_children(ROOT + "/tx"), ["a"], "children after the transaction")

    def failing_transaction_rolls_back(self):
        """a failing transaction changes nothing and reports per-op results"""
        before = self.client.exists(ROOT + "/tx/a")
        tx = self.client.transaction()
        tx.create(ROOT + "/tx/c", b"")
        tx.set_data(ROOT + "/tx/a", b"lost")
        tx.check(ROOT + "/tx/a", 99)
        tx.delete(ROOT + "/tx/a")
        results = tx.commit()
        kinds = [type(r) for r in results]
        expect_equal(kinds, [RolledBackError, RolledBackError, BadVersionError, RuntimeInconsistency],
                     "per-op results of the failing transaction %r" % (results,))
        expect(self.client.exists(ROOT + "/tx/c") is None, "the rolled-back create is visible")
        data, after = self.client.get(ROOT + "/tx/a")
        expect_equal((data, after.version, after.mzxid), (b"3", before.version, before.mzxid), "node after rollback")

    def transaction_with_missing_node(self):
        """a transaction deleting a missing node fails with NoNodeError at that op"""
        tx = self.client.transaction()
        tx.create(ROOT + "/tx/d", b"")
        tx.delete(ROOT + "/tx/nothing")
        results = tx.commit()
        expect_equal([type(r) for r in results], [RolledBackError, NoNodeError], "results %r" % (results,))
        expect(self.client.exists(ROOT + "/tx/d") is None, "the rolled-back create is visible")

    def digest_acl_protects_node(self):
        """a digest ACL lets in only the right credential; others get NoAuthError"""
        owner = self.new_client()
        owner.add_auth("digest", "alice:secret")
        acl = make_digest_acl("alice", "secret", all=True)
        owner.create(ROOT + "/secure", b"top", acl=[acl, ACL(Permissions.READ, Id("world", "anyone"))])
        owner.create(ROOT + "/private", b"hidden", acl=[acl])
        owner.create(ROOT + "/private/kid", b"")
        expect_equal(owner.get(ROOT + "/private")[0], b"hidden", "owner reads")
        stranger = self.stranger = self.new_client()
        expect_raises(NoAuthError, lambda: stranger.get(ROOT + "/private"), "stranger reads")
        expect_raises(NoAuthError, lambda: stranger.set(ROOT + "/private", b"x"), "stranger writes")
        expect_raises(NoAuthError, lambda: stranger.get_acls(ROOT + "/private"), "stranger reads the ACL")
        # deleting needs DELETE on the parent, not on the node itself
        expect_raises(NoAuthError, lambda: stranger.delete(ROOT + "/private/kid"), "stranger deletes a child")
        expect_equal(stranger.get(ROOT + "/secure")[0], b"top", "world-readable node")
        expect_raises(NoAuthError, lambda: stranger.set(ROOT + "/secure", b"x"), "stranger writes a readable node")
        expect_raises(NoAuthError, lambda: stranger.create(ROOT + "/secure/kid"), "stranger creates a child")
        wrong = self.new_client()
        wrong.add_auth("digest", "alice:wrong")
        expect_raises(NoAuthError, lambda: wrong.get(ROOT + "/private"), "wrong password reads")
        friend = self.friend = self.new_client()
        friend.add_auth("digest", "alice:secret")
        friend.set(ROOT + "/private", b"changed")
        expect_equal(owner.get(ROOT + "/private")[0], b"changed", "friend's write seen by the owner")

    def get_acls_shows_and_masks_digest(self):
        """get_acls shows the digest id to ADMIN and masks the hash for readers only"""
        acls, stat = self.friend.get_acls(ROOT + "/secure")
        expected_id = make_digest_acl_credential("alice", "secret")
        expect_equal(acls, [ACL(Permissions.ALL, Id("digest", expected_id)), ACL(Permissions.READ,
                     Id("world", "anyone"))], "ACLs seen by the admin")
        expect_equal(stat.aversion, 0, "aversion")
        acls, _ = self.stranger.get_acls(ROOT + "/secure")
        expect_equal(acls, [ACL(Permissions.ALL, Id("digest", "alice:x")), ACL(Permissions.READ,
                     Id("world", "anyone"))], "ACLs seen by a reader")

    def set_acls_with_versions(self):
        """set_acls checks the ACL version and bumps aversion"""
        friend, stranger = self.friend, self.stranger
        expect_raises(BadVersionError, lambda: friend.set_acls(ROOT + "/secure", OPEN_ACL_UNSAFE, version=5),
                      "stale set_acls")
        stat = friend.set_acls(ROOT + "/secure", OPEN_ACL_UNSAFE, version=0)
        expect_equal(stat.aversion, 1, "aversion after set_acls")
        stranger.set(ROOT + "/secure", b"open now")
        expect_equal(stranger.get_acls(ROOT + "/secure")[0], OPEN_ACL_UNSAFE, "ACLs after set_acls")

    def creator_acl_needs_authentication(self):
        """CREATOR_ALL_ACL takes the creator's digest id, and is invalid without authentication"""
        friend = self.friend
        friend.create(ROOT + "/mine", b"", acl=CREATOR_ALL_ACL)
        acls, _ = friend.get_acls(ROOT + "/mine")
        expect_equal(acls, [ACL(Permissions.ALL, Id("digest", make_digest_acl_credential("alice", "secret")))],
                     "ACL made from 'auth'")
        expect_raises(InvalidACLError, lambda: self.client.create(ROOT + "/notmine", acl=CREATOR_ALL_ACL),
                      "CREATOR_ALL_ACL without authentication")

    def lock_recipe_excludes_and_hands_over(self):
        """Lock: one holder at a time; the waiter gets it on release"""
        first, second = self.new_client(), self.new_client()
        lock1 = first.Lock(ROOT + "/lock", "first")
        lock2 = second.Lock(ROOT + "/lock", "second")
        expect(lock1.acquire(timeout=WAIT), "first could not take a free lock")
        expect(not lock2.acquire(blocking=False), "second took a held lock")
        expect_equal(lock1.contenders(), ["first"], "contenders while held")
        got = threading.Event()

        def wait_for_lock():
            if lock2.acquire(timeout=WAIT):
                got.set()

        waiter = threading.Thread(target=wait_for_lock, daemon=True)
        waiter.start()
        wait_until(lambda: len(lock1.contenders()) == 2, "the waiter to queue")
        expect_equal(lock1.contenders(), ["first", "second"], "contenders in queue order")
        expect(not got.is_set(), "second got the lock while first held it")
        lock1.release()
        expect(got.wait(WAIT), "second did not get the released lock")
        expect_equal(lock2.contenders(), ["second"], "contenders after hand-over")
        lock2.release()
        expect_equal(first.get_children(ROOT + "/lock"), [], "lock nodes left after release")

    def lock_released_when_holder_session_closes(self):
        """Lock: a holder that disconnects loses the lock (its ephemeral node goes)"""
        holder, other = self.new_client(), self.new_client()
        expect(holder.Lock(ROOT + "/lock2", "holder").acquire(timeout=WAIT), "holder could not lock")
        contender = other.Lock(ROOT + "/lock2", "other")
        holder.stop()
        expect(contender.acquire(timeout=WAIT), "lock not free after the holder's session closed")
        contender.release()

    def election_recipe_elects_one_leader(self):
        """Election: the first contender leads; the second leads once the first resigns"""
        first, second = self.new_client(), self.new_client()
        e1 = first.Election(ROOT + "/election", "one")
        e2 = second.Election(ROOT + "/election", "two")
        leading, resign1 = [], threading.Event()

        def lead(name, resign):
            leading.append(name)
            resign.wait(WAIT)

        t1 = threading.Thread(target=e1.run, args=(lead, "one", resign1), daemon=True)
        t1.start()
        wait_until(lambda: leading == ["one"], "the first leader")
        resign2 = threading.Event()
        t2 = threading.Thread(target=e2.run, args=(lead, "two", resign2), daemon=True)
        t2.start()
        wait_until(lambda: len(e1.contenders()) == 2, "the second contender")
        expect_equal(e1.contenders(), ["one", "two"], "contenders")
        expect_equal(leading, ["one"], "leaders while the first leads")
        resign1.set()
        wait_until(lambda: leading == ["one", "two"], "the second leader")
        resign2.set()
        t1.join(WAIT)
        t2.join(WAIT)
        expect(not t1.is_alive() and not t2.is_alive(), "election threads did not finish")

    def counter_recipe_counts_across_sessions(self):
        """Counter: increments and decrements from two sessions add up"""
        a = self.new_client().Counter(ROOT + "/counter")
        b = self.client.Counter(ROOT + "/counter")
        a += 5
        b += 3
        a -= 2
        expect_equal((a.value, b.value), (6, 6), "counter seen by both sessions")
        expect_equal(a.pre_value, 8, "value before the last change")

    def queue_recipe_is_fifo(self):
        """Queue: items come out in put order, across sessions"""
        producer = self.client.Queue(ROOT + "/queue")
        consumer = self.new_client().Queue(ROOT + "/queue")
        for item in (b"a", b"b", b"c"):
            producer.put(item)
        expect_equal(len(consumer), 3, "queue length")
        expect_equal([consumer.get() for _ in range(3)], [b"a", b"b", b"c"], "dequeue order")
        expect(consumer.get() is None, "empty queue returned an item")

    def system_nodes_exist(self):
        """/zookeeper holds config and quota"""
        expect_equal(sorted(self.client.get_children("/zookeeper")), ["config", "quota"], "children of /zookeeper")
        expect(self.client.exists("/zookeeper/quota") is not None, "/zookeeper/quota is missing")

    def chroot_client_sees_relative_paths(self):
        """a chrooted client (HOST:PORT/chroot) reads, writes and watches below its root"""
        self.client.create(ROOT + "/chroot/inner", b"in", makepath=True)
        jailed = self.new_client(hosts=self.hosts + ROOT + "/chroot")
        expect_equal(jailed.get("/inner")[0], b"in", "data through the chroot")
        expect_equal(jailed.create("/made", b""), "/made", "path returned through the chroot")
        events = []
        jailed.get_children("/", watch=events.append)
        self.client.create(ROOT + "/chroot/third")
        wait_until(lambda: events, "CHILD event through the chroot")
        expect_equal((events[0].type, events[0].path), (EventType.CHILD, "/"), "event through the chroot")
        expect_equal(sorted(jailed.get_children("/")), ["inner", "made", "third"], "children through the chroot")
        jailed.stop()

    def many_children(self):
        """get_children lists 500 children, and numChildren agrees"""
        self.client.create(ROOT + "/many")
        tx_size = 100
        for start in range(0, 500, tx_size):
            tx = self.client.transaction()
            for i in range(start, start + tx_size):
                tx.create(ROOT + "/many/child-%04d" % i)
            results = tx.commit()
            expect(all(isinstance(r, str) for r in results), "a batch of creates failed: %r" % (results[:3],))
        children, stat = self.client.get_children(ROOT + "/many", include_data=True)
        expect_equal(sorted(children), ["child-%04d" % i for i in range(500)], "children")
        expect_equal((stat.numChildren, stat.cversion), (500, 500), "numChildren/cversion")

    def tree_cache_recipe_mirrors_a_subtree(self):
        """TreeCache mirrors a subtree and reports added, updated and removed nodes"""
        from kazoo.recipe.cache import TreeCache, TreeEvent
        self.client.create(ROOT + "/tree/a", b"1", makepath=True)
        cache = TreeCache(self.client, ROOT + "/tree")
        events = []
        cache.listen(lambda event: events.append((event.event_type, event.event_data.path if event.event_data
                                                  else None)))
        cache.start()
        initialized = (TreeEvent.INITIALIZED, None)
        wait_until(lambda: initialized in events, "TreeCache to initialise")
        expect_equal(cache.get_data(ROOT + "/tree/a").data, b"1", "cached data")
        self.client.create(ROOT + "/tree/b/c", b"2", makepath=True)
        wait_until(lambda: cache.get_data(ROOT + "/tree/b/c") is not None, "TreeCache to see a new grandchild")
        self.client.set(ROOT + "/tree/a", b"changed")
        wait_until(lambda: (TreeEvent.NODE_UPDATED, ROOT + "/tree/a") in events, "TreeCache NODE_UPDATED")
        expect_equal(cache.get_data(ROOT + "/tree/a").data, b"changed", "cached data after set")
        self.client.delete(ROOT + "/tree/b", recursive=True)
        wait_until(lambda: cache.get_data(ROOT + "/tree/b") is None, "TreeCache to drop a removed node")
        expect((TreeEvent.NODE_REMOVED, ROOT + "/tree/b/c") in events, "no NODE_REMOVED for the grandchild")
        expect_equal(sorted(cache.get_children(ROOT + "/tree")), ["a"], "cached children")
        cache.close()

    def semaphore_recipe_limits_holders(self):
        """Semaphore: at most max_leases holders at once"""
        clients = [self.new_client() for _ in range(3)]
        sems = [c.Semaphore(ROOT + "/sem", identifier="holder-%d" % i, max_leases=2) for i, c in enumerate(clients)]
        expect(sems[0].acquire(timeout=WAIT) and sems[1].acquire(timeout=WAIT), "two holders could not acquire")
        expect(not sems[2].acquire(blocking=False), "a third holder got a 2-lease semaphore")
        expect_equal(sorted(sems[0].lease_holders()), ["holder-0", "holder-1"], "lease holders")
        sems[0].release()
        expect(sems[2].acquire(timeout=WAIT), "the third holder did not get the freed lease")
        expect_equal(sorted(sems[1].lease_holders()), ["holder-1", "holder-2"], "lease holders after hand-over")
        sems[1].release()
        sems[2].release()

    def barrier_recipe_releases_waiters(self):
        """Barrier: a waiter blocks while the barrier stands and continues once it is removed"""
        barrier = self.client.Barrier(ROOT + "/barrier")
        barrier.create()
        waiter_barrier = self.new_client().Barrier(ROOT + "/barrier")
        expect(not waiter_barrier.wait(timeout=0.2), "wait() passed a standing barrier")
        passed = threading.Event()
        waiter = threading.Thread(target=lambda: waiter_barrier.wait(timeout=WAIT) and passed.set(), daemon=True)
        waiter.start()
        barrier.remove()
        expect(passed.wait(WAIT), "the waiter did not pass the removed barrier")

    def crashed_session_expires(self):
        """a client that dies without closing loses its ephemerals when its session times out"""
        import subprocess
        child = subprocess.run([sys.executable, "-c", CRASHING_CLIENT, self.hosts, ROOT + "/crashed"],
                               capture_output=True, timeout=WAIT * 3, text=True)
        expect_equal(child.returncode, 0, "crashing client exit status (output: %r %r)" % (child.stdout,
                                                                                         child.stderr))
        session_id = int(child.stdout.strip(), 16)
        stat = self.client.exists(ROOT + "/crashed")
        if stat is not None:  # the session may already be gone: that is the expectation too
            expect_equal(stat.ephemeralOwner, session_id, "owner of the crashed client's ephemeral")
            events = []
            if self.client.exists(ROOT + "/crashed", watch=events.append) is not None:
                wait_until(lambda: events, "the crashed session to expire (DELETED event)")
                expect_equal(events[0].type, EventType.DELETED, "event when the session expired")
        expect(self.client.exists(ROOT + "/crashed") is None, "ephemeral outlived its expired session")

    def ephemeral_vanishes_when_session_stops(self):
        """closing a session removes its ephemerals and fires the watchers of others"""
        watcher_client = self.new_client()
        events = []
        expect(watcher_client.exists(ROOT + "/eph", watch=events.append) is not None, "ephemeral is gone early")
        self.client.stop()
        expect_equal(self.states[-1], KazooState.LOST, "state after stop()")
        wait_until(lambda: events, "DELETED event for the ephemeral")
        expect_equal(events[0].type, EventType.DELETED, "event")
        expect(watcher_client.exists(ROOT + "/eph") is None, "ephemeral outlived its session")
        expect(watcher_client.exists(ROOT + "/seq/e-0000000004") is None, "ephemeral sequential outlived")
        expect(watcher_client.exists(ROOT + "/p") is not None, "a persistent node went with the session")


CHECKS = [
    Suite.connect_and_see_connected_state,
    Suite.four_letter_words_and_server_version,
    Suite.root_has_zookeeper_node,
    Suite.ensure_path_creates_all_parents,
    Suite.create_persistent_with_data_and_stat,
    Suite.create2_returns_stat,
    Suite.create_existing_fails,
    Suite.create_without_parent_fails_unless_makepath,
    Suite.ephemeral_belongs_to_session,
    Suite.sequence_nodes_number_from_parent_cversion,
    Suite.get_and_set_with_versions,
    Suite.empty_and_large_data,
    Suite.exists_on_present_and_missing,
    Suite.exists_watch_fires_on_create,
    Suite.get_watch_fires_on_change_and_delete,
    Suite.get_children_watch_fires_on_child_change,
    Suite.other_session_sees_changes_and_watches,
    Suite.data_watch_recipe_follows_changes,
    Suite.children_watch_recipe_follows_changes,
    Suite.delete_with_versions_and_not_empty,
    Suite.transaction_commits_all_ops,
    Suite.failing_transaction_rolls_back,
    Suite.transaction_with_missing_node,
    Suite.digest_acl_protects_node,
    Suite.get_acls_shows_and_masks_digest,
    Suite.set_acls_with_versions,
    Suite.creator_acl_needs_authentication,
    Suite.lock_recipe_excludes_and_hands_over,
    Suite.lock_released_when_holder_session_closes,
    Suite.election_recipe_elects_one_leader,
    Suite.counter_recipe_counts_across_sessions,
    Suite.queue_recipe_is_fifo,
    Suite.system_nodes_exist,
    Suite.chroot_client_sees_relative_paths,
    Suite.many_children,
    Suite.tree_cache_recipe_mirrors_a_subtree,
    Suite.semaphore_recipe_limits_holders,
    Suite.barrier_recipe_releases_waiters,
    Suite.crashed_session_expires,
    Suite.ephemeral_vanishes_when_session_stops,
]


def main(argv):
    if len(argv) != 2:
        print("usage: kazoo_suite.py HOST:PORT", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    suite = Suite(argv[1])
    try:
        for check in CHECKS:
            name = check.__name__
            try:
                check(suite)
            except Exception as failure:
                print("FAIL %s (%s): %s" % (name, check.__doc__, failure), flush=True)
                traceback.print_exc(file=sys.stdout)
                sys.stdout.flush()
                return 1
            print("ok   %s: %s" % (name, check.__doc__), flush=True)
    finally:
        suite.close_all()
    print("kazoo suite: all %d checks passed" % len(CHECKS), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
