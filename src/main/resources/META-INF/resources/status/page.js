// The status page: reads /status/now once a second and draws it. Nothing here is fetched from elsewhere.
"use strict";
const COLOURS = ["#1f5fa8", "#2f7d4f", "#a15c00", "#6b3fa0", "#00838f"];
const SVG = "http://www.w3.org/2000/svg";
let csrf = "";

function el(tag, attrs, ...children) {
  const e = tag === "svg" || ["polyline", "line", "text", "rect"].includes(tag)
    ? document.createElementNS(SVG, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function seconds(s) {
  if (s == null) return "–";
  if (s < 60) return Math.round(s) + " s";
  if (s < 3600) return Math.floor(s / 60) + " min " + Math.round(s % 60) + " s";
  return Math.floor(s / 3600) + " h " + Math.round((s % 3600) / 60) + " min";
}

function batches(list, totals) {
  const body = document.querySelector("#batches tbody");
  body.replaceChildren(...list.map(b => {
    const ended = b.ok + b.skipped + b.failed;
    const bar = el("div", { class: "bar" });
    if (b.expected > 0) {
      bar.append(el("span", { class: "failed", style: `width:${100 * b.failed / b.expected}%` }),
        el("span", { style: `width:${100 * (b.ok + b.skipped) / b.expected}%` }));
    }
    return el("tr", { "data-batch": b.name },
      el("td", {}, b.name),
      el("td", { class: "num done" }, String(b.ok + b.skipped)),
      el("td", { class: "num failed" }, String(b.failed)),
      el("td", { class: "num waiting" }, b.expected >= 0 ? String(Math.max(0, b.expected - ended)) : "?"),
      el("td", {}, bar),
      el("td", { class: "num" }, b.rate.toFixed(1) + " docs/s"),
      el("td", { class: "num" }, seconds(b.etaSeconds)));
  }));
  document.getElementById("no-batches").hidden = list.length > 0;
  document.getElementById("totals").textContent =
    `Since start: ${totals.retries} retries, ${totals.deadLetters} dead letters.`;
}

function chart(p) {
  // the x axis spans what has been seen, from a minute up to the history kept: a point a second
  const longest = Math.max(0, ...p.history.windows.map(win => win.used.length));
  const span = Math.min(p.history.points, Math.max(60, longest));
  const w = 600, h = 150, top = 10, bottom = 18;
  const svg = el("svg", { class: "pace", viewBox: `0 0 ${w} ${h}`, preserveAspectRatio: "none",
    "data-provider": p.name });
  const y = share => top + (h - top - bottom) * (1 - Math.min(share, 1.2) / 1.2);
  svg.append(el("line", { class: "grid", x1: 0, x2: w, y1: y(0), y2: y(0) }),
    el("line", { class: "limit", x1: 0, x2: w, y1: y(1), y2: y(1) }),
    el("text", { x: 4, y: y(1) - 3 }, "limit"),
    el("text", { x: 4, y: h - 4 }, span < 120 ? `−${span} s` : `−${Math.round(span / 60)} min`),
    el("text", { x: w - 30, y: h - 4 }, "now"));
  p.history.windows.forEach((win, i) => {
    const n = win.used.length;
    if (n === 0) return;
    const points = win.used.map((used, k) => {
      const x = w - (n - 1 - k) * (w / Math.max(1, span - 1));
      return `${x.toFixed(1)},${y(used / win.limit).toFixed(1)}`;
    }).join(" ");
    svg.append(el("polyline", { points, fill: "none", stroke: COLOURS[i % COLOURS.length], "stroke-width": 1.5,
      "data-window": win.window }));
  });
  const legend = el("div", { class: "legend" }, ...p.history.windows.map((win, i) =>
    el("span", {}, el("i", { style: `background:${COLOURS[i % COLOURS.length]}` }),
      `${win.window}: ${win.used.length ? win.used[win.used.length - 1] : 0} of ${win.limit}`)));
  return [svg, legend];
}

function providers(list) {
  document.getElementById("providers").replaceChildren(...list.map(p => el("div",
    { class: "provider", "data-provider": p.name },
    el("h3", {}, `${p.name} (${p.profile}), plan ${p.plan}`),
    el("div", { class: "facts" },
      el("span", {}, "breaker ", el("b", { class: "breaker breaker-" + p.breaker }, p.breaker)),
      el("span", {}, "429s ", el("b", { class: "rate-limited" }, String(p.rateLimited))),
      el("span", {}, "requests ", el("b", {}, String(p.requests))),
      el("span", {}, "quota left ", el("b", { class: "quota" }, p.quotaLeft == null ? "–" : String(p.quotaLeft))),
      el("span", {}, "paused ", el("b", {}, p.pausedMs > 0 ? seconds(p.pausedMs / 1000) : "no"))),
    ...chart(p))));
}

function deadLetters(list) {
  const body = document.querySelector("#dead-letters tbody");
  body.replaceChildren(...list.map(d => {
    const button = el("button", { class: "rerun", type: "button", "data-file": d.file }, "Re-run");
    button.addEventListener("click", () => rerun(d.file, d.source, button));
    return el("tr", { "data-file": d.file, "data-source": d.source },
      el("td", {}, d.source === "queue" ? `${d.batch} (queue)` : d.batch), el("td", { class: "num" }, String(d.documents)),
      el("td", {}, new Date(d.modified).toLocaleString()), el("td", {}, button));
  }));
  document.getElementById("no-dead-letters").hidden = list.length > 0;
}

async function rerun(file, source, button) {
  button.disabled = true;
  const result = document.getElementById("rerun-result");
  try {
    const answer = await fetch("/status/rerun", { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf }, body: JSON.stringify({ file, source }) });
    const body = await answer.json();
    result.textContent = answer.ok ? body.message : `Re-run refused: ${body.message}`;
  } catch (e) {
    result.textContent = `Re-run failed: ${e}`;
  }
  button.disabled = false;
}

async function refresh() {
  try {
    const answer = await fetch("/status/now", { cache: "no-store", credentials: "same-origin" });
    const s = await answer.json();
    csrf = s.csrf;
    batches(s.batches, s.totals);
    providers(s.providers);
    deadLetters(s.deadLetters);
    document.getElementById("updated").textContent = "updated " + new Date(s.time).toLocaleTimeString();
  } catch (e) {
    document.getElementById("updated").textContent = "not answering: " + e;
  }
}

refresh();
setInterval(refresh, 1000);
