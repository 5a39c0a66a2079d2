package io.paddock.storage.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory disk that keeps exactly what the {@link FileSystem} durability rules promise and loses the rest
 * on {@link #crash()}: file bytes survive once their file was forced, directory entries (creations, renames,
 * deletes) once their directory was forced. A crash may also tear the last unforced write of each file, and
 * reads may flip a bit, both drawn from one seeded Random so that a seed replays a run exactly.
 *
 * <p>Directories themselves are durable as soon as they are created: the seam cannot force a directory's
 * parent, and data directories are made once, before any data goes in.
 *
 * <p>Single-threaded, like the storage code it hosts.
 */
public final class SimulatedFileSystem implements FileSystem {

    /**
     * @param seed               drives every random choice (tears, bit flips)
     * @param tearProbability    per file, at a crash, the chance that a prefix of its last unforced write lands
     * @param bitFlipProbability per read call, the chance that one bit of the bytes returned is flipped
     */
    public record Options(long seed, double tearProbability, double bitFlipProbability) {
        public Options {
            if (tearProbability < 0 || tearProbability > 1 || bitFlipProbability < 0 || bitFlipProbability > 1) {
                throw new IllegalArgumentException("probabilities lie in [0, 1]: " + tearProbability + ", " + bitFlipProbability);
            }
        }

        /** No tears, no bit flips. */
        public static Options seeded(long seed) {
            return new Options(seed, 0, 0);
        }

        public Options withTears(double probability) {
            return new Options(seed, probability, bitFlipProbability);
        }

        public Options withBitFlips(double probability) {
            return new Options(seed, tearProbability, probability);
        }
    }

    /** When, around the chosen force, {@link #crashAtForce} crashes the machine. */
    public enum Moment { BEFORE, AFTER }

    private final Options options;
    private final Random random;
    /** Entries as a reader sees them now, per directory; the key set is every directory that exists. */
    private final Map<Path, TreeMap<String, SimulatedContent>> entries = new HashMap<>();
    /** Entries as a crash leaves them. */
    private final Map<Path, TreeMap<String, SimulatedContent>> durableEntries = new HashMap<>();
    private ForceObserver observer = new ForceObserver() { };
    /** Handles opened before the latest crash carry an older generation and refuse to work. */
    private int generation;
    private boolean halted;
    private int forces;
    private int fileForces;
    private int directoryForces;
    private int crashes;

    public SimulatedFileSystem(Options options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    public SimulatedFileSystem(long seed) {
        this(Options.seeded(seed));
    }

    public Options options() {
        return options;
    }

    // ---- FileSystem ----

    @Override
    public FileHandle open(Path path) throws IOException {
        checkRunning();
        Path p = normalize(path);
        TreeMap<String, SimulatedContent> dir = existingParent(p);
        if (entries.containsKey(p)) {
            throw new IOException(p + " is a directory");
        }
        SimulatedContent content = dir.computeIfAbsent(name(p), n -> new SimulatedContent());
        return new Handle(p, content, generation);
    }

    @Override
    public boolean exists(Path path) {
        checkRunning();
        Path p = normalize(path);
        if (entries.containsKey(p)) {
            return true;
        }
        TreeMap<String, SimulatedContent> dir = p.getParent() == null ? null : entries.get(p.getParent());
        return dir != null && dir.containsKey(name(p));
    }

    @Override
    public List<String> list(Path dir) {
        checkRunning();
        TreeMap<String, SimulatedContent> d = entries.get(normalize(dir));
        return d == null ? List.of() : List.copyOf(d.keySet());
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        checkRunning();
        Path p = normalize(dir);
        List<Path> missing = new ArrayList<>();
        for (Path d = p; d != null && !entries.containsKey(d); d = d.getParent()) {
            Path parent = d.getParent();
            if (parent != null && entries.containsKey(parent) && entries.get(parent).containsKey(name(d))) {
                throw new FileAlreadyExistsException(d + " is a file");
            }
            missing.add(d);
        }
        for (Path d : missing) {
            entries.put(d, new TreeMap<>());
            durableEntries.put(d, new TreeMap<>());
        }
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        checkRunning();
        Path f = normalize(from);
        Path t = normalize(to);
        TreeMap<String, SimulatedContent> fromDir = existingParent(f);
        TreeMap<String, SimulatedContent> toDir = existingParent(t);
        SimulatedContent content = fromDir.get(name(f));
        if (content == null) {
            throw new NoSuchFileException(f.toString());
        }
        if (entries.containsKey(t)) {
            throw new IOException(t + " is a directory");
        }
        fromDir.remove(name(f));
        toDir.put(name(t), content);
    }

    @Override
    public void delete(Path path) throws IOException {
        checkRunning();
        Path p = normalize(path);
        if (entries.containsKey(p)) {
            throw new IOException(p + " is a directory; storage deletes only files");
        }
        TreeMap<String, SimulatedContent> dir = p.getParent() == null ? null : entries.get(p.getParent());
        if (dir != null) {
            dir.remove(name(p));
        }
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        checkRunning();
        Path p = normalize(dir);
        TreeMap<String, SimulatedContent> d = entries.get(p);
        if (d == null) {
            throw new NoSuchFileException(p.toString());
        }
        ForcePoint point = new ForcePoint(++forces, p, true);
        directoryForces++;
        observer.beforeForce(point);
        durableEntries.put(p, new TreeMap<>(d));
        observer.afterForce(point);
    }

    // ---- crashes ----

    /**
     * The machine loses power: every directory goes back to its durable entries and every file reachable from
     * them to its durable bytes (torn, with the configured probability); what is reachable from no durable entry
     * is gone. Handles opened before now throw on use. The file system stays usable, as a restarted machine's.
     */
    public void crash() {
        crashes++;
        generation++;
        entries.clear();
        durableEntries.forEach((dir, names) -> entries.put(dir, new TreeMap<>(names)));
        // Sorted iteration keeps the random draws in a stable order, so a seed replays the same tears; a file
        // with two durable names (a rename not yet forced in one of the directories) is reset once.
        List<Path> dirs = new ArrayList<>(durableEntries.keySet());
        dirs.sort(null);
        Set<SimulatedContent> reset = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Path d : dirs) {
            for (SimulatedContent c : durableEntries.get(d).values()) {
                if (reset.add(c)) {
                    c.crash(random, options.tearProbability() > 0 && random.nextDouble() < options.tearProbability());
                }
            }
        }
    }

