package io.paddock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.core.tree.DataTree;
import io.paddock.core.zab.ZabAction;
import io.paddock.core.zab.ZabEvent;
import io.paddock.sim.SimOptions;
import io.paddock.sim.SimReplica;
import io.paddock.sim.check.Checker;
import io.paddock.sim.check.Violation;
import io.paddock.sim.history.Observation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** paddock sim over a stand-in replica that does nothing (the simulator's own tests cover the runs themselves). */
class SimCommandTest {
    private static final SimReplica.Factory SILENT = (config, recovered, wallTime) -> new SimReplica() {
        @Override
        public List<ZabAction> start() {
            return List.of(new ZabAction.SaveEpochs(1, 1));
        }

        @Override
        public List<ZabAction> step(ZabEvent event) {
            return List.of();
        }

        @Override
        public DataTree tree() {
            return recovered.tree();
        }
    };

    /** Fails every run that submitted a write at server 2. */
    private static final Checker NO_WRITES_AT_S2 = new Checker() {
        @Override
        public String property() {
            return "no writes at S2";
        }

        @Override
        public List<Violation> check(List<Observation> history) {
            return history.stream().filter(o -> o instanceof Observation.WriteSubmitted && o.peer() == 2).limit(1)
                    .map(o -> new Violation(property(), o.time(), "a write at S2")).toList();
        }
    };

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(List<Checker> checkers, String... args) {
        SimOptions options = SimOptions.defaults(SILENT, checkers).withPhases(8_000, 7_000).withWriteInterval(500);
        CommandLine commandLine = new CommandLine(new SimCommand(options));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void aNegativeClientCountIsABadUsage() {
        int status = run(List.of(), "--seeds", "1", "--clients", "-1");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--clients not negative");
    }

    @Test
    void aBatchOfPassingRunsShowsProgressAndASummary() {
        int status = run(List.of(), "--seeds", "4", "--first", "10", "--jobs", "2");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("4 runs (seeds 10..13)").contains("all passed");
        assertThat(err.toString()).contains("seeds 4/4").contains("0 failed");
    }

    @Test
    void aFailedRunIsReportedWithItsSeedThePropertyAndTheTraceTailAndExitsOne() {
        int status = run(List.of(NO_WRITES_AT_S2), "--seeds", "3", "--jobs", "1", "--tail", "5");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("FAILED seed ").contains("no writes at S2 violated at t=")
                .contains("last 5 trace lines:").contains("replay: paddock sim --seed ").contains("FAILED, seeds [");
    }

    @Test
    void oneSeedReplaysExactlyWithItsWholeTrace() {
        assertThat(run(List.of(), "--seed", "4", "--trace", "--faults", "crash,drop")).isZero();
        String first = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run(List.of(), "--seed", "4", "--trace", "--faults", "crash,drop")).isZero();

        assertThat(first).startsWith("t=0     == seed 4: ").contains("faults [CRASH, DROP]").contains("seed 4: ok (");
        assertThat(out.toString()).isEqualTo(first);
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run(List.of(), "--faults", "meteor")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown fault kind 'meteor'");
        assertThat(run(List.of(), "--trace")).isEqualTo(2);
    }
}
