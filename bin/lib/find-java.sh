# shellcheck shell=bash
# Finds a JDK for Paddock; sourced by bin/paddock and bin/test.
#
#   JAVA_HOME="$(paddock_find_java)" || exit 1
#
# Looks, in order, at $JAVA_HOME, at the `java` on PATH, then at the newest JDK under /usr/lib/jvm
# (PADDOCK_JVM_DIR overrides that directory, for tests). A JDK counts when it has bin/java and bin/javac and its
# feature version is at least PADDOCK_MIN_JAVA.

PADDOCK_MIN_JAVA=21

# Prints the feature version (17, 21, 25…) of the JDK at $1, from its release file or else `java -version`.
paddock_java_major() {
  local home="$1" version=""
  if [ -f "$home/release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)"
  fi
  if [ -z "$version" ] && [ -x "$home/bin/java" ]; then
    version="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  fi
  case "$version" in
    1.*) version="${version#1.}" ;; # 1.8.0_402 is Java 8
  esac
  version="${version%%[!0-9]*}"
  [ -n "$version" ] || return 1
  printf '%s\n' "$version"
}

# Succeeds when $1 is a JDK (java and javac) of at least PADDOCK_MIN_JAVA.
paddock_is_usable_jdk() {
  local home="$1" major
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  major="$(paddock_java_major "$home")" || return 1
  [ "$major" -ge "$PADDOCK_MIN_JAVA" ]
}

# Prints the home of a usable JDK, or explains on stderr and fails.
paddock_find_java() {
  local candidate java_on_path best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && paddock_is_usable_jdk "$JAVA_HOME"; then
    printf '%s\n' "$JAVA_HOME"
    return 0
  fi
  if java_on_path="$(command -v java 2>/dev/null)"; then
    java_on_path="$(readlink -f "$java_on_path" 2>/dev/null || printf '%s' "$java_on_path")"
    candidate="$(dirname "$(dirname "$java_on_path")")"
    if paddock_is_usable_jdk "$candidate"; then
      printf '%s\n' "$candidate"
      return 0
    fi
  fi
  for candidate in "${PADDOCK_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -d "$candidate" ] && paddock_is_usable_jdk "$candidate" || continue
    major="$(paddock_java_major "$candidate")"
    if [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -n "$best" ]; then
    printf '%s\n' "$best"
    return 0
  fi
  echo "Paddock needs JDK 21 or newer; none was found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." \
    "Install one, or set JAVA_HOME." >&2
  return 1
}

# Maven's own Guava calls sun.misc.Unsafe, which JDK 23+ warns about on every build; allow it quietly.
# Call after JAVA_HOME is set.
paddock_quiet_maven() {
  local major
  major="$(paddock_java_major "$JAVA_HOME")" || return 0
  if [ "$major" -ge 23 ]; then
    case "${MAVEN_OPTS:-}" in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}
