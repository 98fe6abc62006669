#!/bin/sh
# Builds the class-data sharing archive that bin/herald starts with in the source tree (mvn
# package, after the jar; README, "Performance"). Usage: cds.sh JAVA JAR
#
# A JVM that starts with an archive maps the classes it holds, already parsed and verified,
# instead of reading them from the jar: `herald --help` starts faster. The archive is static
# (-Xshare:dump over the classes that a few training runs loaded: help, version, init, check,
# preview, a dry run and a send to the outbox), so it holds the JDK's classes as well as
# herald's and also serves the image, whose trimmed runtime has no archive of its own.
#
# The archive fits one JVM build and one jar at one path: Java 17 records the jar's path and
# refuses the archive once the jar is elsewhere, which is why the distribution and the image,
# unpacked wherever their users like, ship none. Beside the archive, herald.jsa.java names the
# JVM build (JAVA_RUNTIME_VERSION of its release file), the jar's real path and the Java binary's
# real path; bin/herald uses
# the archive only when both are its own and the jar is not newer than the archive, and the JVM
# itself refuses (silently, for a static archive) one whose jar has changed since. A refused
# archive would also cost the JDK's own default archive: hence the checks before using it.
# Leaves herald.jsa and herald.jsa.java beside the jar.
set -eu
java=$1
jar=$(cd "$(dirname "$2")" && pwd -P)/$(basename "$2")
jsa=${jar%.jar}.jsa
rm -f "$jsa" "$jsa.java"

jhome=$(dirname "$(dirname "$java")")
build=$(sed -n 's/^JAVA_RUNTIME_VERSION="\([^"]*\)".*/\1/p' "$jhome/release" 2>/dev/null || true)
if [ -z "$build" ]; then
  echo "cds.sh: $jhome/release names no JAVA_RUNTIME_VERSION: no class-data archive built" >&2
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/folder"
lists=
n=0
# One training run: a herald command in the training folder, its loaded classes listed.
train() {
  n=$((n + 1))
  (cd "$work/folder" && HERALD_SMTP_PASSWORD= "$java" -XX:DumpLoadedClassList="$work/$n.lst" \
    -jar "$jar" "$@" >"$work/$n.out" 2>&1) || {
    echo "cds.sh: training run failed: herald $*" >&2
    cat "$work/$n.out" >&2
    exit 1
  }
  lists="$lists $work/$n.lst"
}
train --help
train --version
train send --help
train init
train check templates/release.md
train preview templates/release.md
train send templates/release.md --dry-run --format json
train send templates/release.md --dry-run
train send templates/release.md --yes

# The runs' lists in one, each class once, in the order first loaded.
# shellcheck disable=SC2086
awk '!/^#/ && !seen[$0]++' $lists >"$work/classes.lst"
"$java" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$jsa" \
  -cp "$jar" >"$work/dump.out" 2>&1 || {
  cat "$work/dump.out" >&2
  echo "cds.sh: the JVM could not write the class-data archive" >&2
  exit 1
}
# the third line: the Java binary's real path, which bin/herald compares with the java it found
# (test -ef) instead of following that java's links with readlink, which costs it about 12 ms
real_java=$(cd "$(dirname "$java")" && pwd -P)/$(basename "$java")
printf '%s\n%s\n%s\n' "$build" "$jar" "$real_java" >"$jsa.java"
echo "cds.sh: $jsa ($(du -k "$jsa" | cut -f1) KB) for Java $build"
