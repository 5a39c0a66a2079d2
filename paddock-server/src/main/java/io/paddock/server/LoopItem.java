package io.paddock.server;

import io.paddock.core.node.Event;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** What other threads hand to the peer loop. Only the loop thread looks inside. */
sealed interface LoopItem {

    /** A core event to step, with nothing else attached. */
    record CoreEvent(Event event) implements LoopItem {
    }

    /** A connection was accepted: the loop starts tracking it, then steps ConnectionOpened. */
    record Opened(long connectionId, ClientConnection connection, String remoteHost) implements LoopItem {
    }

    /** A connection's first frame was a four-letter word: the loop answers it and closes the connection. */
    record FourLetter(FourLetterWordReceived word) implements LoopItem {
    }

    /** Nothing to step: wakes an idle loop so it carries on with background work (a snapshot walk). */
    record Wake() implements LoopItem {
    }

    /** A read-only look at the loop's state (for four-letter words and admin views); not a core event. */
    record Query<T>(Function<LoopState, T> question, CompletableFuture<T> answer) implements LoopItem {
    }
}
