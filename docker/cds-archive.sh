#!/usr/bin/env bash
# Writes the start-up archive of the packaged app (target/pdf-sluice-runner.jar): a JVM started with it maps the
# classes that start-up, a document's HTTP call and the embedded engine need, already parsed and verified, instead
# of loading them one by one from the jar (docs/BENCHMARKS.md, "One jar an archive can hold"). One name, <jar>.jsa,
# so that one command starts the app on any Java: -XX:SharedArchiveFile=<jar>.jsa
# - Java 25 or later: the AOT cache (JEP 483/514/515), which keeps the classes linked too; -XX:AOTCache=<jar>.jsa
#   starts with all of it, 0.15-0.3 s sooner than -XX:SharedArchiveFile
# - Java 17-24: a dynamic AppCDS archive
#
# Two run-once passes of the app itself on the embedded engine: the first converts a Markdown page, the second
# (recorded) converts a page, a JSON-lines and a CSV batch, and that PDF into page images, so the archive covers
# start-up, batches, the HTTP call to an API, md -> PDF and PDF -> JPG. An archive fits one jar and one JVM:
# `./mvnw package` runs this with the java that runs Maven, the JVM image with its own. A JVM that cannot use an
# archive warns and starts without it.
#   CDS_JAVA      the java to record with (default: java on the PATH)
#   CDS_PORT      the HTTP port of the passes (default: a free one)
#   CDS_OPTIONAL  true: a failed pass warns and exits 0 without an archive (the package step sets it)
#
#   bash docker/cds-archive.sh [jar, default target/pdf-sluice-runner.jar] [archive, default <jar>.jsa]
set -euo pipefail
jar=${1:-target/pdf-sluice-runner.jar}
if [[ ! -f $jar ]]; then # a native build makes no jar
  echo "cds-archive: no $jar, no archive written"
  exit 0
fi
jar=$(realpath "$jar")
archive=$(realpath -m "${2:-${jar%.jar}.jsa}")
java=${CDS_JAVA:-java}
if "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -qw AOTCacheOutput; then
  kind="AOT cache" flag=-XX:AOTCache
else
  kind="AppCDS archive" flag=-XX:SharedArchiveFile
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The passes use the embedded engine alone: none of the caller's settings (an API URL and key, a queue, JVM options
# from the environment) reach them, and they run in the work folder, away from a .env or config/ the app would read
# from the working directory.
while read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(SLUICE_|QUARKUS_|CAMEL_)' || true)
unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS
cd "$work"

taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${CDS_PORT:-}
if [[ -z $port ]]; then
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 12000)) # below the kernel's ephemeral ports
    taken "$port" || break
  done
fi

failed() {
  if [[ ${CDS_OPTIONAL:-false} == true ]]; then
    echo "cds-archive: WARNING: no start-up archive written ($1); the app starts without one, only slower" >&2
    exit 0
  fi
  echo "cds-archive: $1" >&2
  exit 1
}

run_once() { # inbox outbox [JVM options...]
  local inbox=$1 outbox=$2
  shift 2
  SLUICE_RUN_ONCE=true SLUICE_PROVIDER=local SLUICE_INBOX="$inbox" SLUICE_OUTBOX="$outbox" SLUICE_INBOX_MIN_AGE_MS=0 \
    SLUICE_QUEUE_ENABLED=false SLUICE_CLUSTER_ENABLED=false PORT="$port" \
    "$java" "$@" -jar "$jar" > "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; failed "a run-once pass failed"; }
}

mkdir -p "$work/first" "$work/second"
page='# Warm-up\n\nΚαλημέρα, Привет.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'
printf '%b' "$page" > "$work/first/page.md"
run_once "$work/first" "$work/first-out"
printf '%b' "$page" > "$work/second/again.md"
printf '%s\n' '{"id": "a-1", "title": "A 1", "markdown": "# A 1"}' '{"id": "a-2", "title": "A 2", "markdown": "# A 2"}' \
  > "$work/second/batch.jsonl"
printf '%s\n' 'id,title,markdown' 'c-1,C 1,# C 1' > "$work/second/sheet.csv"
cp "$work/first-out/page.pdf" "$work/second/scan.pdf"
rm -f "$archive"
if [[ $flag == -XX:AOTCache ]]; then
  # Without the adapters' code: JDK 25.0.3 warned on every start that it could not link one of them.
  run_once "$work/second" "$work/second-out" -XX:AOTCacheOutput="$archive" \
    -XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching
else
  run_once "$work/second" "$work/second-out" -XX:ArchiveClassesAtExit="$archive"
fi
[[ -f $archive ]] || failed "the JVM wrote no archive"
echo "cds-archive: wrote the $kind $archive; start the app with $flag=$archive"
