/*
 * Exercises a ZooKeeper-compatible server with the official C client (libzookeeper_mt), exactly as a C
 * application would.
 *
 * Build: gcc -std=gnu11 -Wall -DTHREADED -o c_client_suite c_client_suite.c -lzookeeper_mt -lcrypto -lpthread
 * (THREADED declares the synchronous API of the multi-threaded library.)
 * Usage: ./c_client_suite HOST:PORT
 *
 * Prints "ok   <check>" per passed check and stops at the first failure with "FAIL <check>: <why>" and
 * exit status 1. Every expectation holds for Apache ZooKeeper 3.9; the server must start empty.
 */
#ifndef THREADED
#define THREADED
#endif
#include <zookeeper/zookeeper.h>

#include <errno.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WAIT_SECONDS 10
#define ROOT "/polyglot-c"
#define MAX_EVENTS 64
#define TICK_MS 200 /* both test servers run with this tick (TestServers.TICK_TIME) */

static const char *current_check = "startup";
static int checks_passed = 0;

static void fail(const char *format, ...) {
    va_list args;
    va_start(args, format);
    printf("FAIL %s: ", current_check);
    vprintf(format, args);
    printf("\n");
    va_end(args);
    fflush(stdout);
    exit(1);
}

static void begin(const char *name) {
    current_check = name;
}

static void passed(void) {
    printf("ok   %s\n", current_check);
    fflush(stdout);
    checks_passed++;
}

/* Fails unless a call returned the expected ZooKeeper code; names both codes so a diff is readable. */
static void expect_rc(int actual, int expected, const char *what) {
    if (actual != expected) {
        fail("%s: expected %d (%s) but was %d (%s)", what, expected, zerror(expected), actual, zerror(actual));
    }
}

static void expect_int(long long actual, long long expected, const char *what) {
    if (actual != expected) {
        fail("%s: expected %lld but was %lld", what, expected, actual);
    }
}

static void expect_str(const char *actual, const char *expected, const char *what) {
    if (actual == NULL || strcmp(actual, expected) != 0) {
        fail("%s: expected \"%s\" but was \"%s\"", what, expected, actual ? actual : "(null)");
    }
}

static void expect_true(int condition, const char *what) {
    if (!condition) {
        fail("%s", what);
    }
}

/* ---- watch events, recorded by the client's event thread and awaited by the checks ---- */

struct event {
    int type;
    int state;
    char path[256];
    const char *tag; /* the watcher context: which watch fired */
};

static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t events_changed = PTHREAD_COND_INITIALIZER;
static struct event events[MAX_EVENTS];
static int event_count = 0;

static void record(int type, int state, const char *path, const char *tag) {
    pthread_mutex_lock(&events_lock);
    if (event_count < MAX_EVENTS) {
        struct event *e = &events[event_count++];
        e->type = type;
        e->state = state;
        snprintf(e->path, sizeof(e->path), "%s", path ? path : "");
        e->tag = tag;
    }
    pthread_cond_broadcast(&events_changed);
    pthread_mutex_unlock(&events_lock);
}

static void session_watcher(zhandle_t *zh, int type, int state, const char *path, void *ctx) {
    (void)zh;
    record(type, state, path, ctx ? (const char *)ctx : "default");
}

static void tagged_watcher(zhandle_t *zh, int type, int state, const char *path, void *ctx) {
    (void)zh;
    record(type, state, path, (const char *)ctx);
}

static int count_events(const char *tag) {
    int n = 0;
    pthread_mutex_lock(&events_lock);
    for (int i = 0; i < event_count; i++) {
        if (strcmp(events[i].tag, tag) == 0) {
            n++;
        }
    }
    pthread_mutex_unlock(&events_lock);
    return n;
}

#define ANY_TYPE (-1000)

/* Waits for the first event with this tag (and type, unless ANY_TYPE); fails the check after WAIT_SECONDS. */
static struct event await_event_of(const char *tag, int type) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += WAIT_SECONDS;
    pthread_mutex_lock(&events_lock);
    for (;;) {
        for (int i = 0; i < event_count; i++) {
            if (strcmp(events[i].tag, tag) == 0 && (type == ANY_TYPE || events[i].type == type)) {
                struct event found = events[i];
                pthread_mutex_unlock(&events_lock);
                return found;
            }
        }
        if (pthread_cond_timedwait(&events_changed, &events_lock, &deadline) == ETIMEDOUT) {
            pthread_mutex_unlock(&events_lock);
            fail("timed out after %ds waiting for the '%s' watch to fire (type %d)", WAIT_SECONDS, tag, type);
        }
    }
}

/* Waits until `count` events with this tag, type and state have arrived; fails the check after WAIT_SECONDS. */
static void await_events(const char *tag, int type, int state, int count, const char *what) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += WAIT_SECONDS;
    pthread_mutex_lock(&events_lock);
    for (;;) {
        int seen = 0;
        for (int i = 0; i < event_count; i++) {
            if (strcmp(events[i].tag, tag) == 0 && events[i].type == type && events[i].state == state) {
                seen++;
            }
        }
        if (seen >= count) {
            pthread_mutex_unlock(&events_lock);
            return;
        }
        if (pthread_cond_timedwait(&events_changed, &events_lock, &deadline) == ETIMEDOUT) {
            pthread_mutex_unlock(&events_lock);
            fail("timed out after %ds waiting for %s ('%s' saw %d of %d)", WAIT_SECONDS, what, tag, seen, count);
        }
    }
}

