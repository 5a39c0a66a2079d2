package io.paddock.compat.wire;

import io.paddock.core.wire.JuteWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;

/** Apache ZooKeeper's own jute archives, and Paddock's writer, reduced to bytes in and out. */
final class ZkJute {
    private ZkJute() {
    }

    static byte[] paddock(Consumer<JuteWriter> body) {
        JuteWriter w = new JuteWriter();
        body.accept(w);
        return w.toByteArray();
    }

    static byte[] zookeeper(Record record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            record.serialize(BinaryOutputArchive.getArchive(out), "record");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Decodes with ZooKeeper's classes, insisting every byte is consumed. */
    static <T extends Record> T read(byte[] bytes, Supplier<T> empty) {
        return readWith(bytes, archive -> {
            T record = empty.get();
            record.deserialize(archive, "record");
            return record;
        });
    }

    interface ArchiveReader<T> {
        T read(BinaryInputArchive archive) throws IOException;
    }

    static <T> T readWith(byte[] bytes, ArchiveReader<T> reader) {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        try {
            T value = reader.read(BinaryInputArchive.getArchive(in));
            if (in.available() != 0) {
                throw new AssertionError(in.available() + " bytes left after ZooKeeper decoded " + value);
            }
            return value;
        } catch (IOException e) {
            throw new AssertionError("ZooKeeper could not decode " + java.util.Arrays.toString(bytes), e);
        }
    }
}
