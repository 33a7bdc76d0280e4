// notelint serve: lint the note as it is typed. Every piece of the note reaches the page as a
// text node or an attribute value (textContent, setAttribute), never as HTML.
"use strict";

const DEBOUNCE_MS = 250;
const CONTEXT_FIELDS = ["to", "company", "interviewed", "sent", "went", "topics"];
const RANK = { info: 0, warning: 1, error: 2 };
let timer = null;
let sequence = 0;

const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) {
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function context() {
  const result = {};
  for (const name of CONTEXT_FIELDS) {
    const value = $(name).value.trim();
    if (!value) continue;
    result[name] = name === "topics" ? value.split(",").map((t) => t.trim()).filter(Boolean) : value;
  }
  return result;
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(lint, DEBOUNCE_MS);
}

async function lint() {
  const text = $("text").value;
  const mine = ++sequence;
  if (!text.trim()) {
    clear("Type or paste a note to check it.");
    return;
  }
  let response;
  let body;
  try {
    response = await fetch("/api/lint", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, context: context() }),
    });
    body = await response.json();
  } catch (error) {
    if (mine === sequence) problem(`The server did not answer (${error.message}).`);
    return;
  }
  if (mine !== sequence) return; // a newer request is on its way
  if (!response.ok) {
    problem(body.error || response.statusText);
    return;
  }
  show(text, body.files[0]);
}

function clear(message) {
  $("problem").hidden = true;
  $("status").textContent = message;
  $("score").textContent = "–";
  $("meter").value = 0;
  $("parts").hidden = true;
  $("preview").replaceChildren();
  $("findings").replaceChildren();
}

function problem(message) {
  $("problem").textContent = message;
  $("problem").hidden = false;
}

// Character offsets (in code points, as Python counts columns) of a 1-based line:column span.
function offsets(starts, length, f) {
  const at = (line, column) => {
    const l = Math.min(Math.max(line, 1), starts.length);
    return Math.min(starts[l - 1] + Math.max(column, 1) - 1, length);
  };
  const start = at(f.line, f.column);
  return [start, Math.max(start, at(f.end_line, f.end_column))];
}

// The same cut as the HTML report: a segment per run of text covered by the same findings.
function segments(chars, findings) {
  const starts = [0];
  chars.forEach((c, i) => { if (c === "\n") starts.push(i + 1); });
  const spans = findings.map((f) => offsets(starts, chars.length, f));
  const cuts = [...new Set([0, chars.length, ...spans.flat()])].sort((a, b) => a - b);
  const result = [];
  cuts.forEach((start, k) => {
    const empty = spans.flatMap(([a, b], i) => (a === b && a === start ? [i] : []));
    if (empty.length) result.push({ text: "", covering: empty, starting: empty });
    if (k + 1 === cuts.length) return;
    const end = cuts[k + 1];
    const covering = spans.flatMap(([a, b], i) => (a <= start && end <= b && a < b ? [i] : []));
    const starting = spans.flatMap(([a, b], i) => (a === start && a < b ? [i] : []));
    result.push({ text: chars.slice(start, end).join(""), covering, starting });
  });
  return result;
}

function worst(findings) {
  return findings.reduce((a, f) => (RANK[f.severity] > RANK[a] ? f.severity : a), "info");
}

function show(text, file) {
  $("problem").hidden = true;
  const findings = file.findings;
  const count = findings.length;
  $("score").textContent = `${file.score}/100`;
  $("meter").value = file.score;
  $("meter").textContent = `${file.score} of 100`;
  $("status").textContent = `Score ${file.score}. ${count === 0 ? "Nothing to fix." : `${count} finding${count === 1 ? "" : "s"}.`}`;

  const rows = file.score_parts.map((p) =>
    el("tr", {}, el("th", { scope: "row" }, `${p.code} ${nameOf(findings, p.code)}`),
      el("td", { class: "num" }, String(p.count)), el("td", { class: "num" }, String(p.deduction))));
  $("parts").querySelector("tbody").replaceChildren(...rows);
  $("parts").hidden = rows.length === 0;

  const anchors = [];
  const nodes = segments(Array.from(text), findings).map((seg, s) => {
    if (!seg.covering.length) return document.createTextNode(seg.text);
    const covering = seg.covering.map((i) => findings[i]);
    const tip = covering.map((f) => `${f.code} ${f.name}: ${f.message}\nFix: ${f.suggestion}`).join("\n\n");
    const mark = el("mark", { class: `hl sev-${worst(covering)}${seg.text ? "" : " empty"}`, "data-tip": tip });
    if (seg.starting.length) {
      const label = seg.starting.map((i) => findings[i])
        .map((f) => `${f.severity} ${f.code} ${f.name}: ${f.message}`).join("; ");
      mark.append(el("a", { id: `s${s}`, href: `#f${seg.starting[0]}`, "aria-label": label }, seg.text));
      for (const i of seg.starting) anchors[i] ??= `s${s}`;
    } else {
      mark.append(seg.text);
    }
    return mark;
  });
  $("preview").replaceChildren(...nodes);
  $("findings").replaceChildren(...findings.map((f, i) => item(f, i, anchors[i])));
}

function nameOf(findings, code) {
  for (const f of findings) {
    if (f.code === code) return f.name;
    for (const g of f.folded) if (g.code === code) return g.name;
  }
  return "";
}

function docs(code, name) {
  return el("a", { href: `/rules/${encodeURIComponent(code)}`, target: "_blank", rel: "noopener" },
    `About ${code}${name ? ` ${name}` : ""}`);
}

function item(f, i, anchor) {
  const head = el("p", {}, el("span", { class: `badge sev-${f.severity}` }, f.severity), " ",
    el("strong", {}, f.code), ` ${f.name}`);
  if (anchor) head.append(" · ", el("a", { href: `#${anchor}` }, `line ${f.line}, column ${f.column}`));
  const li = el("li", { class: `finding sev-${f.severity}`, id: `f${i}` }, head, el("p", {}, f.message),
    el("p", { class: "fix" }, el("strong", {}, "Fix:"), ` ${f.suggestion}`));
  if (f.folded.length) {
    li.append(el("p", { class: "muted" }, "Also covers:"), el("ul", { class: "also" },
      ...f.folded.map((g) => el("li", {}, el("strong", {}, g.code), ` ${g.name} (line ${g.line}): ${g.message} `, docs(g.code, "")))));
  }
  li.append(el("p", {}, docs(f.code, f.name)));
  return li;
}

document.addEventListener("DOMContentLoaded", () => {
  $("compose").addEventListener("input", schedule);
  $("compose").addEventListener("change", schedule);
  $("compose").addEventListener("submit", (event) => event.preventDefault());
  if ($("text").value.trim()) schedule();
});