static struct event await_event(const char *tag) {
    return await_event_of(tag, ANY_TYPE);
}

static void await_connected(const char *tag) {
    struct event e = await_event(tag);
    expect_int(e.type, ZOO_SESSION_EVENT, "type of the first event");
    expect_int(e.state, ZOO_CONNECTED_STATE, "state of the first event");
}

static zhandle_t *connect_as(const char *hosts, const char *tag) {
    zhandle_t *zh = zookeeper_init(hosts, session_watcher, 10000, NULL, (void *)tag, 0);
    if (zh == NULL) {
        fail("zookeeper_init(%s) failed: %s", hosts, strerror(errno));
    }
    await_connected(tag);
    expect_int(zoo_state(zh), ZOO_CONNECTED_STATE, "zoo_state after connecting");
    return zh;
}

/* ---- waiting for completions (add_auth, sync) that the C client reports from its own thread ---- */

struct auth_result {
    pthread_mutex_t lock;
    pthread_cond_t done;
    int finished;
    int rc;
};

static void auth_completion(int rc, const void *data) {
    struct auth_result *r = (struct auth_result *)data;
    pthread_mutex_lock(&r->lock);
    r->rc = rc;
    r->finished = 1;
    pthread_cond_broadcast(&r->done);
    pthread_mutex_unlock(&r->lock);
}

static void sync_completion(int rc, const char *value, const void *data) {
    (void)value;
    auth_completion(rc, data);
}

static int await_completion(struct auth_result *r, const char *what) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += WAIT_SECONDS;
    pthread_mutex_lock(&r->lock);
    while (!r->finished) {
        if (pthread_cond_timedwait(&r->done, &r->lock, &deadline) == ETIMEDOUT) {
            pthread_mutex_unlock(&r->lock);
            fail("timed out waiting for the %s answer", what);
        }
    }
    pthread_mutex_unlock(&r->lock);
    return r->rc;
}

static int add_digest_auth(zhandle_t *zh, const char *user_password) {
    struct auth_result r = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
    int rc = zoo_add_auth(zh, "digest", user_password, (int)strlen(user_password), auth_completion, &r);
    if (rc != ZOK) {
        return rc;
    }
    return await_completion(&r, "add_auth");
}

/* The id ZooKeeper's digest scheme derives from "user:password": user ":" base64(sha1("user:password")). */
static void digest_id(const char *user, const char *password, char *out, size_t out_len) {
    char plain[256];
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int hash_len = 0;
    unsigned char encoded[64];
    snprintf(plain, sizeof(plain), "%s:%s", user, password);
    if (!EVP_Digest(plain, strlen(plain), hash, &hash_len, EVP_sha1(), NULL)) {
        fail("SHA-1 failed");
    }
    EVP_EncodeBlock(encoded, hash, (int)hash_len);
    snprintf(out, out_len, "%s:%s", user, (const char *)encoded);
}

static int same_stat(const struct Stat *a, const struct Stat *b) {
    return a->czxid == b->czxid && a->mzxid == b->mzxid && a->ctime == b->ctime && a->mtime == b->mtime
           && a->version == b->version && a->cversion == b->cversion && a->aversion == b->aversion
           && a->ephemeralOwner == b->ephemeralOwner && a->dataLength == b->dataLength
           && a->numChildren == b->numChildren && a->pzxid == b->pzxid;
}

static int contains(const struct String_vector *names, const char *name) {
    for (int i = 0; i < names->count; i++) {
        if (strcmp(names->data[i], name) == 0) {
            return 1;
        }
    }
    return 0;
}

/* ---- the checks ---- */

static zhandle_t *zh;

static void check_connect(const char *hosts) {
    begin("zookeeper_init connects and the watcher sees CONNECTED_STATE");
    zh = connect_as(hosts, "main-session");
    const clientid_t *id = zoo_client_id(zh);
    expect_true(id->client_id != 0, "session id is 0");
    expect_true(zoo_recv_timeout(zh) > 0, "negotiated timeout is not positive");
    passed();
}

static void check_root(void) {
    begin("zoo_get_children of / lists only zookeeper");
    struct String_vector children;
    expect_rc(zoo_get_children(zh, "/", 0, &children), ZOK, "zoo_get_children /");
    expect_int(children.count, 1, "number of children of /");
    expect_str(children.data[0], "zookeeper", "child of /");
    deallocate_String_vector(&children);
    passed();
}

