#!/usr/bin/env bash
# Writes the start-up archive of the packaged app (target/pdf-sluice-runner.jar): a JVM started with it maps the
# classes that start-up, a document's HTTP call and the embedded engine need, already parsed, verified and (Java 25)
# linked, instead of loading them one by one from the jar (docs/BENCHMARKS.md, "Start-up").
# - Java 25 or later: the AOT cache (JEP 483/514/515), <jar>.aot; start with -XX:AOTCache=<jar>.aot
# - Java 17-24: a dynamic AppCDS archive, <jar>.jsa; start with -XX:SharedArchiveFile=<jar>.jsa
#
# Two run-once passes of the app itself on the embedded engine: the first converts a Markdown page, the second
# (recorded) converts a page, a JSON-lines and a CSV batch, and that PDF into page images, so the archive covers
# start-up, batches, the HTTP call to an API, md -> PDF and PDF -> JPG. An archive fits one jar and one JVM:
# `./mvnw package` runs this with the java that runs Maven (the README's), the JVM image with its own. A JVM that
# cannot use an archive warns and starts without it. CDS_JAVA names the java; CDS_PORT the port of the passes
# (default: a free one).
#
#   bash docker/cds-archive.sh [jar, default target/pdf-sluice-runner.jar] [archive, default <jar>.aot or <jar>.jsa]
set -euo pipefail
jar=${1:-target/pdf-sluice-runner.jar}
if [[ ! -f $jar ]]; then # a native build makes no jar
  echo "cds-archive: no $jar, no archive written"
  exit 0
fi
jar=$(realpath "$jar")
java=${CDS_JAVA:-java}
if "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -qw AOTCacheOutput; then
  kind=aot flag=-XX:AOTCache
else
  kind=jsa flag=-XX:SharedArchiveFile
fi
archive=$(realpath -m "${2:-${jar%.jar}.$kind}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The passes use the embedded engine alone: none of the caller's settings (an API URL and key, a queue) reach them,
# and they run in the work folder, away from a .env or config/ the app would read from the working directory.
while read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(SLUICE_|QUARKUS_|CAMEL_)' || true)
cd "$work"

taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${CDS_PORT:-}
if [[ -z $port ]]; then
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    taken "$port" || break
  done
fi

run_once() { # inbox outbox [JVM options...]
  local inbox=$1 outbox=$2
  shift 2
  SLUICE_RUN_ONCE=true SLUICE_PROVIDER=local SLUICE_INBOX="$inbox" SLUICE_OUTBOX="$outbox" SLUICE_INBOX_MIN_AGE_MS=0 \
    SLUICE_QUEUE_ENABLED=false SLUICE_CLUSTER_ENABLED=false PORT="$port" \
    "$java" "$@" -jar "$jar" > "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; return 1; }
}

mkdir -p "$work/first" "$work/second"
page='# Warm-up\n\nΚαλημέρα, Привет.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'
printf '%b' "$page" > "$work/first/page.md"
run_once "$work/first" "$work/first-out"
printf '%b' "$page" > "$work/second/again.md"
printf '%s\n' '{"id": "a-1", "title": "A 1", "markdown": "# A 1"}' '{"id": "a-2", "title": "A 2", "markdown": "# A 2"}' \
  > "$work/second/batch.jsonl"
printf '%s\n' 'id,title,markdown' 'c-1,C 1,# C 1' > "$work/second/batch.csv"
cp "$work/first-out/page.pdf" "$work/second/scan.pdf"
rm -f "$archive"
if [[ $kind == aot ]]; then
  # Without the adapters' code: JDK 25.0.3 warned on every start that it could not link one of them.
  run_once "$work/second" "$work/second-out" -XX:AOTCacheOutput="$archive" \
    -XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching
else
  run_once "$work/second" "$work/second-out" -XX:ArchiveClassesAtExit="$archive"
fi
[[ -f $archive ]] || { echo "cds-archive: no archive written" >&2; exit 1; }
echo "cds-archive: wrote $archive; start the app with $flag=$archive"
