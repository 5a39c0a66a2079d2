package io.paddock.sim.check;

import static io.paddock.sim.check.Traces.A;
import static io.paddock.sim.check.Traces.B;
import static io.paddock.sim.check.Traces.C;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestAgreementCheckerTest {
    private final Checker checker = new DigestAgreementChecker();

    @Test
    void equalDigestsHold() {
        assertThat(checker.check(Traces.healthy())).isEmpty();
    }

    @Test
    void theFirstMismatchOfAPeerIsReportedNamingBothPeers() {
        var history = new TraceBuilder()
                .delivers(1, A, B, C)
                .delivers(2, A).at(6).deliversWithDigest(2, B, 0xbad).deliversWithDigest(2, C, 0xbad2)
                .build();
        assertThat(checker.check(history)).singleElement().satisfies(v -> {
            assertThat(v.time()).isEqualTo(6);
            assertThat(v.detail()).isEqualTo("peer 2's tree digest after 0x100000002 is 0xbad but peer 1's was 0x"
                    + Long.toHexString(TraceBuilder.digestAfter(B.zxid())) + " after the same txn");
        });
    }

    @Test
    void aPeerIsJudgedAgainAfterItsTreeIsReplaced() {
        var history = new TraceBuilder()
                .delivers(1, A, B, C)
                .deliversWithDigest(2, A, 1).snapshots(2, A.zxid()).deliversWithDigest(2, B, 2)
                .build();
        assertThat(checker.check(history)).hasSize(2);
    }
}
