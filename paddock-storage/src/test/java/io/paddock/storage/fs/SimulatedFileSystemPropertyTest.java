package io.paddock.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random writes, truncates, forces and crashes on one file agree with a two-array model of it. */
class SimulatedFileSystemPropertyTest {
    private static final Path DIR = Path.of("/d");
    private static final Path FILE = DIR.resolve("f");

    sealed interface Op {
    }

    record Write(int position, byte[] bytes) implements Op {
        @Override
        public String toString() {
            return "write(" + position + ", " + bytes.length + " bytes)";
        }
    }

    record Truncate(int size) implements Op {
    }

    record Force() implements Op {
    }

    record Crash() implements Op {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> write = Arbitraries.integers().between(0, 300).flatMap(pos ->
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(80).map(b -> new Write(pos, b)));
        Arbitrary<Op> truncate = Arbitraries.integers().between(0, 300).map(Truncate::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, write),
                net.jqwik.api.Tuple.of(1, truncate),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Force())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Crash()))).list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void aCrashLeavesExactlyTheBytesOfTheLastForce(@ForAll("ops") List<Op> ops) throws IOException {
        SimulatedFileSystem fs = new SimulatedFileSystem(1);
        fs.createDirectories(DIR);
        fs.open(FILE).close();
        fs.forceDirectory(DIR);
        byte[] current = new byte[0];
        byte[] durable = new byte[0];
        FileHandle h = fs.open(FILE);
        for (Op op : ops) {
            switch (op) {
                case Write w -> {
                    h.write(ByteBuffer.wrap(w.bytes()), w.position());
                    int end = w.position() + w.bytes().length;
                    if (end > current.length) {
                        current = Arrays.copyOf(current, end);
                    }
                    System.arraycopy(w.bytes(), 0, current, w.position(), w.bytes().length);
                }
                case Truncate t -> {
                    h.truncate(t.size());
                    if (t.size() < current.length) {
                        current = Arrays.copyOf(current, t.size());
                    }
                }
                case Force f -> {
                    h.force();
                    durable = current.clone();
                }
                case Crash c -> {
                    fs.crash();
                    h = fs.open(FILE);
                    current = durable.clone();
                }
            }
            assertThat(read(h)).as("after %s", op).isEqualTo(current);
        }
        fs.crash();
        assertThat(read(fs.open(FILE))).isEqualTo(durable);
    }

    private static byte[] read(FileHandle h) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) h.size());
        while (buf.hasRemaining() && h.read(buf, buf.position()) > 0) {
            // until full
        }
        return buf.array();
    }
}
