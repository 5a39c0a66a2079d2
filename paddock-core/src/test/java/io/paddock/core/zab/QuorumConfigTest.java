package io.paddock.core.zab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The majority rule, as a table in the manner of etcd-io/raft's quorum tests: each row names the voters,
 * the observers, who acknowledged, and whether that is a quorum. The rule: a strict majority of the
 * voters; observers and strangers never count (seed 003, ZOOKEEPER-2959).
 */
class QuorumConfigTest {

    record Row(String why, Set<Long> voters, Set<Long> observers, Set<Long> acks, boolean quorum) {
        @Override
        public String toString() {
            return why + ": voters=" + voters + " observers=" + observers + " acks=" + acks + " -> " + quorum;
        }
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // no voters: nothing is a quorum, not even every observer
                new Row("empty config, no acks", Set.of(), Set.of(), Set.of(), false),
                new Row("empty config, a stranger acks", Set.of(), Set.of(), Set.of(1L), false),
                new Row("observers only, all ack", Set.of(), Set.of(7L, 8L), Set.of(7L, 8L), false),
                // one voter
                new Row("single voter acks", Set.of(1L), Set.of(), Set.of(1L), true),
                new Row("single voter silent", Set.of(1L), Set.of(), Set.of(), false),
                new Row("single voter silent, observer acks", Set.of(1L), Set.of(2L), Set.of(2L), false),
                // two voters: a majority of 2 is 2
                new Row("2 voters, 1 ack", Set.of(1L, 2L), Set.of(), Set.of(1L), false),
                new Row("2 voters, both ack", Set.of(1L, 2L), Set.of(), Set.of(1L, 2L), true),
                // three voters
                new Row("3 voters, 0 acks", Set.of(1L, 2L, 3L), Set.of(), Set.of(), false),
                new Row("3 voters, 1 ack", Set.of(1L, 2L, 3L), Set.of(), Set.of(2L), false),
                new Row("3 voters, 2 acks", Set.of(1L, 2L, 3L), Set.of(), Set.of(1L, 3L), true),
                new Row("3 voters, 3 acks", Set.of(1L, 2L, 3L), Set.of(), Set.of(1L, 2L, 3L), true),
                // seed 003: leader + observer out of 3 voters + 1 observer is not a quorum
                new Row("3 voters + observer, leader and observer ack", Set.of(1L, 2L, 3L), Set.of(4L), Set.of(1L, 4L), false),
                new Row("3 voters + observer, two voters ack", Set.of(1L, 2L, 3L), Set.of(4L), Set.of(1L, 2L), true),
                new Row("3 voters + 2 observers, 1 voter and both observers", Set.of(1L, 2L, 3L), Set.of(4L, 5L),
                        Set.of(3L, 4L, 5L), false),
                // four voters: even size needs 3
                new Row("4 voters, 2 acks (a tie is not a majority)", Set.of(1L, 2L, 3L, 4L), Set.of(), Set.of(1L, 2L), false),
                new Row("4 voters, 3 acks", Set.of(1L, 2L, 3L, 4L), Set.of(), Set.of(1L, 2L, 4L), true),
                new Row("4 voters + 3 observers, 2 voters and all observers", Set.of(1L, 2L, 3L, 4L), Set.of(5L, 6L, 7L),
                        Set.of(1L, 2L, 5L, 6L, 7L), false),
                // five voters
                new Row("5 voters, 2 acks", Set.of(1L, 2L, 3L, 4L, 5L), Set.of(), Set.of(4L, 5L), false),
                new Row("5 voters, 3 acks", Set.of(1L, 2L, 3L, 4L, 5L), Set.of(), Set.of(1L, 3L, 5L), true),
                // six voters: even size needs 4
                new Row("6 voters, 3 acks", Set.of(1L, 2L, 3L, 4L, 5L, 6L), Set.of(), Set.of(1L, 2L, 3L), false),
                new Row("6 voters, 4 acks", Set.of(1L, 2L, 3L, 4L, 5L, 6L), Set.of(), Set.of(1L, 2L, 3L, 6L), true),
                // strangers (ids outside the config, e.g. a removed server) never count
                new Row("3 voters, 1 voter and 2 strangers", Set.of(1L, 2L, 3L), Set.of(), Set.of(1L, 98L, 99L), false),
                new Row("3 voters, 2 voters and a stranger", Set.of(1L, 2L, 3L), Set.of(), Set.of(1L, 2L, 99L), true))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void isQuorumCountsOnlyAStrictMajorityOfVoters(Row row) {
        QuorumConfig config = config(row.voters(), row.observers());

        assertThat(config.voters()).containsExactlyInAnyOrderElementsOf(row.voters());
        assertThat(config.observers()).containsExactlyInAnyOrderElementsOf(row.observers());
        assertThat(config.isQuorum(row.acks())).as(row.toString()).isEqualTo(row.quorum());
    }

    @Test
    void votersAndObserversAreListedAscendingAndDisjoint() {
        QuorumConfig config = config(Set.of(5L, 1L, 3L), Set.of(4L, 2L));

        assertThat(config.voters()).containsExactly(1L, 3L, 5L);
        assertThat(config.observers()).containsExactly(2L, 4L);
        assertThat(config.members().keySet()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(config.isVoter(3L)).isTrue();
        assertThat(config.isVoter(2L)).isFalse();
        assertThat(config.isVoter(9L)).isFalse();
        assertThat(config.contains(2L)).isTrue();
        assertThat(config.contains(9L)).isFalse();
    }

    @Test
    void aMemberMustBeFiledUnderItsOwnId() {
        QuorumMember one = member(1L, MemberRole.PARTICIPANT);

        assertThatThrownBy(() -> new QuorumConfig(1, Map.of(2L, one))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuorumConfig.of(1, one, member(1L, MemberRole.OBSERVER)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMembersCannotBeChangedThroughTheConfig() {
        QuorumConfig config = config(Set.of(1L), Set.of());

        assertThatThrownBy(() -> config.members().put(2L, member(2L, MemberRole.PARTICIPANT)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    static QuorumConfig config(Set<Long> voters, Set<Long> observers) {
        List<QuorumMember> members = new ArrayList<>();
        voters.forEach(id -> members.add(member(id, MemberRole.PARTICIPANT)));
        observers.forEach(id -> members.add(member(id, MemberRole.OBSERVER)));
        return QuorumConfig.of(7, members.toArray(QuorumMember[]::new));
    }

    static QuorumMember member(long id, MemberRole role) {
        return new QuorumMember(id, role, "host" + id + ":2888", "host" + id + ":3888", "0.0.0.0:2181");
    }
}
