#!/usr/bin/env bash
# The JVM image's entrypoint: picks the JIT for the kind of run, then hands over to the base image's run-java.sh
# (which adds its own heap and GC options and JAVA_OPTS_APPEND).
#
# A run-once job (SLUICE_RUN_ONCE=true) is short, and on a small machine the C2 compiler's work costs it more than
# C2's faster code gives back: on 2 cores, C1 alone wrote the first PDF in 2.3-2.6 s instead of 3.2 s and converted
# 10,000 Markdown records in 69 s instead of 93 s. A long-running service keeps the full JIT, whose code was 25 %
# faster once warm (after about 100 s). docs/BENCHMARKS.md has the runs.
#
#   SLUICE_JIT=auto (default: C1 only for run-once) | quick (C1 only) | full (C1 then C2)
#
# The image's own options go in front of JAVA_OPTS_APPEND, so that a user's -e JAVA_OPTS_APPEND=-Xmx1g adds to them:
# the AOT cache the image build recorded (Dockerfile.jvm), listening on every interface, JBoss logging for JUL,
# headless AWT and PDFBox's font cache in /tmp.
set -euo pipefail
image_options="-XX:AOTCache=/deployments/pdf-sluice.aot -Dquarkus.http.host=0.0.0.0 \
-Djava.util.logging.manager=org.jboss.logmanager.LogManager -Djava.awt.headless=true -Dpdfbox.fontcache=/tmp"

case "${SLUICE_JIT:-auto}" in
  quick) quick=true ;;
  full) quick=false ;;
  auto) if [[ ${SLUICE_RUN_ONCE:-false} == true ]]; then quick=true; else quick=false; fi ;;
  *) echo "start.sh: SLUICE_JIT must be auto, quick or full, not '${SLUICE_JIT}'" >&2; exit 64 ;;
esac
# the CPUs this container may use: the fewer of its CPU quota (cgroup v2 cpu.max, or v1 cpu.cfs_quota_us, as
# docker --cpus and Kubernetes limits set it) and the CPUs it may run on (nproc)
cpus() {
  local quota="" period="" n
  n=$(nproc)
  if [[ -r /sys/fs/cgroup/cpu.max ]]; then
    read -r quota period </sys/fs/cgroup/cpu.max || true
  elif [[ -r /sys/fs/cgroup/cpu/cpu.cfs_quota_us && -r /sys/fs/cgroup/cpu/cpu.cfs_period_us ]]; then
    quota=$(</sys/fs/cgroup/cpu/cpu.cfs_quota_us) period=$(</sys/fs/cgroup/cpu/cpu.cfs_period_us)
  fi
  if [[ $quota =~ ^[1-9][0-9]*$ && $period =~ ^[1-9][0-9]*$ ]] && (( (quota + period - 1) / period < n )); then
    n=$(( (quota + period - 1) / period ))
  fi
  echo "$n"
}

# C1 alone; with 2 CPUs or fewer also one compiler thread, which leaves the other CPU to the app while it starts.
# A JIT option of the user's own (JAVA_OPTS_APPEND) wins: the tiered JIT needs two compiler threads.
if [[ $quick == true ]]; then
  image_options="$image_options -XX:TieredStopAtLevel=1"
  if (( $(cpus) <= 2 )) && [[ ${JAVA_OPTS_APPEND:-} != *TieredStopAtLevel* && ${JAVA_OPTS_APPEND:-} != *CICompilerCount* ]]; then
    image_options="$image_options -XX:CICompilerCount=1"
  fi
fi
export JAVA_OPTS_APPEND="$image_options ${JAVA_OPTS_APPEND:-}"
exec /opt/jboss/container/java/run/run-java.sh "$@"
