// The room display: renders each state the laptop sends and runs the countdown from the figures in it.
// The countdown is computed from when the state arrived (this browser's own monotonic clock), so it needs
// no event per tick, does not drift, and does not care if this machine's wall clock is wrong.
"use strict";

(function () {
  const PHASE_LABELS = { ready: "", green: "", amber: "WRAP UP", red: "TIME", overtime: "OVER TIME", paused: "PAUSED" };
  const KIND_NAMES = {
    referral: ["referral", "referrals"],
    introduction: ["introduction", "introductions"],
    "one-to-one": ["one-to-one", "one-to-ones"],
    closed: ["thank-you for business", "thank-yous for business"],
  };
  const VERDICTS = { specific: "Specific ask", "needs-work": "Ask needs work", vague: "Vague ask" };
  const RED_WINDOW = 1.0;

  let state = null;
  let receivedAt = 0;

  function byId(id) {
    return document.getElementById(id);
  }

  function setText(id, value) {
    const el = byId(id);
    if (el.textContent !== value) el.textContent = value;
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  function item(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function formatCountdown(remaining) {
    if (remaining > 0) {
      const whole = Math.ceil(remaining - 1e-9);
      return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
    }
    const over = Math.floor(-remaining + 1e-9);
    return over >= 1 ? "+" + Math.floor(over / 60) + ":" + String(over % 60).padStart(2, "0") : "0:00";
  }

  function colourPhase(remaining, amber) {
    if (remaining > amber) return "green";
    if (remaining > 0) return "amber";
    if (remaining > -RED_WINDOW) return "red";
    return "overtime";
  }

  // The countdown as of now: the remaining seconds sent, less the time since they arrived while it runs.
  function clockNow() {
    const clock = state.clock;
    let remaining = clock.remaining;
    let phase = clock.phase;
    if (clock.running) {
      remaining -= (performance.now() - receivedAt) / 1000;
      phase = colourPhase(remaining, clock.amber);
    }
    return { remaining: remaining, phase: phase };
  }

  function tick() {
    if (!state) return;
    const el = byId("countdown");
    const now = clockNow();
    const shown = state.clock.state === "ready" ? formatCountdown(state.clock.planned) : formatCountdown(now.remaining);
    if (el.textContent !== shown) el.textContent = shown;
    const cls = "phase-" + now.phase;
    if (el.className !== cls) el.className = cls;
    setText("phase-label", PHASE_LABELS[now.phase] || "");
    document.body.dataset.phase = now.phase;
  }

  function personLine(person) {
    if (!person) return "";
    const parts = [person.business, person.profession].filter(Boolean);
    if (person.visitor) parts.push("visitor");
    return parts.join(" · ");
  }

  function renderStage(s) {
    const pitching = s.mode === "pitch";
    const speaker = s.speaker;
    let label = pitching ? "Now speaking" : s.progress.spoken ? "Up next" : "First up";
    if (speaker && speaker.feature) label = pitching ? "Feature presentation" : "Next: feature presentation";
    setText("stage-label", speaker ? label : "");
    setText("speaker-name", speaker ? speaker.name : s.event.title);
    setText("speaker-business", speaker ? personLine(speaker) : "");
    const ask = s.ask;
    setText("ask-text", ask ? ask.text : "");
    const verdict = byId("verdict");
    verdict.textContent = ask ? VERDICTS[ask.verdict] || ask.verdict : "";
    verdict.className = ask ? ask.verdict : "";
    setText("rewrite", ask && ask.rewrite ? ask.rewrite : "");
    const listen = byId("listen-for");
    clear(listen);
    for (const phrase of (ask && ask.listen_for) || []) listen.appendChild(item("li", "", phrase));
    const helpers = byId("helper-list");
    clear(helpers);
    for (const helper of s.helpers) {
      const li = item("li");
      li.appendChild(item("span", "name", helper.name));
      if (helper.reason) li.appendChild(item("span", "reason", helper.reason));
      helpers.appendChild(li);
    }
    byId("helpers").className = s.helpers.length ? "" : "empty";
  }

  function bars(id, rows, field) {
    const list = byId(id);
    clear(list);
    const top = Math.max(1, ...rows.map((r) => r[field]));
    for (const row of rows) {
      const li = item("li");
      li.appendChild(item("span", "name", row.name));
      const track = item("span", "track");
      const fill = item("span", "fill");
      fill.style.display = "block";
      fill.style.width = Math.round((row[field] / top) * 100) + "%";
      track.appendChild(fill);
      li.appendChild(track);
      li.appendChild(item("span", "value", String(row[field])));
      list.appendChild(li);
    }
  }

  function renderBoard(s) {
    const g = s.giving;
    setText("board-title", s.mode === "tally" ? "Final tally" : "The room's giving");
    const totals = byId("board-totals");
    clear(totals);
    totals.appendChild(item("span", "count", String(g.records)));
    const noun = g.records === 1 ? " record" : " records";
    totals.appendChild(document.createTextNode(s.mode === "tally" ? noun : noun + " so far"));
    const kinds = Object.keys(g.by_kind).filter((k) => g.by_kind[k] > 0);
    if (kinds.length) {
      const words = kinds.map((k) => {
        const names = KIND_NAMES[k] || [k, k];
        return g.by_kind[k] + " " + (g.by_kind[k] === 1 ? names[0] : names[1]);
      });
      totals.appendChild(document.createTextNode(": " + words.join(" · ")));
    }
    const givers = byId("board-givers");
    clear(givers);
    givers.appendChild(item("span", "count", g.givers + " of " + g.attendees));
    givers.appendChild(document.createTextNode(" attendees have given" + (g.more_givers ? " (top givers shown)" : "")));
    bars("given-bars", g.bars, "given");
    bars("received-bars", g.received, "received");
  }

  function render(s) {
    document.body.className = "mode-" + s.mode;
    document.body.dataset.version = String(s.version);
    document.body.dataset.clock = s.clock.state;
    setText("event-title", s.event.title);
    const p = s.progress;
    setText("progress", p.total ? "Speaker " + Math.min(p.spoken + 1, p.total) + " of " + p.total : "");
    if (s.mode === "pitch" || s.mode === "between") renderStage(s);
    else renderBoard(s);
    const next = s.up_next.map((n) => (n.feature ? "Feature: " : "") + n.name);
    setText("up-next-names", next.join("  ·  "));
    setText("up-next-label", s.mode === "between" ? "Then" : "Up next");
    byId("up-next").className = next.length ? "" : "empty";
    tick();
  }

  function linkUp(up) {
    const link = byId("link");
    link.className = up ? "link-up" : "link-down";
    link.textContent = up ? "● live" : "reconnecting…";
  }

  function connect() {
    const source = new EventSource(document.body.dataset.events);
    source.addEventListener("state", function (event) {
      state = JSON.parse(event.data);
      receivedAt = performance.now();
      render(state);
      linkUp(true);
    });
    source.onopen = function () {
      linkUp(true);
    };
    source.onerror = function () {
      linkUp(false);
      // The browser retries by itself; only a refused stream (e.g. a 503) closes it for good, so retry that too.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    connect();
    setInterval(tick, 100);
  });
})();
