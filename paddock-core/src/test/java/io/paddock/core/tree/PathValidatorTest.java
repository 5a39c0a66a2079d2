package io.paddock.core.tree;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper's PathUtils.validatePath rules. The tables were checked against ZooKeeper 3.9.5's own validator;
 * the property compares the implementation with a segment-by-segment restatement of the same rules.
 */
class PathValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b", "/a.", "/.a", "/..a", "/a..", "/...", "/a/.b/c", "/a/b..c/d",
            "/\u00e9", "/\u00a0", "/\u007e", "/\uf900", "/\uffef", "/ a", "/zookeeper", "/\u65e5\u672c"})
    void acceptsWhatZooKeeperAccepts(String path) {
        assertThat(PathValidator.problem(path)).as("problem with %s", escaped(path)).isNull();
        assertThat(PathValidator.isValid(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b", "/a/", "/a/b/", "//", "//a", "/a//b", "/.", "/..", "/a/.", "/a/..", "/a/./b",
            "/a/../b", "/./a", "/../a"})
    void rejectsRelativeAndMalformedPaths(String path) {
        assertThat(PathValidator.isValid(path)).as(path).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\u0000b", "/\u0000", "/\u0001", "/\t", "/\u001f", "/\u007f", "/\u0080", "/\u009f",
            "/\ud800", "/\udbff", "/\udc00", "/\udfff", "/\ud83d\ude00", "/\ue000", "/\uf8ff", "/\ufff0", "/\ufffd",
            "/\uffff", "/ok/\u0085"})
    void rejectsControlSurrogateAndPrivateUseCharacters(String path) {
        assertThat(PathValidator.problem(path)).as(escaped(path)).isNotNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsNullAndEmpty(String path) {
        assertThat(PathValidator.problem(path)).isNotNull();
    }

    @Test
    void problemsSayWhereTheyAre() {
        assertThat(PathValidator.problem("/ab\u0000")).contains("3");
        assertThat(PathValidator.problem("/a//b")).contains("3");
        assertThat(PathValidator.problem("/a/..")).contains("relative");
    }

    @Test
    void parentAndChildName() {
        assertThat(PathValidator.parentOf("/a")).isEqualTo("/");
        assertThat(PathValidator.parentOf("/a/b")).isEqualTo("/a");
        assertThat(PathValidator.parentOf("/a/b/c")).isEqualTo("/a/b");
        assertThat(PathValidator.childName("/a")).isEqualTo("a");
        assertThat(PathValidator.childName("/a/b-0000000001")).isEqualTo("b-0000000001");
    }

    @Property(tries = 500)
    void agreesWithASegmentwiseRestatementOfTheRules(@ForAll("paths") String path) {
        assertThat(PathValidator.isValid(path)).as(escaped(path)).isEqualTo(referenceIsValid(path));
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<Character> interesting = Arbitraries.of('/', '/', '/', '.', '.', 'a', 'b', '\u0000', '\u001f', '\u007f',
                '\u009f', '\u00a0', '\ud800', '\udfff', '\ue000', '\uf8ff', '\uf900', '\uffef', '\ufff0', ' ');
        return interesting.list().ofMaxSize(8)
                .map(cs -> {
                    StringBuilder sb = new StringBuilder("/");
                    cs.forEach(sb::append);
                    return sb.toString();
                });
    }

    private static boolean referenceIsValid(String path) {
        if (path.equals("/")) {
            return true;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
            for (char c : segment.toCharArray()) {
                boolean control = c <= 0x1f || (c >= 0x7f && c <= 0x9f);
                boolean surrogateOrPrivate = c >= 0xd800 && c <= 0xf8ff;
                boolean specials = c >= 0xfff0;
                if (control || surrogateOrPrivate || specials) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String escaped(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }
}