static void check_create_and_errors(void) {
    begin("zoo_create persistent; ZNODEEXISTS on a duplicate; ZNONODE without a parent");
    char created[256];
    expect_rc(zoo_create(zh, ROOT, "root", 4, &ZOO_OPEN_ACL_UNSAFE, ZOO_PERSISTENT, created, sizeof(created)), ZOK,
              "create " ROOT);
    expect_str(created, ROOT, "created path");
    expect_rc(zoo_create(zh, ROOT, "again", 5, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZNODEEXISTS, "duplicate create");
    expect_rc(zoo_create(zh, ROOT "/no/parent", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZNONODE,
              "create without parent");
    passed();
}

static void check_create2_stat(void) {
    begin("zoo_create2 returns the new node's stat");
    char created[256];
    struct Stat stat;
    expect_rc(zoo_create2(zh, ROOT "/c2", "abc", 3, &ZOO_OPEN_ACL_UNSAFE, 0, created, sizeof(created), &stat), ZOK,
              "create2");
    expect_str(created, ROOT "/c2", "created path");
    expect_int(stat.version, 0, "version");
    expect_int(stat.dataLength, 3, "dataLength");
    expect_int(stat.numChildren, 0, "numChildren");
    expect_int(stat.ephemeralOwner, 0, "ephemeralOwner");
    expect_true(stat.czxid == stat.mzxid && stat.czxid == stat.pzxid, "czxid, mzxid and pzxid differ");
    struct Stat again;
    expect_rc(zoo_exists(zh, ROOT "/c2", 0, &again), ZOK, "exists");
    expect_true(same_stat(&stat, &again), "create2 stat differs from exists stat");
    passed();
}

static void check_sequence_and_ephemeral(void) {
    begin("ZOO_SEQUENCE and ZOO_EPHEMERAL|ZOO_SEQUENCE names count from the parent's cversion");
    char name[256];
    expect_rc(zoo_create(zh, ROOT "/seq", NULL, -1, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZOK, "create parent");
    expect_rc(zoo_create(zh, ROOT "/seq/n-", "", 0, &ZOO_OPEN_ACL_UNSAFE, ZOO_SEQUENCE, name, sizeof(name)), ZOK,
              "sequential create");
    expect_str(name, ROOT "/seq/n-0000000000", "first sequential name");
    expect_rc(zoo_create(zh, ROOT "/seq/n-", "", 0, &ZOO_OPEN_ACL_UNSAFE, ZOO_SEQUENCE, name, sizeof(name)), ZOK,
              "sequential create");
    expect_str(name, ROOT "/seq/n-0000000001", "second sequential name");
    expect_rc(zoo_create(zh, ROOT "/seq/e-", "eph", 3, &ZOO_OPEN_ACL_UNSAFE, ZOO_EPHEMERAL | ZOO_SEQUENCE, name,
                         sizeof(name)), ZOK, "ephemeral sequential create");
    expect_str(name, ROOT "/seq/e-0000000002", "ephemeral sequential name");
    struct Stat stat;
    expect_rc(zoo_exists(zh, name, 0, &stat), ZOK, "exists of the ephemeral");
    expect_int(stat.ephemeralOwner, zoo_client_id(zh)->client_id, "ephemeralOwner");
    expect_rc(zoo_create(zh, ROOT "/seq/e-0000000002/kid", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0),
              ZNOCHILDRENFOREPHEMERALS, "child of an ephemeral");
    expect_rc(zoo_create(zh, ROOT "/eph", "e", 1, &ZOO_OPEN_ACL_UNSAFE, ZOO_EPHEMERAL, name, sizeof(name)), ZOK,
              "plain ephemeral create");
    expect_str(name, ROOT "/eph", "ephemeral name");
    passed();
}

static void check_get(void) {
    begin("zoo_get returns data and stat; ZNONODE for a missing node");
    char buffer[64];
    int len = sizeof(buffer);
    struct Stat stat;
    expect_rc(zoo_get(zh, ROOT, 0, buffer, &len, &stat), ZOK, "get " ROOT);
    expect_int(len, 4, "data length");
    expect_true(memcmp(buffer, "root", 4) == 0, "data is not \"root\"");
    expect_int(stat.dataLength, 4, "stat.dataLength");
    expect_int(stat.numChildren, 3, "stat.numChildren");
    len = sizeof(buffer);
    expect_rc(zoo_get(zh, ROOT "/missing", 0, buffer, &len, &stat), ZNONODE, "get of a missing node");
    /* A node created with no data (NULL, -1) reads back as NULL data, length -1, unlike empty data. */
    len = sizeof(buffer);
    expect_rc(zoo_get(zh, ROOT "/seq", 0, buffer, &len, &stat), ZOK, "get of a node created with NULL data");
    expect_int(len, -1, "length of NULL data");
    expect_int(stat.dataLength, 0, "dataLength of NULL data");
    len = sizeof(buffer);
    expect_rc(zoo_get(zh, ROOT "/seq/n-0000000000", 0, buffer, &len, &stat), ZOK, "get of empty data");
    expect_int(len, 0, "length of empty data");
    /* a buffer smaller than the data gets a truncated copy */
    len = 2;
    expect_rc(zoo_get(zh, ROOT, 0, buffer, &len, &stat), ZOK, "get into a small buffer");
    expect_int(len, 2, "truncated length");
    expect_true(memcmp(buffer, "ro", 2) == 0, "truncated data");
    passed();
}

static void check_set_versions(void) {
    begin("zoo_set checks the version; ZBADVERSION on a stale one; zoo_set2 returns the stat");
    expect_rc(zoo_set(zh, ROOT, "v1", 2, 0), ZOK, "set with version 0");
    expect_rc(zoo_set(zh, ROOT, "stale", 5, 0), ZBADVERSION, "set with stale version 0");
    struct Stat stat;
    expect_rc(zoo_set2(zh, ROOT, "v2", 2, 1, &stat), ZOK, "set2 with version 1");
    expect_int(stat.version, 2, "version after two sets");
    expect_int(stat.dataLength, 2, "dataLength after set");
    expect_true(stat.mzxid > stat.czxid, "mzxid did not advance");
    expect_rc(zoo_set(zh, ROOT, "any", 3, -1), ZOK, "set with version -1");
    expect_rc(zoo_set(zh, ROOT "/missing", "x", 1, -1), ZNONODE, "set of a missing node");
    char buffer[16];
    int len = sizeof(buffer);
    expect_rc(zoo_get(zh, ROOT, 0, buffer, &len, &stat), ZOK, "get after sets");
    expect_int(len, 3, "length after sets");
    expect_true(memcmp(buffer, "any", 3) == 0, "data after sets");
    expect_int(stat.version, 3, "version after three sets");
    passed();
}

static void check_exists_watch(void) {
    begin("zoo_wexists on a missing node: ZNONODE, then the watcher fires CREATED");
    struct Stat stat;
    expect_rc(zoo_wexists(zh, ROOT "/later", tagged_watcher, "exists-watch", &stat), ZNONODE, "wexists");
    expect_rc(zoo_create(zh, ROOT "/later", "x", 1, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZOK, "create");
    struct event e = await_event("exists-watch");
    expect_int(e.type, ZOO_CREATED_EVENT, "event type");
    expect_int(e.state, ZOO_CONNECTED_STATE, "event state");
    expect_str(e.path, ROOT "/later", "event path");
    /* one-shot: a second change after a full round trip brings no second event */
    expect_rc(zoo_set(zh, ROOT "/later", "y", 1, -1), ZOK, "set");
    expect_rc(zoo_exists(zh, ROOT "/later", 0, &stat), ZOK, "exists round trip");
    expect_int(count_events("exists-watch"), 1, "events of a one-shot watch");
    passed();

    begin("zoo_exists with watch=1 sends CHANGED to the session watcher");
    expect_rc(zoo_exists(zh, ROOT "/later", 1, &stat), ZOK, "exists with the default watcher");
    expect_rc(zoo_set(zh, ROOT "/later", "z", 1, -1), ZOK, "set");
    e = await_event_of("main-session", ZOO_CHANGED_EVENT);
    expect_str(e.path, ROOT "/later", "event path");
    expect_int(e.state, ZOO_CONNECTED_STATE, "event state");
    passed();
}

static void check_get_watch(void) {
    begin("zoo_wget watch fires CHANGED on set and DELETED on delete");
    char buffer[16];
    int len = sizeof(buffer);
    expect_rc(zoo_create(zh, ROOT "/w", "0", 1, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZOK, "create");
    expect_rc(zoo_wget(zh, ROOT "/w", tagged_watcher, "get-watch-1", buffer, &len, NULL), ZOK, "wget");
    expect_rc(zoo_set(zh, ROOT "/w", "1", 1, -1), ZOK, "set");
    struct event e = await_event("get-watch-1");
    expect_int(e.type, ZOO_CHANGED_EVENT, "event type");
    expect_str(e.path, ROOT "/w", "event path");
    len = sizeof(buffer);
    expect_rc(zoo_wget(zh, ROOT "/w", tagged_watcher, "get-watch-2", buffer, &len, NULL), ZOK, "wget");
    expect_rc(zoo_delete(zh, ROOT "/w", -1), ZOK, "delete");
    e = await_event("get-watch-2");
    expect_int(e.type, ZOO_DELETED_EVENT, "event type");
    expect_str(e.path, ROOT "/w", "event path");
    passed();
}

static void check_children(void) {
    begin("zoo_get_children2 lists children with the parent's stat; its watch fires CHILD");
    expect_rc(zoo_create(zh, ROOT "/kids", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZOK, "create parent");
    expect_rc(zoo_create(zh, ROOT "/kids/a", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZOK, "create a");
    expect_rc(zoo_create(zh, ROOT "/kids/b", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZOK, "create b");
    struct String_vector children;
    struct Stat stat;
    expect_rc(zoo_wget_children2(zh, ROOT "/kids", tagged_watcher, "child-watch", &children, &stat), ZOK,
              "wget_children2");
    expect_int(children.count, 2, "number of children");
    expect_true(contains(&children, "a") && contains(&children, "b"), "children are not a and b");
    expect_int(stat.numChildren, 2, "numChildren");
    expect_int(stat.cversion, 2, "cversion");
    deallocate_String_vector(&children);
    expect_rc(zoo_set(zh, ROOT "/kids", "data", 4, -1), ZOK, "set of the parent");
    expect_rc(zoo_create(zh, ROOT "/kids/c", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZOK, "create c");
    struct event e = await_event("child-watch");
    expect_int(e.type, ZOO_CHILD_EVENT, "event type (a data change must not fire a child watch)");
    expect_str(e.path, ROOT "/kids", "event path");
    expect_rc(zoo_get_children2(zh, ROOT "/kids", 0, &children, &stat), ZOK, "get_children2");
    expect_int(children.count, 3, "number of children after create");
    expect_int(stat.cversion, 3, "cversion after create");
    expect_int(stat.version, 1, "version of the parent after its set");
    deallocate_String_vector(&children);
    expect_rc(zoo_get_children2(zh, ROOT "/none", 0, &children, &stat), ZNONODE, "children of a missing node");
    passed();
}

static void check_delete(void) {
    begin("zoo_delete: ZNOTEMPTY for a parent, ZBADVERSION for a stale version, ZNONODE when missing");
    expect_rc(zoo_delete(zh, ROOT "/kids", -1), ZNOTEMPTY, "delete of a parent");
    expect_rc(zoo_delete(zh, ROOT "/kids/a", 7), ZBADVERSION, "delete with a stale version");
    expect_rc(zoo_delete(zh, ROOT "/kids/a", 0), ZOK, "delete with the right version");
    expect_rc(zoo_delete(zh, ROOT "/kids/a", -1), ZNONODE, "delete of a deleted node");
    expect_rc(zoo_delete(zh, ROOT "/kids/b", -1), ZOK, "delete b");
    expect_rc(zoo_delete(zh, ROOT "/kids/c", -1), ZOK, "delete c");
    expect_rc(zoo_delete(zh, ROOT "/kids", -1), ZOK, "delete the emptied parent");
    struct Stat stat;
    expect_rc(zoo_exists(zh, ROOT "/kids", 0, &stat), ZNONODE, "exists after delete");
    passed();
}

static void check_multi(void) {
    begin("zoo_multi applies create, set, check and delete together");
    expect_rc(zoo_create(zh, ROOT "/tx", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZOK, "create parent");
    char path_a[256], path_b[256];
    struct Stat set_stat;
    zoo_op_t ops[5];
    zoo_op_result_t results[5];
    zoo_create_op_init(&ops[0], ROOT "/tx/a", "1", 1, &ZOO_OPEN_ACL_UNSAFE, 0, path_a, sizeof(path_a));
    zoo_create_op_init(&ops[1], ROOT "/tx/b-", "2", 1, &ZOO_OPEN_ACL_UNSAFE, ZOO_SEQUENCE, path_b, sizeof(path_b));
    zoo_set_op_init(&ops[2], ROOT "/tx/a", "3", 1, 0, &set_stat);
    zoo_check_op_init(&ops[3], ROOT "/tx/a", 1);
    zoo_delete_op_init(&ops[4], ROOT "/tx/a", 1);
    expect_rc(zoo_multi(zh, 5, ops, results), ZOK, "multi");
    for (int i = 0; i < 5; i++) {
        expect_rc(results[i].err, ZOK, "per-op result");
    }
    expect_str(path_a, ROOT "/tx/a", "created path");
    expect_str(path_b, ROOT "/tx/b-0000000001", "created sequential path (a bumped the cversion first)");
    expect_int(set_stat.version, 1, "version in the set result");
    struct Stat stat;
    expect_rc(zoo_exists(zh, ROOT "/tx/a", 0, &stat), ZNONODE, "a was deleted in the multi");
    expect_rc(zoo_exists(zh, ROOT "/tx/b-0000000001", 0, &stat), ZOK, "b exists");
    passed();

    begin("a failing zoo_multi changes nothing and reports ZOK / ZBADVERSION / ZRUNTIMEINCONSISTENCY per op");
    struct Stat before;
    expect_rc(zoo_exists(zh, ROOT "/tx/b-0000000001", 0, &before), ZOK, "exists b");
    zoo_op_t bad[4];
    zoo_op_result_t bad_results[4];
    char path_c[256];
    zoo_create_op_init(&bad[0], ROOT "/tx/c", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, path_c, sizeof(path_c));
    zoo_set_op_init(&bad[1], ROOT "/tx/b-0000000001", "lost", 4, -1, NULL);
    zoo_check_op_init(&bad[2], ROOT "/tx/b-0000000001", 42);
    zoo_delete_op_init(&bad[3], ROOT "/tx/b-0000000001", -1);
    expect_rc(zoo_multi(zh, 4, bad, bad_results), ZBADVERSION, "failing multi");
    expect_rc(bad_results[0].err, ZOK, "result of the create before the failure");
    expect_rc(bad_results[1].err, ZOK, "result of the set before the failure");
    expect_rc(bad_results[2].err, ZBADVERSION, "result of the failing check");
    expect_rc(bad_results[3].err, ZRUNTIMEINCONSISTENCY, "result of the delete after the failure");
    expect_rc(zoo_exists(zh, ROOT "/tx/c", 0, &stat), ZNONODE, "the rolled-back create");
    expect_rc(zoo_exists(zh, ROOT "/tx/b-0000000001", 0, &stat), ZOK, "the node the multi would delete");
    expect_int(stat.version, before.version, "version after the rolled-back set");
    expect_int(stat.mzxid, before.mzxid, "mzxid after the rolled-back set");
    passed();

    begin("a zoo_multi creating an existing node fails with ZNODEEXISTS at that op");
    zoo_op_t dup[2];
    zoo_op_result_t dup_results[2];
    zoo_create_op_init(&dup[0], ROOT "/tx/d", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0);
    zoo_create_op_init(&dup[1], ROOT "/tx", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0);
    expect_rc(zoo_multi(zh, 2, dup, dup_results), ZNODEEXISTS, "multi with a duplicate create");
    expect_rc(dup_results[0].err, ZOK, "result before the failure");
    expect_rc(dup_results[1].err, ZNODEEXISTS, "result of the duplicate create");
    expect_rc(zoo_exists(zh, ROOT "/tx/d", 0, &stat), ZNONODE, "the rolled-back create");
    passed();
}

static void check_acl(const char *hosts) {
    char alice[128];
    digest_id("alice", "secret", alice, sizeof(alice));

    begin("zoo_add_auth digest: a digest ACL admits alice and answers ZNOAUTH to others");
    zhandle_t *owner = connect_as(hosts, "owner-session");
    expect_rc(add_digest_auth(owner, "alice:secret"), ZOK, "add_auth alice");
    struct ACL owner_acl[] = {{ZOO_PERM_ALL, {"digest", alice}}, {ZOO_PERM_READ, {"world", "anyone"}}};
    struct ACL_vector acl = {2, owner_acl};
    expect_rc(zoo_create(owner, ROOT "/secure", "top", 3, &acl, 0, NULL, 0), ZOK, "create with a digest ACL");
    expect_rc(zoo_create(owner, ROOT "/private", "hidden", 6, &ZOO_CREATOR_ALL_ACL, 0, NULL, 0), ZOK,
              "create with CREATOR_ALL_ACL");
    char buffer[16];
    int len = sizeof(buffer);
    expect_rc(zoo_get(owner, ROOT "/private", 0, buffer, &len, NULL), ZOK, "owner reads");
    expect_int(len, 6, "length read by the owner");

    len = sizeof(buffer);
    expect_rc(zoo_get(zh, ROOT "/private", 0, buffer, &len, NULL), ZNOAUTH, "stranger reads");
    expect_rc(zoo_set(zh, ROOT "/private", "x", 1, -1), ZNOAUTH, "stranger writes");
    len = sizeof(buffer);
    expect_rc(zoo_get(zh, ROOT "/secure", 0, buffer, &len, NULL), ZOK, "stranger reads a world-readable node");
    expect_rc(zoo_set(zh, ROOT "/secure", "x", 1, -1), ZNOAUTH, "stranger writes a world-readable node");
    expect_rc(zoo_create(zh, ROOT "/secure/kid", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZNOAUTH,
              "stranger creates a child");
    expect_rc(zoo_create(zh, ROOT "/mine", "", 0, &ZOO_CREATOR_ALL_ACL, 0, NULL, 0), ZINVALIDACL,
              "CREATOR_ALL_ACL without authentication");

    zhandle_t *wrong = connect_as(hosts, "wrong-session");
    expect_rc(add_digest_auth(wrong, "alice:wrong"), ZOK, "add_auth with a wrong password (digest accepts any)");
    len = sizeof(buffer);
    expect_rc(zoo_get(wrong, ROOT "/private", 0, buffer, &len, NULL), ZNOAUTH, "wrong password reads");
    zookeeper_close(wrong);
    passed();

    begin("zoo_get_acl shows alice's digest to an admin and masks it for a reader");
    struct ACL_vector seen;
    struct Stat stat;
    expect_rc(zoo_get_acl(owner, ROOT "/private", &seen, &stat), ZOK, "get_acl by the owner");
    expect_int(seen.count, 1, "ACL entries from CREATOR_ALL_ACL");
    expect_int(seen.data[0].perms, ZOO_PERM_ALL, "perms");
    expect_str(seen.data[0].id.scheme, "digest", "scheme");
    expect_str(seen.data[0].id.id, alice, "digest id");
    deallocate_ACL_vector(&seen);
    expect_rc(zoo_get_acl(zh, ROOT "/private", &seen, &stat), ZNOAUTH, "get_acl by a stranger without READ");
    expect_rc(zoo_get_acl(zh, ROOT "/secure", &seen, &stat), ZOK, "get_acl by a reader");
    expect_int(seen.count, 2, "ACL entries");
    expect_str(seen.data[0].id.id, "alice:x", "digest id masked for a reader");
    expect_str(seen.data[1].id.scheme, "world", "second scheme");
    expect_int(stat.aversion, 0, "aversion");
    deallocate_ACL_vector(&seen);
    passed();

    begin("zoo_set_acl checks the ACL version");
    expect_rc(zoo_set_acl(owner, ROOT "/secure", 3, &ZOO_OPEN_ACL_UNSAFE), ZBADVERSION, "stale set_acl");
    expect_rc(zoo_set_acl(zh, ROOT "/secure", -1, &ZOO_OPEN_ACL_UNSAFE), ZNOAUTH, "set_acl without ADMIN");
    expect_rc(zoo_set_acl(owner, ROOT "/secure", 0, &ZOO_OPEN_ACL_UNSAFE), ZOK, "set_acl");
    expect_rc(zoo_set(zh, ROOT "/secure", "open", 4, -1), ZOK, "stranger writes the opened node");
    expect_rc(zoo_exists(zh, ROOT "/secure", 0, &stat), ZOK, "exists");
    expect_int(stat.aversion, 1, "aversion after set_acl");
    passed();

    begin("closing a session removes its ephemerals");
    expect_rc(zoo_create(owner, ROOT "/owner-eph", "", 0, &ZOO_OPEN_ACL_UNSAFE, ZOO_EPHEMERAL, NULL, 0), ZOK,
              "owner creates an ephemeral");
    expect_rc(zoo_wexists(zh, ROOT "/owner-eph", tagged_watcher, "owner-eph-watch", &stat), ZOK, "watch it");
    expect_rc(zookeeper_close(owner), ZOK, "close the owner");
    struct event e = await_event("owner-eph-watch");
    expect_int(e.type, ZOO_DELETED_EVENT, "event when the owner's session closed");
    expect_rc(zoo_exists(zh, ROOT "/owner-eph", 0, &stat), ZNONODE, "ephemeral after its session closed");
    passed();
}

static void check_session_timeout_negotiation(const char *hosts) {
    begin("the server clamps the requested session timeout to [2, 20] ticks");
    zhandle_t *low = zookeeper_init(hosts, session_watcher, 150, NULL, "low-timeout", 0);
    zhandle_t *high = zookeeper_init(hosts, session_watcher, 1000000, NULL, "high-timeout", 0);
    expect_true(low != NULL && high != NULL, "zookeeper_init failed");
    await_connected("low-timeout");
    await_connected("high-timeout");
    expect_int(zoo_recv_timeout(low), 2 * TICK_MS, "negotiated timeout for 150 ms");
    expect_int(zoo_recv_timeout(high), 20 * TICK_MS, "negotiated timeout for 1000 s");
    expect_rc(zookeeper_close(low), ZOK, "close");
    expect_rc(zookeeper_close(high), ZOK, "close");
    passed();
}

static void check_sync_and_config(void) {
    begin("zoo_async (sync) completes; /zookeeper holds config and quota");
    struct auth_result r = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
    expect_rc(zoo_async(zh, ROOT, sync_completion, &r), ZOK, "zoo_async");
    expect_rc(await_completion(&r, "sync"), ZOK, "sync result");
    struct String_vector children;
    expect_rc(zoo_get_children(zh, "/zookeeper", 0, &children), ZOK, "children of /zookeeper");
    expect_true(children.count == 2 && contains(&children, "config") && contains(&children, "quota"),
                "children of /zookeeper are not config and quota");
    deallocate_String_vector(&children);
    passed();
}

static void check_remove_watches(void) {
    begin("zoo_remove_watches removes a data watch, which then stays silent; ZNOWATCHER when none is left");
    struct Stat stat;
    expect_rc(zoo_create(zh, ROOT "/rw", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZOK, "create");
    expect_rc(zoo_wexists(zh, ROOT "/rw", tagged_watcher, "removed-watch", &stat), ZOK, "wexists");
    expect_rc(zoo_remove_watches(zh, ROOT "/rw", ZWATCHTYPE_DATA, tagged_watcher, "removed-watch", 0), ZOK,
              "remove the data watch");
    expect_rc(zoo_remove_watches(zh, ROOT "/rw", ZWATCHTYPE_DATA, tagged_watcher, "removed-watch", 0), ZNOWATCHER,
              "remove it again");
    expect_rc(zoo_set(zh, ROOT "/rw", "x", 1, -1), ZOK, "set");
    expect_rc(zoo_exists(zh, ROOT "/rw", 0, &stat), ZOK, "round trip");
    expect_int(count_events("removed-watch"), 0, "events after the watch was removed");
    passed();
}

static void check_container_and_ttl(void) {
    /* Whether an emptied container is reaped is not checked: the in-process reference server of the tests
     * (TestServers.zookeeper) runs no ContainerManager, so Apache ZooKeeper would keep it there. */
    begin("ZOO_CONTAINER and TTL nodes are created and show ephemeralOwner 0");
    char name[256];
    expect_rc(zoo_create(zh, ROOT "/box", "", 0, &ZOO_OPEN_ACL_UNSAFE, ZOO_CONTAINER, name, sizeof(name)), ZOK,
              "create container");
    expect_rc(zoo_create(zh, ROOT "/box/item", "", 0, &ZOO_OPEN_ACL_UNSAFE, 0, NULL, 0), ZOK, "create child");
    struct Stat stat;
    expect_str(name, ROOT "/box", "container path");
    expect_rc(zoo_exists(zh, ROOT "/box", 0, &stat), ZOK, "exists container");
    expect_int(stat.ephemeralOwner, 0, "ephemeralOwner of a container");
    expect_int(stat.numChildren, 1, "numChildren of the container");

    expect_rc(zoo_create_ttl(zh, ROOT "/ttl", "t", 1, &ZOO_OPEN_ACL_UNSAFE, ZOO_PERSISTENT_WITH_TTL, 60000, name,
                             sizeof(name)), ZOK, "create a TTL node");
    expect_rc(zoo_exists(zh, ROOT "/ttl", 0, &stat), ZOK, "exists TTL node");
    /* the server keeps the TTL in the owner field internally but shows clients 0, as for any persistent node */
    expect_int(stat.ephemeralOwner, 0, "ephemeralOwner of a TTL node");
    expect_int(stat.dataLength, 1, "dataLength of a TTL node");
    expect_rc(zoo_create_ttl(zh, ROOT "/ttl-s-", "", 0, &ZOO_OPEN_ACL_UNSAFE, ZOO_PERSISTENT_SEQUENTIAL_WITH_TTL,
                             60000, name, sizeof(name)), ZOK, "create a sequential TTL node");
    expect_true(strncmp(name, ROOT "/ttl-s-", strlen(ROOT "/ttl-s-")) == 0 && strlen(name) == strlen(ROOT "/ttl-s-") + 10,
                "sequential TTL name");
    passed();
}

static void check_session_resumption(const char *hosts) {
    begin("a wrong session password ends in EXPIRED_SESSION_STATE and drops the session's live connection");
    zhandle_t *first = connect_as(hosts, "resume-first");
    clientid_t forged = *zoo_client_id(first);
    forged.passwd[0] ^= 0x5a;
    zhandle_t *impostor = zookeeper_init(hosts, session_watcher, 4000, &forged, "impostor", 0);
    expect_true(impostor != NULL, "zookeeper_init failed");
    struct event e = await_event("impostor");
    expect_int(e.type, ZOO_SESSION_EVENT, "impostor's event type");
    expect_int(e.state, ZOO_EXPIRED_SESSION_STATE, "impostor's session state");
    zookeeper_close(impostor);
    /* Apache ZooKeeper closes the connection that holds a session whenever a client asks to resume that
     * session, before it checks the password; the real owner sees a disconnect and then reconnects. */
    await_events("resume-first", ZOO_SESSION_EVENT, ZOO_CONNECTING_STATE, 1,
                 "the owner's connection to drop after a resume attempt with a wrong password");
    await_events("resume-first", ZOO_SESSION_EVENT, ZOO_CONNECTED_STATE, 2, "the owner to reconnect");
    expect_int(zoo_client_id(first)->client_id, forged.client_id, "the owner's session id after reconnecting");
    passed();

    begin("resuming a closed session ends in EXPIRED_SESSION_STATE and its ephemerals are gone");
    clientid_t closed = *zoo_client_id(first);
    expect_rc(zoo_create(first, ROOT "/first-eph", "", 0, &ZOO_OPEN_ACL_UNSAFE, ZOO_EPHEMERAL, NULL, 0), ZOK,
              "ephemeral of the first session");
    struct Stat stat;
    expect_rc(zoo_exists(zh, ROOT "/first-eph", 0, &stat), ZOK, "ephemeral survives the impostor");
    expect_rc(zookeeper_close(first), ZOK, "close the first session");
    zhandle_t *late = zookeeper_init(hosts, session_watcher, 4000, &closed, "late", 0);
    expect_true(late != NULL, "zookeeper_init failed");
    e = await_event("late");
    expect_int(e.state, ZOO_EXPIRED_SESSION_STATE, "state when resuming a closed session");
    zookeeper_close(late);
    expect_rc(zoo_exists(zh, ROOT "/first-eph", 0, &stat), ZNONODE, "ephemeral of the closed session");
    passed();
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s HOST:PORT\n", argv[0]);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    zoo_set_debug_level(ZOO_LOG_LEVEL_WARN);
    zoo_set_log_stream(stderr);
    check_connect(argv[1]);
    check_root();
    check_create_and_errors();
    check_create2_stat();
    check_sequence_and_ephemeral();
    check_get();
    check_set_versions();
    check_exists_watch();
    check_get_watch();
    check_children();
    check_delete();
    check_multi();
    check_acl(argv[1]);
    check_session_timeout_negotiation(argv[1]);
    check_sync_and_config();
    check_remove_watches();
    check_container_and_ttl();
    check_session_resumption(argv[1]);
    begin("zookeeper_close");
    expect_rc(zookeeper_close(zh), ZOK, "close");
    passed();
    printf("C client suite: all %d checks passed\n", checks_passed);
    return 0;
}
