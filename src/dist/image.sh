#!/bin/sh
# Builds the self-contained image (mvn package -Pimage): the distribution's layout plus runtime/,
# a Java runtime trimmed by jlink to the modules herald uses, which bin/herald prefers to any other
# Java. Usage: image.sh JDK_HOME VERSION TARGET_DIR (run from the project folder).
# Leaves TARGET_DIR/herald-VERSION-image/ and herald-VERSION-image-OS-ARCH.tar.gz beside it.
set -eu
jdk=$1
version=$2
target=$3
name=herald-$version-image
image=$target/$name

[ -x "$jdk/bin/jlink" ] || {
  echo "image.sh: $jdk has no bin/jlink: build the image with a full JDK 17 or newer" >&2
  exit 1
}
rm -rf "$image"
mkdir -p "$image/bin" "$image/lib"

# The modules the jar's classes refer to...
found=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$target/herald.jar")
# ...less jdk.javadoc (and the compiler it brings), which only ICU's doclets refer to: a tool of
# ICU's own build that herald never loads
found=$(printf '%s\n' "$found" | sed -e 's/,jdk\.javadoc//' -e 's/^jdk\.javadoc,//')
# ...and those that code asks for by name at run time, which jdeps cannot see:
#   jdk.crypto.ec    elliptic-curve TLS key exchange (most mail servers offer only ECDHE)
#   jdk.charsets     non-UTF-8 contact lists (Windows-1250, ISO-8859-2 ...)
#   jdk.localedata   month names for embargo notices in the contacts' languages
#   jdk.naming.dns   the SPF/DMARC/DKIM look-ups of `check --server` (JNDI's dns: provider)
modules=$found,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.naming.dns
echo "image.sh: jlink --add-modules $modules"
"$jdk/bin/jlink" \
  --add-modules "$modules" \
  --include-locales=en,pl,de,fr,it,es,pt,nl,cs,sk,hu,ro,lt,lv,et,sl,hr,bg,el,da,sv,fi,uk \
  --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$image/runtime"

cp bin/herald bin/herald.cmd "$image/bin/"
chmod 755 "$image/bin/herald"
cp "$target/herald.jar" "$image/lib/"
cp -R "$target/dist/share" "$image/"
mkdir -p "$image/share/bash-completion/completions" "$image/share/zsh/site-functions"
cp "$target/herald-completion.bash" "$image/share/bash-completion/completions/herald"
cp src/dist/zsh/_herald "$image/share/zsh/site-functions/"
cp README.md "$image/"
for f in LICENSE* NOTICE*; do [ -f "$f" ] && cp "$f" "$image/"; done

os=$(uname -s | tr '[:upper:]' '[:lower:]')
arch=$(uname -m)
tar czf "$target/$name-$os-$arch.tar.gz" -C "$target" "$name"
echo "image.sh: $target/$name-$os-$arch.tar.gz ($(du -sh "$image" | cut -f1) unpacked)"
