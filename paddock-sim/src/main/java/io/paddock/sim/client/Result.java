package io.paddock.sim.client;

import java.util.List;
import java.util.stream.Collectors;

/** The verdict on a history. */
public sealed interface Result {

    record Linearizable() implements Result {
    }

    /**
     * No linearization exists for {@code path}. {@code involved} is a shrunk sub-history that is still not
     * linearizable (reads and failed writes that do not matter were dropped), in invocation order.
     */
    record NotLinearizable(String path, List<Operation> involved) implements Result {
        public NotLinearizable {
            involved = List.copyOf(involved);
        }

        public String explanation() {
            return "no linearization of these operations on " + path + ":\n" + involved.stream()
                    .map(o -> "  " + o).collect(Collectors.joining("\n"));
        }

        @Override
        public String toString() {
            return "NOT_LINEARIZABLE " + explanation();
        }
    }

    /** The search on {@code path} gave up before deciding. */
    record Unknown(String path, String reason) implements Result {
        @Override
        public String toString() {
            return "UNKNOWN on " + path + ": " + reason;
        }
    }

    Result LINEARIZABLE = new Linearizable();
}
