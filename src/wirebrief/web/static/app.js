// Progressive enhancement for the reader: everything works without this file.
"use strict";

(function () {
  const text = document.getElementById("article-text");

  function spansIn(start, end) {
    if (!text) return [];
    return Array.from(text.querySelectorAll("span.s")).filter(function (el) {
      const s = Number(el.dataset.start), e = Number(el.dataset.end);
      return s < end && start < e;
    });
  }

  function clear(cls) {
    document.querySelectorAll("." + cls).forEach(function (el) { el.classList.remove(cls); });
  }

  function mark(start, end, cls, scroll) {
    clear(cls);
    const found = spansIn(start, end);
    found.forEach(function (el) { el.classList.add(cls); });
    if (scroll && found.length) found[0].scrollIntoView({ behavior: "smooth", block: "center" });
    return found;
  }

  // Summary sentences: hover shows where they sit in the text.
  const output = document.getElementById("summary-output");

  function bindSummary() {
    if (!output) return;
    output.querySelectorAll("li").forEach(function (li) {
      const start = Number(li.dataset.start), end = Number(li.dataset.end);
      li.addEventListener("mouseenter", function () { li.classList.add("active"); mark(start, end, "hl-summary", false); });
      li.addEventListener("mouseleave", function () { li.classList.remove("active"); clear("hl-summary"); });
      li.addEventListener("click", function (ev) { ev.preventDefault(); mark(start, end, "hl-summary", true); });
    });
  }
  bindSummary();

  // "Get a summary": fetch from the API instead of reloading the page.
  const form = document.querySelector("form.summary-form");
  if (form && output) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      const n = form.querySelector("[name=summary]").value;
      const style = form.querySelector("[name=style]").value;
      const url = form.dataset.api + "?sentences=" + encodeURIComponent(n) + "&style=" + encodeURIComponent(style);
      const button = form.querySelector("button");
      button.disabled = true;
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          output.replaceChildren();
          if (!res.ok) {
            const li = document.createElement("li");
            li.textContent = res.body.message || "The summary could not be made.";
            output.appendChild(li);
          } else {
            res.body.sentences.forEach(function (s) {
              const li = document.createElement("li");
              li.textContent = s.text;  // text, never HTML: article content is hostile
              li.dataset.start = s.start;
              li.dataset.end = s.end;
              output.appendChild(li);
            });
          }
          output.classList.remove("hidden");
          bindSummary();
        })
        .catch(function () {
          output.replaceChildren();
          const li = document.createElement("li");
          li.textContent = "Network error: the summary could not be fetched.";
          output.appendChild(li);
          output.classList.remove("hidden");
        })
        .finally(function () { button.disabled = false; });
    });
  }

  // Event cards: a click highlights the evidence sentence.
  document.querySelectorAll("a.event-card").forEach(function (card) {
    card.addEventListener("click", function (ev) {
      ev.preventDefault();
      document.querySelectorAll("a.event-card.selected").forEach(function (c) { c.classList.remove("selected"); });
      card.classList.add("selected");
      mark(Number(card.dataset.start), Number(card.dataset.end), "hl-evidence", true);
    });
  });
})();
