package io.paddock.compat.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.compat.support.ServerKinds;
import java.util.List;

/** Runs one script against Apache ZooKeeper and the candidate, and fails with a readable diff if they differ. */
final class DifferentialHarness {
    static final String REFERENCE = "zookeeper";

    private DifferentialHarness() {
    }

    static String candidate() {
        return ServerKinds.differentialCandidate();
    }

    static Transcript compare(String label, List<Step> script, int clients) throws Exception {
        Transcript reference = new ScriptRunner(REFERENCE, clients).run(script);
        Transcript candidate = new ScriptRunner(candidate(), clients).run(script);
        String diff = Transcript.diff(script, reference, candidate);
        System.out.printf("%s: %d steps compared, %s vs %s, %s%n", label, script.size(), REFERENCE, candidate(),
                diff.isEmpty() ? "identical" : "DIFFERENT");
        assertThat(diff)
                .as(() -> label + ": " + candidate() + " differs from Apache ZooKeeper\n" + diff
                        + "\nfull reference transcript:\n" + render(script, reference))
                .isEmpty();
        return reference;
    }

    static String render(List<Step> script, Transcript t) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < t.steps().size(); i++) {
            out.append(String.format("%3d %-60s %s%n", i, script.get(i), t.steps().get(i)));
        }
        t.events().forEach((client, events) -> out.append("events client #").append(client).append(": ").append(events).append('\n'));
        return out.toString();
    }
}
