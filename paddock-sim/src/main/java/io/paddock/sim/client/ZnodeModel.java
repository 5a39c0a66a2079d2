package io.paddock.sim.client;

/** The sequential specification of one znode, as ZooKeeper executes single-path requests. */
final class ZnodeModel {

    record Step(Znode next, Outcome outcome) {
    }

    private ZnodeModel() {
    }

    static Step apply(Znode state, Command command) {
        return switch (command) {
            case Command.Create c -> state.present()
                    ? new Step(state, Outcome.NODE_EXISTS)
                    : new Step(Znode.of(c.data(), 0), Outcome.OK);
            case Command.Delete d -> {
                if (!state.present()) yield new Step(state, Outcome.NO_NODE);
                if (!matches(state, d.expectedVersion())) yield new Step(state, Outcome.BAD_VERSION);
                yield new Step(Znode.ABSENT, Outcome.OK);
            }
            case Command.SetData s -> {
                if (!state.present()) yield new Step(state, Outcome.NO_NODE);
                if (!matches(state, s.expectedVersion())) yield new Step(state, Outcome.BAD_VERSION);
                Znode next = Znode.of(s.data(), state.version() + 1);
                yield new Step(next, new Outcome.Written(next.version()));
            }
            case Command.GetData g -> new Step(state,
                    state.present() ? new Outcome.Read(state.data(), state.version()) : Outcome.NO_NODE);
            case Command.Exists e -> new Step(state,
                    state.present() ? new Outcome.Found(state.version()) : Outcome.NO_NODE);
        };
    }

    private static boolean matches(Znode state, int expectedVersion) {
        return expectedVersion == Command.ANY_VERSION || expectedVersion == state.version();
    }
}
