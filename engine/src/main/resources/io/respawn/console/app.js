// The respawn dashboard: reads the JSON API, follows /events, sends operator actions with the token.
"use strict";

const TOKEN_KEY = "respawn-token";
const model = { tree: null, decisions: [], giveups: [], dependencies: [], status: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function stateBadge(state) {
  return el("span", { class: "state " + state, "data-state": state }, state);
}

function time(iso) {
  return iso ? iso.replace("T", " ").replace(/\.\d+Z$/, "").replace(/Z$/, "") : "";
}

function uptime(startedAt) {
  if (!startedAt) return "";
  let s = Math.max(0, Math.floor((Date.now() - Date.parse(startedAt)) / 1000));
  const d = Math.floor(s / 86400), h = Math.floor(s / 3600) % 24, m = Math.floor(s / 60) % 60;
  s %= 60;
  return d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : m ? `${m}m ${s}s` : `${s}s`;
}

// ---- the token ----

function takeTokenFromUrl() {
  const match = location.hash.match(/token=([^&]+)/);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
}

function token() {
  let value = sessionStorage.getItem(TOKEN_KEY);
  if (!value) {
    value = prompt("The engine's token (respawn engine prints the dashboard's address with it; it is in respawn-data/http-token):");
    if (value) sessionStorage.setItem(TOKEN_KEY, value.trim());
  }
  return value ? value.trim() : null;
}

function notice(text) {
  const box = document.getElementById("notice");
  box.textContent = text;
  box.hidden = !text;
}

async function act(path, what) {
  const bearer = token();
  if (!bearer) {
    notice(`${what}: not sent - no token given.`);
    return false;
  }
  const response = await fetch(path, {
    method: "POST",
    headers: { "Authorization": "Bearer " + bearer, "Content-Type": "application/json" },
    body: JSON.stringify({ operator: "dashboard" }),
  });
  if (response.status === 401) sessionStorage.removeItem(TOKEN_KEY);
  if (!response.ok) {
    const body = await response.json().catch(() => ({ error: response.statusText }));
    notice(`${what}: refused (${response.status}) - ${body.error || (body.problems || []).join("; ")}`);
    return false;
  }
  notice("");
  return true;
}

// ---- rendering ----

function renderComponent(c) {
  return el("li", { class: "component row", "data-component": c.name },
    el("span", { class: "name" }, c.name), stateBadge(c.state),
    el("span", { class: "meta" }, c.pid ? `pid ${c.pid} on ${c.node}` : c.node ? `on ${c.node}` : ""),
    el("span", { class: "meta uptime", "data-started": c.startedAt || "" }, c.startedAt ? "up " + uptime(c.startedAt) : ""),
    el("span", { class: "meta" }, `${c.restarts} restart${c.restarts === 1 ? "" : "s"}`),
    c.lastFailure ? el("span", { class: "failure" },
      `last failure ${time(c.lastFailure.at)}: ${c.lastFailure.words}`) : null);
}

function renderGroup(g) {
  const path = "/api/groups/" + encodeURIComponent(g.name);
  return el("div", { class: "group", "data-group": g.name },
    el("div", { class: "row" },
      el("span", { class: "name" }, g.name), stateBadge(g.state),
      g.paused ? el("span", { class: "badge paused" }, "automation paused") : null,
      g.givenUp ? el("span", { class: "badge given-up" }, "given up") : null,
      el("span", { class: "meta" }, `${g.restarts} restart${g.restarts === 1 ? "" : "s"}`),
      el("button", { class: "restart", onclick: () => act(path + "/restart", "restart " + g.name) }, "Restart"),
      g.paused
        ? el("button", { class: "resume", onclick: () => act(path + "/resume", "resume " + g.name) }, "Resume")
        : el("button", { class: "pause", onclick: () => act(path + "/pause", "pause " + g.name) }, "Pause")),
    el("ul", { class: "plain" }, g.components.map(renderComponent)),
    g.groups.map(renderGroup));
}

function renderTree() {
  const box = document.getElementById("tree");
  box.replaceChildren(model.tree ? renderGroup(model.tree) : el("p", { class: "empty" }, "no restart map in force"));
  renderSummary();
}

function countStates(g, counts) {
  for (const c of g.components) counts[c.state] = (counts[c.state] || 0) + 1;
  for (const child of g.groups) countStates(child, counts);
  return counts;
}

function renderSummary() {
  const parts = [];
  if (model.tree) {
    const counts = countStates(model.tree, {});
    for (const state of ["given-up", "paused", "restarting", "suspected", "stopped", "running"]) {
      if (counts[state]) parts.push(`${counts[state]} ${state}`);
    }
  }
  if (model.status) parts.push(`${model.status.agentsConnected} agent${model.status.agentsConnected === 1 ? "" : "s"} connected`);
  document.getElementById("summary").textContent = parts.join(" · ");
}

function renderEvidence(list) {
  if (!list || !list.length) return null;
  return el("ul", {}, list.map(e => el("li", {},
    e.text, " ", el("span", { class: "evidence-id" }, `[${e.id}]`), renderEvidence(e.because))));
}

function renderDecision(d) {
  return el("li", { class: "decision", "data-type": d.type, "data-id": d.id },
    el("details", {},
      el("summary", {}, el("time", { datetime: d.at }, time(d.at)), el("span", { class: "type " + d.type }, d.type),
        d.words),
      el("div", { class: "why" },
        el("div", {}, "rule ", el("span", { class: "rule" }, d.rule)),
        el("div", {}, "on these facts:"), renderEvidence(d.evidence))));
}

function renderTimeline() {
  const box = document.getElementById("timeline");
  box.replaceChildren(...(model.decisions.length ? model.decisions.map(renderDecision)
    : [el("li", { class: "empty" }, "no decision yet")]));
}

function renderGiveUps() {
  const open = model.giveups.filter(g => g.open);
  const box = document.getElementById("giveups");
  box.hidden = open.length === 0;
  box.replaceChildren(...open.map(g => el("p", { "data-group": g.group },
    el("strong", {}, `Gave up at ${g.group}`),
    el("span", {}, `${time(g.at)}: ${g.component} failed - ${g.reason}. Nothing below ${g.group} restarts until acknowledged.`),
    el("button", { class: "primary ack", onclick: () => act(`/api/groups/${encodeURIComponent(g.group)}/ack`, "acknowledge " + g.group) },
      "Acknowledge"))));
}

function renderDependencies() {
  const box = document.getElementById("dependencies");
  box.replaceChildren(...(model.dependencies.length ? model.dependencies.map(d => {
    const path = `/api/dependencies/${encodeURIComponent(d.dependent)}/${encodeURIComponent(d.dependsOn)}`;
    return el("li", { class: "row dependency" },
      el("span", {}, `${d.dependent} depends on ${d.dependsOn}`), el("span", { class: "meta" }, d.reason),
      el("button", { class: "accept", onclick: () => act(path + "/accept", "accept " + d.dependent + " -> " + d.dependsOn) }, "Accept"),
      el("button", { class: "reject", onclick: () => act(path + "/reject", "reject " + d.dependent + " -> " + d.dependsOn) }, "Reject"));
  }) : [el("li", { class: "empty" }, "none")]));
}

// A group's state as the engine computes it: given up or paused (here or above) first, else the worst below.
const WORST_FIRST = ["given-up", "paused", "restarting", "suspected", "stopped", "running"];
function restate(g, givenUp, paused) {
  givenUp = givenUp || g.givenUp;
  paused = paused || g.paused;
  const below = g.groups.map(child => restate(child, givenUp, paused)).concat(g.components.map(c => c.state));
  const worst = below.reduce((a, b) => WORST_FIRST.indexOf(a) <= WORST_FIRST.indexOf(b) ? a : b, "running");
  g.state = givenUp ? "given-up" : paused && worst !== "given-up" ? "paused" : worst;
  return g.state;
}

function replaceComponent(g, c) {
  const i = g.components.findIndex(x => x.name === c.name);
  if (i >= 0) { g.components[i] = c; return true; }
  return g.groups.some(child => replaceComponent(child, c));
}

// ---- loading and following ----

async function get(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function loadAll() {
  const [tree, decisions, giveups, dependencies, status] = await Promise.all([
    get("/api/tree"), get("/api/decisions?limit=200"), get("/api/giveups"), get("/api/dependencies"), get("/api/status")]);
  Object.assign(model, { tree, decisions, giveups, dependencies, status });
  renderTree(); renderTimeline(); renderGiveUps(); renderDependencies();
}

function follow() {
  const link = document.getElementById("link");
  const events = new EventSource("/events");
  events.addEventListener("hello", () => {
    link.textContent = "live"; link.className = "link up";
    loadAll().catch(e => notice("could not load the board: " + e.message));
  });
  events.onerror = () => { link.textContent = "reconnecting…"; link.className = "link down"; };
  events.addEventListener("tree", e => { model.tree = JSON.parse(e.data); renderTree(); });
  events.addEventListener("component", e => {
    if (model.tree && replaceComponent(model.tree, JSON.parse(e.data))) {
      restate(model.tree, false, false);
      renderTree();
    }
  });
  events.addEventListener("decision", e => {
    const decision = JSON.parse(e.data);
    model.decisions.unshift(decision);
    model.decisions.length = Math.min(model.decisions.length, 200);
    const box = document.getElementById("timeline");   // added on top: entries opened stay open
    box.querySelector(".empty")?.remove();
    box.prepend(renderDecision(decision));
    while (box.children.length > 200) box.lastChild.remove();
  });
  events.addEventListener("giveups", e => { model.giveups = JSON.parse(e.data); renderGiveUps(); });
  events.addEventListener("dependencies", e => { model.dependencies = JSON.parse(e.data); renderDependencies(); });
  events.addEventListener("agents", () => get("/api/status").then(s => { model.status = s; renderSummary(); }));
}

takeTokenFromUrl();
follow();
setInterval(() => {
  for (const cell of document.querySelectorAll(".uptime[data-started]")) {
    if (cell.dataset.started) cell.textContent = "up " + uptime(cell.dataset.started);
  }
}, 1000);
