package io.paddock.core.wire;

/** An identity: an auth scheme and the id within it, such as {@code digest:alice:hash} or {@code world:anyone}. */
public record Id(String scheme, String id) {
    public static final Id ANYONE = new Id("world", "anyone");
    public static final Id AUTH_IDS = new Id("auth", "");

    public void write(JuteWriter w) {
        w.writeString(scheme).writeString(id);
    }

    public static Id read(JuteReader r) {
        return new Id(r.readString(), r.readString());
    }
}
