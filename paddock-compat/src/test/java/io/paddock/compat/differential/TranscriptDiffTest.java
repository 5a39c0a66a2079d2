package io.paddock.compat.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;

/** The harness must notice a one-field difference and say which field; equal transcripts give no diff. */
class TranscriptDiffTest {
    private static final List<Step> SCRIPT = List.of(
            new Step.Create(0, "/a", "x", CreateMode.PERSISTENT), new Step.GetData(1, "/a", true));

    private static Transcript transcript(String server, String stat, List<String> events) {
        return new Transcript(server, List.of("OK path=/a " + stat, "OK data='x' " + stat), Map.of(0, List.of(), 1, events));
    }

    @Test
    void equalTranscriptsHaveNoDiff() {
        Transcript a = transcript("zookeeper", "stat{czxid=2 pzxid=2}", List.of("NodeDataChanged /a"));
        Transcript b = transcript("paddock", "stat{czxid=2 pzxid=2}", List.of("NodeDataChanged /a"));
        assertThat(Transcript.diff(SCRIPT, a, b)).isEmpty();
    }

    @Test
    void aZxidDifferenceIsReportedWithTheStepAndField() {
        Transcript a = transcript("zookeeper", "stat{czxid=2 pzxid=2}", List.of());
        Transcript b = transcript("paddock", "stat{czxid=2 pzxid=3}", List.of());
        assertThat(Transcript.diff(SCRIPT, a, b))
                .contains("step 0 Create[client=0, path=/a")
                .contains("step 1 GetData")
                .contains("pzxid=2 != pzxid=3")
                .doesNotContain("czxid=2 != ");
    }

    @Test
    void missingOrReorderedWatchEventsAreReportedPerClient() {
        Transcript a = transcript("zookeeper", "s", List.of("NodeCreated /a", "NodeDataChanged /a"));
        Transcript b = transcript("paddock", "s", List.of("NodeDataChanged /a", "NodeCreated /a"));
        assertThat(Transcript.diff(SCRIPT, a, b)).contains("watch events of client #1").doesNotContain("client #0");
    }
}
