package io.paddock.sim.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.sim.client.Command.Create;
import io.paddock.sim.client.Command.Delete;
import io.paddock.sim.client.Command.Exists;
import io.paddock.sim.client.Command.GetData;
import io.paddock.sim.client.Command.SetData;
import io.paddock.sim.client.Outcome.Found;
import io.paddock.sim.client.Outcome.Read;
import io.paddock.sim.client.Outcome.Written;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

    private static final String A = "/a";
    private static final Outcome NEVER = Outcome.NEVER_RETURNED;

    @Test
    void aSequentialHistoryFollowingTheModelIsLinearizable() {
        History h = new History()
                .add(1, new Exists(A), 0, 1, Outcome.NO_NODE)
                .add(1, new Create(A, "x"), 2, 3, Outcome.OK)
                .add(1, new Create(A, "y"), 4, 5, Outcome.NODE_EXISTS)
                .add(1, new SetData(A, "y", 0), 6, 7, new Written(1))
                .add(1, new SetData(A, "z", 0), 8, 9, Outcome.BAD_VERSION)
                .add(1, new GetData(A), 10, 11, new Read("y", 1))
                .add(1, new Delete(A, 0), 12, 13, Outcome.BAD_VERSION)
                .add(1, new Delete(A, Command.ANY_VERSION), 14, 15, Outcome.OK)
                .add(1, new GetData(A), 16, 17, Outcome.NO_NODE)
                .add(1, new Create(A, "w"), 18, 19, Outcome.OK)
                .add(1, new Exists(A), 20, 21, new Found(0));
        assertThat(LinearizabilityChecker.check(h.operations())).isEqualTo(Result.LINEARIZABLE);
    }

    @Test
    void aSequentialHistoryWithAWrongVersionIsNot() {
        History h = new History()
                .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                .add(1, new SetData(A, "y", -1), 2, 3, new Written(2));
        assertThat(LinearizabilityChecker.check(h.operations())).isInstanceOf(Result.NotLinearizable.class);
    }

    @Test
    void concurrentWritesMayTakeEffectInEitherOrder() {
        for (String last : List.of("p", "q")) {
            String first = last.equals("p") ? "q" : "p";
            History h = new History()
                    .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                    .add(1, new SetData(A, "p", -1), 10, 20, new Written(last.equals("p") ? 2 : 1))
                    .add(2, new SetData(A, "q", -1), 11, 19, new Written(last.equals("q") ? 2 : 1))
                    .add(3, new GetData(A), 30, 31, new Read(last, 2));
            assertThat(LinearizabilityChecker.check(h.operations())).as("last " + last + ", first " + first)
                    .isEqualTo(Result.LINEARIZABLE);
        }
    }

    @Test
    void aReadConcurrentWithAWriteMaySeeEitherValue() {
        for (Outcome seen : List.of(new Read("x", 0), new Read("y", 1))) {
            History h = new History()
                    .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                    .add(1, new SetData(A, "y", 0), 10, 20, new Written(1))
                    .add(2, new GetData(A), 12, 18, seen);
            assertThat(LinearizabilityChecker.check(h.operations())).isEqualTo(Result.LINEARIZABLE);
        }
    }

    @Test
    void aStaleReadAfterACompletedWriteIsNotLinearizable() {
        History h = new History()
                .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                .add(1, new SetData(A, "y", 0), 10, 20, new Written(1))
                .add(2, new GetData(A), 21, 22, new Read("x", 0));
        Result result = LinearizabilityChecker.check(h.operations());
        assertThat(result).isInstanceOf(Result.NotLinearizable.class);
        Result.NotLinearizable not = (Result.NotLinearizable) result;
        assertThat(not.path()).isEqualTo(A);
        assertThat(not.involved()).extracting(Operation::command)
                .containsExactly(new Create(A, "x"), new SetData(A, "y", 0), new GetData(A));
        assertThat(not.explanation()).contains("[10 .. 20] setData(/a, \"y\", v=0) -> ok(version=1)",
                "session 2 [21 .. 22] getData(/a) -> (\"x\", version=0)");
    }

    @Test
    void aStaleExistsAfterACompletedDeleteIsNotLinearizable() {
        History h = new History()
                .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                .add(1, new Delete(A, -1), 2, 3, Outcome.OK)
                .add(2, new Exists(A), 4, 5, new Found(0));
        assertThat(LinearizabilityChecker.check(h.operations())).isInstanceOf(Result.NotLinearizable.class);
    }

    @Test
    void twoCreatesCannotBothSucceed() {
        History h = new History()
                .add(1, new Create(A, "x"), 0, 10, Outcome.OK)
                .add(2, new Create(A, "y"), 1, 9, Outcome.OK);
        assertThat(LinearizabilityChecker.check(h.operations())).isInstanceOf(Result.NotLinearizable.class);
    }

    @Test
    void twoCreatesWithADeleteBetweenMayBothSucceed() {
        History h = new History()
                .add(1, new Create(A, "x"), 0, 10, Outcome.OK)
                .add(2, new Create(A, "y"), 1, 9, Outcome.OK)
                .add(3, new Delete(A, 0), 2, 8, Outcome.OK);
        assertThat(LinearizabilityChecker.check(h.operations())).isEqualTo(Result.LINEARIZABLE);
    }

    @Test
    void aReadOfAVersionNoWriteProducedIsNotLinearizable() {
        History h = new History()
                .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                .add(1, new SetData(A, "y", -1), 2, 10, new Written(1))
                .add(2, new GetData(A), 3, 9, new Read("y", 7));
        Result result = LinearizabilityChecker.check(h.operations());
        assertThat(result).isInstanceOf(Result.NotLinearizable.class);
        // the read alone, on a path assumed absent at the start, is already impossible: nothing else is needed
        assertThat(((Result.NotLinearizable) result).involved()).extracting(Operation::command)
                .containsExactly(new Create(A, "x"), new SetData(A, "y", -1), new GetData(A));
    }

    @Test
    void aWriteThatNeverReturnedMayHaveTakenEffect() {
        History h = new History()
                .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                .add(1, new SetData(A, "y", 0), 2, Operation.NEVER, NEVER)
                .add(2, new GetData(A), 100, 101, new Read("y", 1));
        assertThat(LinearizabilityChecker.check(h.operations())).isEqualTo(Result.LINEARIZABLE);
    }

    @Test
    void aWriteThatNeverReturnedMayNotHaveTakenEffect() {
        History h = new History()
                .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                .add(1, new SetData(A, "y", 0), 2, Operation.NEVER, NEVER)
                .add(2, new GetData(A), 100, 101, new Read("x", 0));
        assertThat(LinearizabilityChecker.check(h.operations())).isEqualTo(Result.LINEARIZABLE);
    }

    @Test
    void aWriteThatNeverReturnedTakesEffectOnceAtMostAndNotBeforeItsInvocation() {
        History once = new History()
                .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                .add(1, new SetData(A, "y", -1), 2, Operation.NEVER, NEVER)
                .add(2, new GetData(A), 100, 101, new Read("y", 1))
                .add(2, new GetData(A), 102, 103, new Read("y", 2));
        assertThat(LinearizabilityChecker.check(once.operations())).isInstanceOf(Result.NotLinearizable.class);

        History early = new History()
                .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                .add(2, new GetData(A), 2, 3, new Read("y", 1))
                .add(1, new SetData(A, "y", -1), 4, Operation.NEVER, NEVER);
        assertThat(LinearizabilityChecker.check(early.operations())).isInstanceOf(Result.NotLinearizable.class);
    }

    @Test
    void aReadWhoseEffectCannotBeUndoneMustStayVisible() {
        // once a later read saw the pending write, an even later read cannot see the old value again
        History h = new History()
                .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                .add(1, new SetData(A, "y", 0), 2, Operation.NEVER, NEVER)
                .add(2, new GetData(A), 10, 11, new Read("y", 1))
                .add(3, new GetData(A), 12, 13, new Read("x", 0));
        Result result = LinearizabilityChecker.check(h.operations());
        assertThat(result).isInstanceOf(Result.NotLinearizable.class);
        assertThat(((Result.NotLinearizable) result).explanation()).contains("[2 .. ...] setData", "never returned");
    }

    @Test
    void pathsAreCheckedIndependently() {
        History h = new History()
                .add(1, new Create("/a", "x"), 0, 10, Outcome.OK)
                .add(2, new Create("/b", "y"), 1, 2, Outcome.OK)
                .add(2, new GetData("/a"), 3, 4, Outcome.NO_NODE)   // /a's create had not taken effect yet: fine
                .add(1, new GetData("/b"), 11, 12, new Read("y", 0))
                .add(3, new Create("/c", "z"), 0, 1, Outcome.OK)
                .add(3, new Create("/c", "z"), 2, 3, Outcome.OK);   // only /c is broken
        Result result = LinearizabilityChecker.check(h.operations());
        assertThat(result).isInstanceOf(Result.NotLinearizable.class);
        Result.NotLinearizable not = (Result.NotLinearizable) result;
        assertThat(not.path()).isEqualTo("/c");
        assertThat(not.involved()).allMatch(o -> o.path().equals("/c")).hasSize(2);
    }

    @Test
    void shrinkingDropsReadsThatDoNotMatter() {
        History h = new History().add(1, new Create(A, "x"), 0, 1, Outcome.OK);
        for (int i = 0; i < 10; i++) h.add(2, new GetData(A), 2 + 2 * i, 3 + 2 * i, new Read("x", 0));
        h.add(1, new SetData(A, "y", -1), 30, 31, new Written(1));
        h.add(2, new GetData(A), 32, 33, new Read("x", 0));
        Result.NotLinearizable not = (Result.NotLinearizable) LinearizabilityChecker.check(h.operations());
        assertThat(not.involved()).extracting(Operation::invokedAt).containsExactly(0L, 30L, 32L);
    }

    @Test
    void aSearchOutOfBudgetIsUnknownNotAVerdict() {
        History h = new History();
        for (int i = 0; i < 12; i++) h.add(i, new SetData(A, "v" + i, -1), 0, 100, Outcome.NO_NODE);
        h.add(99, new Create(A, "x"), 0, 100, Outcome.OK);
        assertThat(new LinearizabilityChecker(20).verify(h.operations()))
                .isInstanceOfSatisfying(Result.Unknown.class, u -> assertThat(u.path()).isEqualTo(A));
        assertThat(new LinearizabilityChecker(1_000_000).verify(h.operations())).isEqualTo(Result.LINEARIZABLE);
    }

    @Test
    void theHistoryRecorderTurnsUnansweredCallsIntoNeverReturnedOps() {
        History h = new History();
        int create = h.invoke(1, new Create(A, "x"), 0);
        int set = h.invoke(2, new SetData(A, "y", -1), 1);
        h.complete(create, Outcome.OK, 5);
        List<Operation> ops = h.operations();
        assertThat(ops).hasSize(2);
        assertThat(ops.get(1)).satisfies(o -> {
            assertThat(o.id()).isEqualTo(set);
            assertThat(o.pending()).isTrue();
            assertThat(o.returnedAt()).isEqualTo(Operation.NEVER);
        });
        assertThatThrownBy(() -> h.complete(create, Outcome.OK, 6)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void malformedOperationsAreRejected() {
        assertThatThrownBy(() -> new Operation(0, 1, new GetData(A), 0, 1, Outcome.OK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Operation(0, 1, new GetData(A), 5, 1, Outcome.NO_NODE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Operation(0, 1, new GetData(A), 0, 1, NEVER))
                .isInstanceOf(IllegalArgumentException.class);
        Operation op = new Operation(0, 1, new GetData(A), 0, 1, Outcome.NO_NODE);
        assertThatThrownBy(() -> LinearizabilityChecker.check(List.of(op, op)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOperationThatFailedWithAnotherErrorChangedNothing() {
        History failedWrite = new History()
                .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                .add(1, new SetData(A, "y", -1), 2, 3, new Outcome.Failed(-112))
                .add(1, new GetData(A), 4, 5, new Read("x", 0));
        assertThat(LinearizabilityChecker.check(failedWrite.operations())).isEqualTo(Result.LINEARIZABLE);
        History seenAnyway = new History()
                .add(1, new Create(A, "x"), 0, 1, Outcome.OK)
                .add(1, new SetData(A, "y", -1), 2, 3, new Outcome.Failed(-118))
                .add(1, new GetData(A), 4, 5, new Read("y", 1));
        assertThat(LinearizabilityChecker.check(seenAnyway.operations())).isInstanceOf(Result.NotLinearizable.class);
    }
}
