package io.paddock.core.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.wire.Acl;
import io.paddock.core.wire.Id;
import io.paddock.core.wire.Perms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ACL checks and fixup with ZooKeeper's built-in providers. Expected digests and ip matches were produced
 * by ZooKeeper 3.9.5's DigestAuthenticationProvider and IPAuthenticationProvider.
 */
class AccessControlTest {
    private static final Id LOCAL = new Id("ip", "127.0.0.1");
    private static final Id ALICE = new Id("digest", AccessControl.digest("alice:secret"));
    private static final Id BOB = new Id("digest", AccessControl.digest("bob:pw"));
    private static final Id SUPER = new Id(AccessControl.SUPER, "");

    private static List<Acl> acl(int perms, String scheme, String id) {
        return List.of(new Acl(perms, new Id(scheme, id)));
    }

    // ---- digests ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "super:test|super:D/InIHSb7yEEbrWz8b9l71RjZJU=",
            "alice:secret|alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=",
            "bob:|bob:tK1fpNO1hB0F++FhHpSq0Fa4tv0=",
            "a:b:c|a:cLzgnoJ6mP5qz3w+mwvPE2vDgu0=",
            "user:pass word|user:y/9I3loEpDyCBR7sLyag7fhnLgY="})
    void digestsMatchZooKeepers(String userPassword, String expected) {
        assertThat(AccessControl.digest(userPassword)).isEqualTo(expected);
    }

    @Test
    void userNames() {
        assertThat(AccessControl.userName(ALICE)).isEqualTo("alice");
        assertThat(AccessControl.userName(LOCAL)).isEqualTo("127.0.0.1");
        assertThat(AccessControl.userName(SUPER)).isEmpty();
    }

    // ---- permits ----

    @Test
    void anEmptyOrMissingAclGrantsEverything() {
        assertThat(AccessControl.permits(List.of(), Perms.ADMIN, List.of())).isTrue();
        assertThat(AccessControl.permits(null, Perms.WRITE, List.of())).isTrue();
    }

    @Test
    void worldAnyoneGrantsOnlyItsPerms() {
        List<Acl> readOnly = Acl.READ_ACL_UNSAFE;
        assertThat(AccessControl.permits(readOnly, Perms.READ, List.of())).isTrue();
        assertThat(AccessControl.permits(readOnly, Perms.WRITE, List.of(LOCAL, ALICE))).isFalse();
        assertThat(AccessControl.permits(Acl.OPEN_ACL_UNSAFE, Perms.ADMIN, List.of())).isTrue();
        assertThat(AccessControl.permits(acl(Perms.ALL, "world", "someone"), Perms.READ, List.of(LOCAL)))
                .as("only world:anyone is special").isFalse();
    }

    @Test
    void aPermissionCheckNeedsEveryRequestedBitInOneEntry() {
        List<Acl> split = List.of(new Acl(Perms.READ, ALICE), new Acl(Perms.ADMIN, ALICE));
        assertThat(AccessControl.permits(split, Perms.READ, List.of(ALICE))).isTrue();
        assertThat(AccessControl.permits(split, Perms.ADMIN, List.of(ALICE))).isTrue();
        assertThat(AccessControl.permits(split, Perms.WRITE, List.of(ALICE))).isFalse();
    }

    @Test
    void digestMatchesExactlyAndOnlyAgainstDigestIds() {
        List<Acl> alicesNode = List.of(new Acl(Perms.ALL, ALICE));
        assertThat(AccessControl.permits(alicesNode, Perms.READ, List.of(LOCAL, ALICE))).isTrue();
        assertThat(AccessControl.permits(alicesNode, Perms.READ, List.of(LOCAL, BOB))).isFalse();
        assertThat(AccessControl.permits(alicesNode, Perms.READ, List.of(new Id("ip", ALICE.id())))).isFalse();
        assertThat(AccessControl.permits(alicesNode, Perms.READ, List.of(new Id("digest", "alice:x")))).isFalse();
    }

    @Test
    void superBypassesEveryAcl() {
        List<Acl> alicesNode = List.of(new Acl(Perms.READ, ALICE));
        assertThat(AccessControl.permits(alicesNode, Perms.ADMIN, List.of(LOCAL, SUPER))).isTrue();
        assertThat(AccessControl.permits(Acl.READ_ACL_UNSAFE, Perms.WRITE, List.of(SUPER))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "10.1.2.3, 10.0.0.0/8, true",
            "11.0.0.1, 10.0.0.0/8, false",
            "10.31.255.255, 10.16.0.0/12, true",
            "10.32.0.0, 10.16.0.0/12, false",
            "10.15.255.255, 10.16.0.0/12, false",
            "1.2.3.4, 0.0.0.0/0, true",
            "127.0.0.1, 127.0.0.1, true",
            "127.0.0.2, 127.0.0.1, false",
            "127.0.0.1, 127.0.0.1/32, true",
            "127.0.0.1, 127.0.0.1/33, false",
            "1.2.3.4, 1.2.3.4/-1, false",
            "1.2.3.4, 1.2.3.4/x, false",
            "192.168.1.77, 192.168.1.64/26, true",
            "192.168.1.128, 192.168.1.64/26, false",
            "::1, 0.0.0.0/0, false",
            "::ffff:1.2.3.4, 1.2.3.4, false",
            "1.2.3.4, ::/0, false",
            "2001:db8:1::5, 2001:db8::/32, true",
            "2001:db9::1, 2001:db8::/32, false",
            "0:0:0:0:0:0:0:1, ::1, true",
            "::1, ::1/128, true",
            "::2, ::1/127, false",
            "::1, ::/127, true",
            "::1, ::1/129, false",
            "fe80::abcd:1, fe80::/10, true",
            "febf::1, fe80::/10, true",
            "fec0::1, fe80::/10, false",
            "2001:DB8::1, 2001:db8::1, true"})
    void ipMatchesByPrefix(String remote, String expression, boolean matches) {
        assertThat(AccessControl.permits(acl(Perms.READ, "ip", expression), Perms.READ, List.of(new Id("ip", remote))))
                .as("%s in %s", remote, expression).isEqualTo(matches);
    }

    // ---- fixup ----

    @Test
    void fixupRefusesMissingAndMalformedEntries() {
        assertThat(AccessControl.fixup(null, List.of(LOCAL))).isNull();
        assertThat(AccessControl.fixup(List.of(), List.of(LOCAL))).isNull();
        assertThat(AccessControl.fixup(Arrays.asList(new Acl(Perms.ALL, Id.ANYONE), null), List.of(LOCAL))).isNull();
        assertThat(AccessControl.fixup(List.of(new Acl(Perms.ALL, null)), List.of(LOCAL))).isNull();
        assertThat(AccessControl.fixup(List.of(new Acl(Perms.ALL, new Id(null, "x"))), List.of(LOCAL))).isNull();
        assertThat(AccessControl.fixup(List.of(new Acl(Perms.ALL, new Id("digest", null))), List.of(LOCAL))).isNull();
    }

    @Test
    void oneBadEntryRefusesTheWholeList() {
        List<Acl> mixed = List.of(new Acl(Perms.ALL, Id.ANYONE), new Acl(Perms.READ, new Id("ip", "1.2.3")));
        assertThat(AccessControl.fixup(mixed, List.of(LOCAL))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"world:nobody", "kerberos:alice", "sasl:alice", "x509:CN=a", "super:", "auth:x_without_digest",
            "digest:alice", "digest:a::b", "digest:a:b:c", "ip:1.2.3", "ip:1.2.3.256", "ip:1.2.3.4/33", "ip:::1/129",
            "ip:1:2:3:4:5:6:7:8:9", "ip:1::2::3", "ip:12345::", "ip:host.example", "ip:localhost", "ip:1.2.3.4/",
            "ip:1.2.3.4/a", "ip:1:2:3:4:5:6:7:8::"})
    void invalidIdsAreRefused(String schemeAndId) {
        String[] parts = schemeAndId.split(":", 2);
        List<Acl> requested = acl(Perms.ALL, parts[0], parts[1]);
        assertThat(AccessControl.fixup(requested, List.of(LOCAL))).as(schemeAndId).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"digest:alice:hash", "digest::hash", "digest:alice:hash:", "ip:1.2.3.4", "ip:1.2.3.4/32",
            "ip:0.0.0.0/0", "ip:+1.2.3.4", "ip:::", "ip:::1/128", "ip:1:2:3:4:5:6:7:8", "ip:1:2:3:4:5:6:7::",
            "ip:2001:db8::/32", "world:anyone"})
    void validIdsAreKeptAsGiven(String schemeAndId) {
        String[] parts = schemeAndId.split(":", 2);
        List<Acl> requested = acl(Perms.READ | Perms.WRITE, parts[0], parts[1]);
        assertThat(AccessControl.fixup(requested, List.of(LOCAL))).as(schemeAndId).isEqualTo(requested);
    }

    /**
     * ZooKeeper's ip provider has no notion of an IPv6 zone: "fe80::1%eth0" is not a valid id (InvalidACL), and
     * a remote address written with a zone matches nothing.
     */
    @Test
    void ipv6ZoneIdsAreNotAddressesAsInZooKeeper() {
        assertThat(AccessControl.fixup(acl(Perms.ALL, "ip", "fe80::1%eth0"), List.of(LOCAL))).isNull();
        assertThat(AccessControl.permits(acl(Perms.READ, "ip", "fe80::1"), Perms.READ,
                List.of(new Id("ip", "fe80::1%eth0")))).isFalse();
    }

    @Test
    void authExpandsToDigestIdsOnly() {
        List<Acl> requested = List.of(new Acl(Perms.READ | Perms.ADMIN, Id.AUTH_IDS));
        assertThat(AccessControl.fixup(requested, List.of(LOCAL, ALICE, SUPER, BOB)))
                .containsExactly(new Acl(Perms.READ | Perms.ADMIN, ALICE), new Acl(Perms.READ | Perms.ADMIN, BOB));
        assertThat(AccessControl.fixup(requested, List.of(LOCAL)))
                .as("an ip id is not authenticated: auth has nothing to expand to").isNull();
        assertThat(AccessControl.fixup(requested, List.of(LOCAL, SUPER))).as("neither is super").isNull();
    }

    @Test
    void authExpansionIgnoresTheIdPartAndKeepsListOrder() {
        List<Acl> requested = List.of(new Acl(Perms.READ, Id.ANYONE), new Acl(Perms.ALL, new Id("auth", "whatever")),
                new Acl(Perms.WRITE, new Id("ip", "10.0.0.0/8")));
        assertThat(AccessControl.fixup(requested, List.of(ALICE))).containsExactly(
                new Acl(Perms.READ, Id.ANYONE), new Acl(Perms.ALL, ALICE), new Acl(Perms.WRITE, new Id("ip", "10.0.0.0/8")));
    }

    @Test
    void duplicatesAreRemovedBeforeExpansionKeepingTheFirst() {
        List<Acl> requested = new ArrayList<>(List.of(new Acl(Perms.ALL, Id.ANYONE), new Acl(Perms.READ, Id.ANYONE),
                new Acl(Perms.ALL, Id.ANYONE), new Acl(Perms.ALL, Id.AUTH_IDS), new Acl(Perms.ALL, Id.AUTH_IDS)));
        assertThat(AccessControl.fixup(requested, List.of(ALICE))).containsExactly(
                new Acl(Perms.ALL, Id.ANYONE), new Acl(Perms.READ, Id.ANYONE), new Acl(Perms.ALL, ALICE));
        // An explicit entry equal to an expansion is not removed: ZooKeeper dedups the request, not the result.
        List<Acl> overlapping = List.of(new Acl(Perms.ALL, ALICE), new Acl(Perms.ALL, Id.AUTH_IDS));
        assertThat(AccessControl.fixup(overlapping, List.of(ALICE)))
                .containsExactly(new Acl(Perms.ALL, ALICE), new Acl(Perms.ALL, ALICE));
    }

    @Test
    void fixupReturnsAnUnmodifiableCopy() {
        List<Acl> requested = new ArrayList<>(Acl.OPEN_ACL_UNSAFE);
        List<Acl> fixed = AccessControl.fixup(requested, List.of());
        requested.clear();
        assertThat(fixed).isEqualTo(Acl.OPEN_ACL_UNSAFE);
    }
}
