package io.paddock.compat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.compat.support.AgainstEachServer;
import io.paddock.compat.support.RawClient;
import io.paddock.compat.support.RawClient.Body;
import io.paddock.compat.support.RawClient.RawAcl;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.OpCode;

/**
 * Requests the official client will not send (it validates paths, flags, TTLs and ACLs itself), sent raw to see
 * the server's own checks. The expected codes are Apache ZooKeeper 3.9's, including its order of checks: a
 * create looks up the parent before it validates the path, so "/a/" with no "/a" is NoNode, not BadArguments;
 * setData validates first; reads do not validate at all (the empty path reads the root).
 */
class RawRequestTest extends ClientTestBase {
    private static final List<RawAcl> OPEN = List.of(RawAcl.OPEN);

    private record Case(String what, int opcode, Body body, Code expected) {
    }

    private static Case create(String path, Code expected) {
        return new Case("create '" + path + "'", OpCode.create, RawClient.createBody(path, null, OPEN, 0, null), expected);
    }

    private static Case read(String name, int opcode, String path, Code expected) {
        return new Case(name + " '" + path + "'", opcode, RawClient.pathAndWatch(path, false), expected);
    }

    private static void check(RawClient raw, List<Case> cases) {
        List<String> mismatches = new ArrayList<>();
        for (Case c : cases) {
            int err = raw.call(c.opcode(), c.body()).err();
            if (err != c.expected().intValue()) {
                mismatches.add(c.what() + ": expected " + c.expected() + " but was " + Code.get(err));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @AgainstEachServer
    void malformedPaths(String kind) {
        try (RawClient raw = RawClient.connect(server(kind), 4000)) {
            check(raw, List.of(
                    create("a", Code.BADARGUMENTS),
                    create("", Code.BADARGUMENTS),
                    create("/.", Code.BADARGUMENTS),
                    create("/..", Code.BADARGUMENTS),
                    create("/a\u0000b", Code.BADARGUMENTS),
                    create("/nope/", Code.NONODE),
                    create("/nope//b", Code.NONODE),
                    create("/nope/./b", Code.NONODE),
                    create("/", Code.NODEEXISTS),
                    new Case("delete 'a'", OpCode.delete, RawClient.pathAndInt("a", -1), Code.BADARGUMENTS),
                    new Case("delete ''", OpCode.delete, RawClient.pathAndInt("", -1), Code.BADARGUMENTS),
                    new Case("delete '/nope/'", OpCode.delete, RawClient.pathAndInt("/nope/", -1), Code.NONODE),
                    new Case("setData '/nope/'", OpCode.setData, new Body().string("/nope/").buffer(null).i32(-1), Code.BADARGUMENTS),
                    new Case("setData 'a'", OpCode.setData, new Body().string("a").buffer(null).i32(-1), Code.BADARGUMENTS),
                    new Case("setData '/nope'", OpCode.setData, new Body().string("/nope").buffer(null).i32(-1), Code.NONODE),
                    read("exists", OpCode.exists, "/a\u0000b", Code.BADARGUMENTS),
                    read("getData", OpCode.getData, "/a\u0000b", Code.NONODE),
                    read("getData", OpCode.getData, "a", Code.NONODE),
                    read("getData", OpCode.getData, "/nope/", Code.NONODE),
                    read("getData", OpCode.getData, "", Code.OK),
                    read("exists", OpCode.exists, "", Code.OK),
                    read("getChildren", OpCode.getChildren, "", Code.OK)));
        }
    }

    @AgainstEachServer
    void createFlagsAndTtls(String kind) {
        try (RawClient raw = RawClient.connect(server(kind), 4000)) {
            String base = "/raw-flags-" + kind;
            check(raw, List.of(
                    new Case("create", OpCode.create, RawClient.createBody(base, null, OPEN, 0, null), Code.OK),
                    new Case("flags 99", OpCode.create, RawClient.createBody(base + "/f99", null, OPEN, 99, null), Code.BADARGUMENTS),
                    new Case("flags -1", OpCode.create, RawClient.createBody(base + "/fm1", null, OPEN, -1, null), Code.BADARGUMENTS),
                    new Case("container flag via create", OpCode.create, RawClient.createBody(base + "/c", null, OPEN, 4, null), Code.OK),
                    new Case("ttl flag via create", OpCode.create, RawClient.createBody(base + "/t", null, OPEN, 5, null), Code.BADARGUMENTS),
                    new Case("ttl flag via create2", OpCode.create2, RawClient.createBody(base + "/t", null, OPEN, 5, null), Code.BADARGUMENTS),
                    new Case("createTTL persistent", OpCode.createTTL, RawClient.createBody(base + "/t", null, OPEN, 0, 1000L), Code.BADARGUMENTS),
                    new Case("createTTL ephemeral", OpCode.createTTL, RawClient.createBody(base + "/t", null, OPEN, 1, 1000L), Code.BADARGUMENTS),
                    new Case("createTTL ttl 0", OpCode.createTTL, RawClient.createBody(base + "/t", null, OPEN, 5, 0L), Code.BADARGUMENTS),
                    new Case("createTTL ttl -1", OpCode.createTTL, RawClient.createBody(base + "/t", null, OPEN, 5, -1L), Code.BADARGUMENTS),
                    new Case("createTTL ttl 2^41", OpCode.createTTL, RawClient.createBody(base + "/t", null, OPEN, 5, 1L << 41), Code.BADARGUMENTS),
                    new Case("createTTL ok", OpCode.createTTL, RawClient.createBody(base + "/t", null, OPEN, 5, 60_000L), Code.OK),
                    new Case("createTTL sequential ok", OpCode.createTTL, RawClient.createBody(base + "/s", null, OPEN, 6, 60_000L), Code.OK)));
        }
    }

    @AgainstEachServer
    void emptyOrMissingAclIsInvalid(String kind) {
        try (RawClient raw = RawClient.connect(server(kind), 4000)) {
            String base = "/raw-acl-" + kind;
            check(raw, List.of(
                    new Case("create empty acl", OpCode.create, RawClient.createBody(base, null, List.of(), 0, null), Code.INVALIDACL),
                    new Case("create null acl", OpCode.create, RawClient.createBody(base, null, null, 0, null), Code.INVALIDACL),
                    new Case("create", OpCode.create, RawClient.createBody(base, null, OPEN, 0, null), Code.OK),
                    new Case("setACL empty", OpCode.setACL, new Body().string(base).acls(List.of()).i32(-1), Code.INVALIDACL)));
        }
    }

    @AgainstEachServer
    void unknownOpcodeIsAnsweredUnimplementedThenTheConnectionIsClosed(String kind) {
        try (RawClient raw = RawClient.connect(server(kind), 4000)) {
            assertThat(raw.call(77, new Body()).err()).isEqualTo(Code.UNIMPLEMENTED.intValue());
            assertThatThrownBy(() -> raw.call(OpCode.exists, RawClient.pathAndWatch("/", false)))
                    .isInstanceOf(java.io.UncheckedIOException.class);
        }
    }
}
