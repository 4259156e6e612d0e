// The attendee page's one script: the ask review follows the typing (POST /s/TOKEN/check), debounced.
// Without it the form still works; the review then shows after saving. Text goes in as textContent, never HTML.
"use strict";
(function () {
  const box = document.getElementById("ask");
  const review = document.getElementById("review");
  if (!box || !review) return;
  const csrf = box.form.querySelector('input[name="csrf"]').value;
  const labels = { specific: "Specific", "needs-work": "Needs work", vague: "Vague" };
  let timer = 0;
  let asked = 0;

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function show(r) {
    const parts = [el("blockquote", r.text)];
    const verdict = el("p");
    verdict.append(el("span", labels[r.verdict] || r.verdict, "verdict v-" + r.verdict), " " + r.score + "/100");
    parts.push(verdict);
    if (r.rewrite) parts.push(el("p", "Ask it as: " + r.rewrite, "rewrite"));
    if (r.listen_for.length) {
      parts.push(el("p", "Listen for: " + r.listen_for.map((p) => "\u201c" + p + "\u201d").join("; "), "listen"));
    }
    const problems = r.findings.filter((f) => f.points < 0 || f.suggestion);
    if (problems.length) {
      parts.push(el("h3", "To sharpen it"));
      const list = el("ul", "", "findings");
      for (const f of problems) {
        const item = el("li", f.message);
        if (f.suggestion) item.append(el("br"), el("span", "Try: " + f.suggestion, "tip"));
        list.append(item);
      }
      parts.push(list);
    }
    review.replaceChildren(...parts);
  }

  async function check() {
    const mine = ++asked;
    const text = box.value;
    if (!text.trim()) return;
    try {
      const response = await fetch(box.dataset.check, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ ask: text }),
        credentials: "omit",
      });
      if (response.ok && mine === asked) show(await response.json());
    } catch (e) {
      // offline for a moment: the next pause in typing tries again, and saving still works
    }
  }

  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 350);
  });
})();
