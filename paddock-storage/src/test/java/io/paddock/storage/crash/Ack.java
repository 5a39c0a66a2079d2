package io.paddock.storage.crash;

import io.paddock.core.wire.ClientRequest;
import io.paddock.core.wire.ClientResponse;

/** A write whose successful reply reached its client: what was asked, and what the client was told. */
record Ack(long zxid, long sessionId, ClientRequest request, ClientResponse response) {
}
