// spinlint HTML report: filters, tooltips on hover and focus, list entries that focus their mark.
// Works on the page as written; reads no network and no storage.
(function () {
  "use strict";
  const doc = document;
  const form = doc.getElementById("filters");
  const status = doc.getElementById("status");
  const marks = Array.from(doc.querySelectorAll("mark[data-finding]"));
  const entries = Array.from(doc.querySelectorAll("li[data-finding]"));
  const sections = Array.from(doc.querySelectorAll("section.file"));
  const total = entries.length;
  let current = null; // the tooltip shown
  let hideTimer = 0;

  function plural(n) {
    return n + (n === 1 ? " finding" : " findings");
  }

  function wanted(kind) {
    const on = new Set();
    form.querySelectorAll("input[data-filter]").forEach(function (input) {
      if (input.dataset.filter === kind && input.checked) on.add(input.value);
    });
    return on;
  }

  // Shows the findings whose severity and rule are both checked; says how many are shown.
  function apply() {
    const severities = wanted("severity");
    const rules = wanted("rule");
    const visible = (el) => severities.has(el.dataset.severity) && rules.has(el.dataset.rule);
    let shown = 0;
    entries.forEach(function (li) {
      li.hidden = !visible(li);
      if (!li.hidden) shown += 1;
    });
    marks.forEach(function (mark) {
      const on = visible(mark);
      mark.classList.toggle("off", !on);
      if (mark.id) mark.tabIndex = on ? 0 : -1;
    });
    sections.forEach(function (section) {
      const none = section.querySelector(".none-shown");
      if (!none) return;
      none.hidden = section.querySelector("li[data-finding]:not([hidden])") !== null;
    });
    if (current) {
      const mark = markOf(current.id.slice(1));
      if (!mark || mark.classList.contains("off")) hide();
    }
    status.textContent =
      shown === total ? "Showing all " + plural(total) + "." : "Showing " + shown + " of " + plural(total) + ".";
  }

  function markOf(key) {
    return doc.getElementById("m" + key);
  }

  // Outlines every piece of the finding's mark and its list entry.
  function setActive(key, on) {
    marks.forEach(function (mark) {
      if (mark.dataset.finding === key) mark.classList.toggle("active", on);
    });
    entries.forEach(function (li) {
      if (li.dataset.finding === key) li.classList.toggle("current", on);
    });
  }

  // Places the tooltip under the line of `mark` nearest to `y` (or its first line), inside the
  // viewport, above the line when there is no room below.
  function place(tip, mark, y) {
    const rects = Array.from(mark.getClientRects());
    let r = rects[0] || mark.getBoundingClientRect();
    if (y !== undefined) {
      r = rects.find((q) => y >= q.top && y <= q.bottom) || r;
    }
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const viewWidth = doc.documentElement.clientWidth;
    const left = Math.max(8, Math.min(r.left, viewWidth - width - 8));
    let top = r.bottom + 6;
    if (top + height > window.innerHeight && r.top - height - 6 > 0) top = r.top - height - 6;
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }

  function show(mark, y) {
    const key = mark.dataset.finding;
    const tip = doc.getElementById("t" + key);
    if (!tip || mark.classList.contains("off")) return;
    clearTimeout(hideTimer);
    if (current && current !== tip) hide();
    tip.hidden = false;
    current = tip;
    setActive(key, true);
    place(tip, mark, y);
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!current) return;
    current.hidden = true;
    setActive(current.id.slice(1), false);
    current = null;
  }

  // Hides after a moment, so the pointer can move onto the tooltip; a focused mark keeps its own.
  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      const focused = doc.activeElement;
      if (focused && focused.matches && focused.matches("mark[data-finding]")) {
        show(focused);
      } else {
        hide();
      }
    }, 200);
  }

  const target = (el, selector) => (el && el.closest ? el.closest(selector) : null);

  doc.addEventListener("mouseover", function (e) {
    const mark = target(e.target, "mark[data-finding]");
    if (mark) show(mark, e.clientY);
    else if (target(e.target, ".tip")) clearTimeout(hideTimer);
  });
  doc.addEventListener("mouseout", function (e) {
    if (!target(e.target, "mark[data-finding], .tip")) return;
    if (target(e.relatedTarget, "mark[data-finding], .tip")) return;
    hideSoon();
  });
  doc.addEventListener("focusin", function (e) {
    const mark = target(e.target, "mark[data-finding]");
    if (mark && mark === e.target) show(mark);
  });
  doc.addEventListener("focusout", function (e) {
    if (e.target.matches && e.target.matches("mark[data-finding]")) hideSoon();
  });
  doc.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && current) hide();
  });
  doc.addEventListener("click", function (e) {
    const link = target(e.target, "a.goto");
    if (!link) return;
    const mark = doc.getElementById(link.getAttribute("href").slice(1));
    if (!mark) return;
    e.preventDefault();
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  });
  window.addEventListener("resize", function () {
    if (current) {
      const mark = markOf(current.id.slice(1));
      if (mark) place(current, mark);
    }
  });

  form.addEventListener("change", apply);
  doc.getElementById("show-all").addEventListener("click", function () {
    form.querySelectorAll("input[data-filter]").forEach(function (input) {
      input.checked = true;
    });
    apply();
  });
  form.hidden = false;
  apply();
})();
