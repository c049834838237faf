#!/usr/bin/env bash
# npm run bench:setup -- installs what the Lucene side of `npm run bench` needs (Debian/Ubuntu): a JDK
# (default-jdk-headless, for `java` and `javac`) and Lucene 8 with its Japanese analyzer (liblucene8-java).
# Not run by CI or `npm test`. Needs root or sudo. The jars land in /usr/share/java.
set -euo pipefail

if ! command -v apt-get >/dev/null; then
  echo "bench:setup: no apt-get here. Install a JDK 11+ and Lucene 8 (lucene-core, lucene-analyzers-common," >&2
  echo "lucene-analyzers-kuromoji, lucene-queryparser jars), then set LUCENE_JARS to a ':'-separated list of them." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else echo "bench:setup: run as root (apt-get needs it)" >&2; exit 1; fi
fi

packages=(liblucene8-java)
command -v javac >/dev/null || packages+=(default-jdk-headless)

$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"

java -version
ls /usr/share/java | grep -E '^lucene8?-(core|analyzers-(common|kuromoji)|queryparser)' || true
echo "bench:setup: done. npm run bench now runs Lucene side by side."
