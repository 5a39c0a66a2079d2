package io.paddock.core.zab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProtocolBreakagesTest {
    @Test
    void theBridgeNamesExactlyTheBreakagesOfTheCore() {
        assertThat(Arrays.stream(ProtocolBreakages.Switch.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(Breakage.values()).map(Enum::name).toList());
    }

    @Test
    void aReplicaIsIntactUntilATestBreaksIt() {
        QuorumConfig quorum = QuorumConfig.of(1, new QuorumMember(1, MemberRole.PARTICIPANT, "q", "e", "c"));
        Replica r = new Replica(new ZabConfig(1, quorum, 10, 5, 2, 8, 50), RecoveredHistory.empty(),
                (tree) -> null);
        assertThat(Breakage.values()).noneMatch(r::broken);
        ProtocolBreakages.apply(r, ProtocolBreakages.Switch.KEEP_HISTORY_ACROSS_TRUNC);
        assertThat(Breakage.values()).filteredOn(r::broken).containsExactly(Breakage.KEEP_HISTORY_ACROSS_TRUNC);
    }
}
