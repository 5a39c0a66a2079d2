package io.paddock.core.wire;

import java.util.List;

/** One access-control entry: permission bits granted to an identity. */
public record Acl(int perms, Id id) {
    public static final List<Acl> OPEN_ACL_UNSAFE = List.of(new Acl(Perms.ALL, Id.ANYONE));
    public static final List<Acl> READ_ACL_UNSAFE = List.of(new Acl(Perms.READ, Id.ANYONE));

    public void write(JuteWriter w) {
        w.writeInt(perms);
        id.write(w);
    }

    public static Acl read(JuteReader r) {
        return new Acl(r.readInt(), Id.read(r));
    }

    public static void writeList(JuteWriter w, List<Acl> acls) {
        w.writeVector(acls, (out, a) -> a.write(out));
    }

    public static List<Acl> readList(JuteReader r) {
        return r.readVector(Acl::read);
    }
}
