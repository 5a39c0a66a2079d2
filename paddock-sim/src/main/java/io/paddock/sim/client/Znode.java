package io.paddock.sim.client;

/** The sequential model's state of one path: absent, or present with data and version. */
record Znode(boolean present, String data, int version) {

    static final Znode ABSENT = new Znode(false, "", -1);

    Znode {
        assert present ? data != null && version >= 0 : version == -1;
    }

    static Znode of(String data, int version) {
        return new Znode(true, data, version);
    }

    @Override
    public String toString() {
        return present ? "(\"" + data + "\", version=" + version + ")" : "absent";
    }
}