    /**
     * Crashes the machine at the {@code forceNumber}-th force (counting file and directory forces from 1), just
     * before it takes effect or just after, then throws {@link SimulatedCrash} out of that force. Every later
     * operation throws {@link SimulatedCrash} too, so no cleanup code of the dead process touches the disk,
     * until {@link #restart()}.
     */
    public void crashAtForce(int forceNumber, Moment moment) {
        if (forceNumber <= forces) {
            throw new IllegalArgumentException("force " + forceNumber + " already happened (" + forces + " so far)");
        }
        observer = new ForceObserver() {
            @Override
            public void beforeForce(ForcePoint point) {
                if (moment == Moment.BEFORE && point.number() == forceNumber) {
                    halt("before " + point);
                }
            }

            @Override
            public void afterForce(ForcePoint point) {
                if (moment == Moment.AFTER && point.number() == forceNumber) {
                    halt("after " + point);
                }
            }
        };
    }

    /** Crashes now and throws {@link SimulatedCrash}; operations keep throwing until {@link #restart()}. */
    public void halt(String why) {
        crash();
        halted = true;
        throw new SimulatedCrash("simulated crash " + why);
    }

    /** After a halt: the machine is back (its disk as the crash left it). */
    public void restart() {
        halted = false;
    }

    public boolean halted() {
        return halted;
    }

    public void setForceObserver(ForceObserver observer) {
        this.observer = observer == null ? new ForceObserver() { } : observer;
    }

    /** File forces plus directory forces so far. */
    public int forceCount() {
        return forces;
    }

    public int fileForceCount() {
        return fileForces;
    }

    public int directoryForceCount() {
        return directoryForces;
    }

    public int crashCount() {
        return crashes;
    }

    /** The size a crash now would leave (before any tear), or -1 when no durable entry names the file. */
    public long durableSize(Path path) {
        Path p = normalize(path);
        TreeMap<String, SimulatedContent> dir = p.getParent() == null ? null : durableEntries.get(p.getParent());
        SimulatedContent c = dir == null ? null : dir.get(name(p));
        return c == null ? -1 : c.durableSize();
    }

    // ---- internals ----

    private void checkRunning() {
        if (halted) {
            throw new SimulatedCrash("the simulated machine has crashed; restart() it first");
        }
    }

    private TreeMap<String, SimulatedContent> existingParent(Path p) throws NoSuchFileException {
        TreeMap<String, SimulatedContent> dir = p.getParent() == null ? null : entries.get(p.getParent());
        if (dir == null) {
            throw new NoSuchFileException(p.toString(), null, "no such directory: " + p.getParent());
        }
        return dir;
    }

    private static Path normalize(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    private void maybeFlipBit(ByteBuffer dst, int start, int count) {
        if (count > 0 && options.bitFlipProbability() > 0 && random.nextDouble() < options.bitFlipProbability()) {
            int at = start + random.nextInt(count);
            dst.put(at, (byte) (dst.get(at) ^ (1 << random.nextInt(8))));
        }
    }

    private final class Handle implements FileHandle {
        private final Path path;
        private final SimulatedContent content;
        private final int openedIn;
        private boolean closed;

        Handle(Path path, SimulatedContent content, int openedIn) {
            this.path = path;
            this.content = content;
            this.openedIn = openedIn;
        }

        @Override
        public long size() throws IOException {
            check();
            return content.size();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            check();
            int start = dst.position();
            int n = content.read(dst, position);
            maybeFlipBit(dst, start, n);
            return n;
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            check();
            content.write(src, position);
        }

        @Override
        public void force() throws IOException {
            check();
            ForcePoint point = new ForcePoint(++forces, path, false);
            fileForces++;
            observer.beforeForce(point);
            content.force();
            observer.afterForce(point);
        }

        @Override
        public void truncate(long size) throws IOException {
            check();
            content.truncate(size);
        }

        /** Closing never touches the disk, so it is allowed on a handle a crash made stale. */
        @Override
        public void close() {
            closed = true;
        }

        private void check() throws IOException {
            checkRunning();
            if (closed) {
                throw new ClosedChannelException();
            }
            if (openedIn != generation) {
                throw new IOException("stale handle for " + path + ": the simulated machine crashed after it was opened");
            }
        }
    }
}
