package io.paddock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/lib/find-java.sh, run by bash against fake JDK homes. */
class FindJavaScriptTest {
    @TempDir
    Path dir;

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Path script() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("bin/lib/find-java.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("bin/lib/find-java.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** A fake JDK home whose java reports {@code version}; with or without a release file and a javac. */
    private Path jdk(String name, String version, boolean releaseFile, boolean javac) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jvm-homes").resolve(name));
        Path bin = Files.createDirectories(home.resolve("bin"));
        executable(bin.resolve("java"), "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2025-01-01' >&2\n");
        if (javac) {
            executable(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        }
        if (releaseFile) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        }
        return home;
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A directory standing in for /usr/lib/jvm, holding links to the given homes. */
    private Path jvmDir(Path... homes) throws IOException {
        Path jvm = Files.createDirectories(dir.resolve("usr-lib-jvm"));
        for (Path home : homes) {
            Files.createSymbolicLink(jvm.resolve(home.getFileName()), home);
        }
        return jvm;
    }

    private Result find(Path javaHome, Path javaOnPath, Path jvmDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "source \"$0\" && paddock_find_java",
                script().toString());
        Map<String, String> env = builder.environment();
        env.remove("JAVA_HOME");
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome.toString());
        }
        env.put("PATH", javaOnPath.resolve("bin") + ":/usr/bin:/bin");
        env.put("PADDOCK_JVM_DIR", jvmDir.toString());
        Process process = builder.start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("find-java.sh finished").isTrue();
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    @Test
    void javaHomeWinsWhenItIsNewEnough() throws Exception {
        Path home = jdk("home21", "21.0.2", true, true);
        Path onPath = jdk("path22", "22", true, true);

        Result result = find(home, onPath, jvmDir(jdk("jvm25", "25.0.1", true, true)));

        assertThat(result).isEqualTo(new Result(0, home.toString(), ""));
    }

    @Test
    void javaOnPathIsNextWhenJavaHomeIsTooOld() throws Exception {
        Path onPath = jdk("path22", "22.0.1", false, true);

        Result result = find(jdk("home17", "17.0.9", true, true), onPath, jvmDir(jdk("jvm25", "25", true, true)));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(onPath.toRealPath().toString());
    }

    @Test
    void otherwiseTheNewestJdkUnderTheJvmDirectory() throws Exception {
        Path jvm = jvmDir(jdk("jdk-21", "21.0.5", true, true), jdk("jdk-24", "24", false, true),
                jdk("jdk-8", "1.8.0_402", true, true), jdk("jre-30", "30", true, false));

        Result result = find(null, jdk("path17", "17.0.2", true, true), jvm);

        assertThat(result).isEqualTo(new Result(0, jvm.resolve("jdk-24").toString(), ""));
    }

    @Test
    void explainsWhenNoneIsFound() throws Exception {
        Path old = jdk("jdk-17", "17.0.15", true, true);

        Result result = find(old, old, jvmDir(old, jdk("jdk-11", "11.0.2", true, true)));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEqualTo("Paddock needs JDK 21 or newer; none was found (looked at JAVA_HOME,"
                + " PATH and /usr/lib/jvm). Install one, or set JAVA_HOME.");
    }
}
