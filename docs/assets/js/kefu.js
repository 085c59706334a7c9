// Small behaviours of the handbook's own pages: glossary tooltips, the
// first-week checklist of a learning path, and names for Material widgets that
// screen readers need. Subscribes to Material's document$, so it works with
// instant navigation; builds everything with textContent, never innerHTML.
(function () {
  "use strict";
  var tip = null;
  var owner = null;

  function tipBox() {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "kf-tip";
      tip.id = "kf-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function show(term) {
    var box = tipBox();
    if (owner && owner !== term) owner.removeAttribute("aria-describedby");
    owner = term;
    box.textContent = term.getAttribute("data-kf-def");
    box.hidden = false;
    term.setAttribute("aria-describedby", "kf-tip");
    var r = term.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8));
    box.style.left = left + "px";
    box.style.top = (r.bottom + window.scrollY + 6) + "px";
  }

  function hide() {
    if (tip) tip.hidden = true;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
  }

  function terms() {
    document.querySelectorAll("a.kf-term:not([data-kf-ready])").forEach(function (a) {
      a.setAttribute("data-kf-ready", "1");
      a.addEventListener("mouseenter", function () { show(a); });
      a.addEventListener("mouseleave", function () { if (document.activeElement !== a) hide(); });
      a.addEventListener("focus", function () { show(a); });
      a.addEventListener("blur", hide);
      // A tap shows the definition first; a second tap on the same term opens the glossary.
      a.addEventListener("click", function (ev) {
        if (owner === a && tip && !tip.hidden && a.getAttribute("data-kf-tapped") === "1") return;
        ev.preventDefault();
        a.setAttribute("data-kf-tapped", "1");
        show(a);
      });
    });
  }

  function checklists() {
    document.querySelectorAll("[data-kf-checklist]:not([data-kf-ready])").forEach(function (list) {
      list.setAttribute("data-kf-ready", "1");
      var key = "kf-checklist:" + list.getAttribute("data-kf-checklist");
      var done = {};
      try { done = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { done = {}; }
      list.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = !!done[box.value];
        box.addEventListener("change", function () {
          done[box.value] = box.checked;
          try { localStorage.setItem(key, JSON.stringify(done)); } catch (e) { /* private mode: ticks last for this visit */ }
          count(list);
        });
      });
      count(list);
    });
  }

  function count(list) {
    var status = document.querySelector("[data-kf-checklist-status='" + list.getAttribute("data-kf-checklist") + "']");
    if (!status) return;
    var all = list.querySelectorAll("input[type=checkbox]");
    var ticked = list.querySelectorAll("input[type=checkbox]:checked");
    status.textContent = "已完成 " + ticked.length + " / " + all.length + " 项";
  }

  function names() {
    var search = document.querySelector(".md-search");
    if (search && !search.getAttribute("aria-label")) search.setAttribute("aria-label", "搜索");
    // Wide tables scroll inside their own box: make that box reachable by keyboard.
    // Each named after the section it sits in, so screen-reader users can tell the regions apart.
    var used = {};
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var name = "表格";
      var headings = document.querySelectorAll("article h1, article h2, article h3");
      Array.prototype.forEach.call(headings, function (h) {
        if (h.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) name = "表格：" + h.textContent.replace("¶", "").trim();
      });
      used[name] = (used[name] || 0) + 1;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", used[name] > 1 ? name + "（" + used[name] + "）" : name);
    });
  }

  function ready() {
    hide();
    names();
    terms();
    checklists();
  }

  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hide(); });
  document.addEventListener("click", function (ev) {
    if (owner && !owner.contains(ev.target)) {
      owner.removeAttribute("data-kf-tapped");
      hide();
    }
  }, true);

  if (window.document$) {
    window.document$.subscribe(ready);
  } else {
    document.addEventListener("DOMContentLoaded", ready);
  }
})();
