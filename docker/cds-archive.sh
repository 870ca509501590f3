#!/usr/bin/env bash
# Writes a class-data archive (AppCDS) for the packaged app, so that a JVM started with
# -XX:SharedArchiveFile=<archive> maps the classes start-up and the embedded engine need instead of loading and
# verifying them again: the first PDF comes about 1.5 s sooner on 2 cores (docs/BENCHMARKS.md).
#
# Two run-once passes of the app itself: the first converts a Markdown page, the second (recorded) converts a page
# and that PDF into page images, so the archive covers start-up, md -> PDF and PDF -> JPG. Run it with the same JVM
# and the same app directory as production (the Dockerfile does); a JVM that cannot use the archive warns and
# starts without it.
#
#   bash docker/cds-archive.sh [app directory, default target/quarkus-app] [archive, default <app directory>/app-cds.jsa]
set -euo pipefail
app=$(cd "${1:-target/quarkus-app}" && pwd)
archive=${2:-$app/app-cds.jsa}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_once() { # inbox outbox [JVM options...]
  local inbox=$1 outbox=$2
  shift 2
  SLUICE_RUN_ONCE=true SLUICE_PROVIDER=local SLUICE_INBOX="$inbox" SLUICE_OUTBOX="$outbox" SLUICE_INBOX_MIN_AGE_MS=0 \
    SLUICE_QUEUE_ENABLED=false SLUICE_CLUSTER_ENABLED=false PORT="${CDS_PORT:-18087}" \
    java "$@" -jar "$app/quarkus-run.jar" > "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; return 1; }
}

mkdir -p "$work/first" "$work/second"
page='# Warm-up\n\nΚαλημέρα, Привет.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'
printf '%b' "$page" > "$work/first/page.md"
run_once "$work/first" "$work/first-out"
printf '%b' "$page" > "$work/second/again.md"
cp "$work/first-out/page.pdf" "$work/second/scan.pdf"
rm -f "$archive"
run_once "$work/second" "$work/second-out" -XX:ArchiveClassesAtExit="$archive"
[[ -f $archive ]] || { echo "cds-archive: no archive written" >&2; exit 1; }
echo "cds-archive: wrote $archive; start the app with -XX:SharedArchiveFile=$archive"
