// "没找到想要的？": the words new hires search with, kept on their own device for the editors.
// No server exists and no request is ever made: a reader who did not find an answer clicks
// the button under the search results, and the query, the top results shown and the time
// go into this browser's localStorage; a search with no result at all is kept without a
// click once the reader stops typing. Nothing else is stored (no keystrokes, no half-typed
// queries, no searches that found something and were not flagged). The trainers' page
// (search-misses/, not in the navigation, not indexed) lists what this browser kept and
// exports it as a text file that `python -m scripts_gen search-misses` reads.
// The search itself (search.js) is not touched: this file watches its results list, which
// search.js marks with data-done="<query>" once a search has been shown.
// Every recorded text reaches the page through textContent, never innerHTML.
(function () {
  "use strict";
  if (window.__kfMisses) return;
  window.__kfMisses = true;

  var KEY = "kf-search-misses";
  var CAP = 200; // queries kept per browser; the oldest go first
  var SETTLE = 1500; // ms without typing before a query with no result is kept
  var AGAIN = 10 * 60 * 1000; // the same query with no result again within this time is one search
  var SHOWN = 3; // results kept with a flagged query
  var NONE = "无结果";
  var FLAGGED = "没找到";

  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);
  var pageUrl = new URL("search-misses/", root).href;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  // One line of text: a query never carries a tab, a line break or an invisible control
  // character (bidi overrides, zero-width spaces pasted from a chat) into the export, whose
  // reader refuses lines with them.
  function oneLine(text) {
    return String(text || "")
      .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
      .replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
      .trim();
  }

  function load() {
    try {
      var data = JSON.parse(localStorage.getItem(KEY) || "null");
      if (data && data.v === 1 && Array.isArray(data.items)) {
        return data.items.filter(function (x) { return x && typeof x.q === "string" && x.q; });
      }
    } catch (e) { /* no storage, or not ours */ }
    return [];
  }

  function save(items) {
    items.sort(function (a, b) { return b.last - a.last; });
    try {
      localStorage.setItem(KEY, JSON.stringify({ v: 1, items: items.slice(0, CAP) }));
      return true;
    } catch (e) {
      return false; // private mode or storage full
    }
  }

  // Keep one search: ``kind`` is NONE (no result, kept automatically) or FLAGGED (the reader
  // clicked "没找到想要的？"); ``shown`` the results the reader saw. True when it was stored.
  function record(query, kind, shown) {
    var q = oneLine(query).slice(0, 200);
    if (!q) return false;
    var now = Date.now();
    var items = load();
    var item = items.filter(function (x) { return x.q === q; })[0];
    if (kind === NONE) {
      // Typing on after a pause extends the query: the shorter one, kept a moment ago, was not
      // a search of its own (退差 kept, then 退差价).
      var latest = items.slice().sort(function (a, b) { return b.last - a.last; })[0];
      if (latest && latest !== item && latest.kind === NONE && latest.n === 1 && now - latest.last < 60000 && q.indexOf(latest.q) === 0) {
        items.splice(items.indexOf(latest), 1);
      }
      if (item && item.kind === NONE && now - item.last < AGAIN) return save(items);
    }
    if (!item) {
      item = { q: q, n: 0, first: now };
      items.push(item);
    }
    item.n += 1;
    item.last = now;
    item.kind = kind;
    if (shown && shown.length) item.shown = shown;
    return save(items);
  }

  // The results the reader sees at the top: "页面 › 小节" and the link, relative to the site.
  function topResults(list) {
    return Array.prototype.slice.call(list.querySelectorAll(".kf-search-hit"), 0, SHOWN).map(function (hit) {
      var a = hit.querySelector("a");
      var where = hit.querySelector(".kf-search-hit__where");
      var url = a ? new URL(a.getAttribute("href"), location.href) : null;
      var path = url ? url.pathname + url.hash : "";
      if (path.indexOf(root.pathname) === 0) path = "/" + path.slice(root.pathname.length);
      return { t: oneLine(where ? where.textContent : ""), u: oneLine(decodeURI(path)) };
    });
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function stamp(ms) {
    var d = new Date(ms);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  // ---- Under the search results -------------------------------------------------------

  function searchBox() {
    var list = document.querySelector("[data-kf-search-results]");
    var input = document.querySelector("[data-kf-search-input]");
    var form = document.querySelector("[data-kf-search-form]");
    if (!list || !input || list.__kfMisses) return;
    list.__kfMisses = true;
    var bar = el("div", "kf-miss");
    bar.hidden = true;
    bar.setAttribute("data-kf-miss", "");
    list.parentNode.insertBefore(bar, list);
    var pending = null; // a query with no result, kept once the reader stops typing
    var flagged = null; // the query just flagged: its confirmation stays while the box shows it

    function keepPending() {
      if (!pending) return;
      clearTimeout(pending.timer);
      var q = pending.q;
      pending = null;
      record(q, NONE);
    }

    function link() {
      var a = el("a", "kf-miss__link", "查看或删除本机的记录");
      a.href = pageUrl;
      a.addEventListener("click", function () {
        var t = document.getElementById("__search");
        if (t && t.checked) {
          t.checked = false;
          t.dispatchEvent(new Event("change"));
        }
      });
      return a;
    }

    function empty(query) {
      bar.textContent = "";
      bar.className = "kf-miss kf-miss--empty";
      bar.appendChild(el("p", "kf-miss__title", "没找到想要的？"));
      var p = el("p", "kf-miss__text");
      p.appendChild(document.createTextNode("没有结果的搜索会自动记在这台设备上（只存在本浏览器里，不会发送出去）。培训老师收集后，编辑会把“"));
      p.appendChild(el("strong", "", query));
      p.appendChild(document.createTextNode("”这样的说法补进手册，让下次能搜到。"));
      bar.appendChild(p);
      bar.appendChild(el("p", "kf-miss__text", "现在可以换个说法试试：用更短的词，或手册里的叫法，例如“退货”“投诉”“安抚”。"));
      bar.appendChild(link());
    }

    function offer(query) {
      bar.textContent = "";
      bar.className = "kf-miss";
      var button = el("button", "kf-miss__button", "没找到想要的？");
      button.type = "button";
      button.setAttribute("data-kf-miss-flag", "");
      bar.appendChild(button);
      bar.appendChild(el("span", "kf-miss__hint", "点一下，把这次搜索记下来，帮手册补上你的说法"));
      button.addEventListener("click", function () {
        flagged = query;
        var shown = topResults(list);
        var ok = record(query, FLAGGED, shown);
        bar.textContent = "";
        bar.className = "kf-miss kf-miss--done";
        bar.setAttribute("role", "status");
        if (!ok) {
          bar.appendChild(el("p", "kf-miss__text", "这个浏览器不允许保存记录（可能是无痕模式）：请把“" + query + "”直接告诉培训老师。"));
          return;
        }
        var p = el("p", "kf-miss__text");
        p.appendChild(document.createTextNode("已记下：搜索词“"));
        p.appendChild(el("strong", "", query));
        p.appendChild(document.createTextNode("”、当时显示的前 " + shown.length + " 个结果和时间（" + stamp(Date.now()) + "）。"));
        bar.appendChild(p);
        bar.appendChild(el("p", "kf-miss__text", "记录只保存在这台设备的浏览器里，不会发送出去；培训老师需要时会请你导出。"));
        bar.appendChild(link());
      });
    }

    function done() {
      var query = list.dataset.done;
      if (query === undefined || query !== input.value.trim()) return;
      if (query === flagged && !bar.hidden) return;
      var none = !list.querySelector(".kf-search-hit");
      if (pending) clearTimeout(pending.timer);
      pending = null;
      if (none) {
        pending = { q: query, timer: setTimeout(keepPending, SETTLE) };
        empty(query);
      } else {
        offer(query);
      }
      bar.hidden = false;
    }

    new MutationObserver(done).observe(list, { attributes: true, attributeFilter: ["data-done"] });
    input.addEventListener("input", function () {
      if (pending && input.value.trim() !== pending.q) {
        clearTimeout(pending.timer);
        pending = null;
      }
      if (input.value.trim() !== flagged) flagged = null;
      if (input.value.trim() !== list.dataset.done) bar.hidden = true;
    });
    // Enter, closing the search or leaving the page: the reader has finished typing.
    if (form) form.addEventListener("submit", keepPending);
    var toggle = document.getElementById("__search");
    if (toggle) toggle.addEventListener("change", function () { if (!toggle.checked) keepPending(); });
    window.addEventListener("pagehide", keepPending);
  }

  // ---- The trainers' page -------------------------------------------------------------

  function exportText(items) {
    var lines = [
      "# 客服指引手册 · 搜索未命中记录（本机浏览器导出）",
      "# 导出时间：" + stamp(Date.now()) + "，共 " + items.length + " 个搜索词",
      "# 每行：次数 类型 最近一次（日期 时间） 搜索词；类型“无结果”是搜索没有任何结果，“没找到”是学员点了“没找到想要的？”",
      "# 以“>”开头的行是点击时显示的前几个结果。汇总：python -m scripts_gen search-misses 文件…",
    ];
    items.forEach(function (x) {
      lines.push(x.n + " " + x.kind + " " + stamp(x.last) + " " + x.q);
      (x.shown || []).forEach(function (s) { lines.push("  > " + (s.t || "") + " | " + (s.u || "")); });
    });
    return lines.join("\n") + "\n";
  }

  function fileName() {
    var d = new Date();
    return "搜索未命中-" + d.getFullYear() + pad(d.getMonth() + 1) + pad(d.getDate()) + ".txt";
  }

  function trainersPage() {
    var box = document.querySelector("[data-kf-misses]");
    if (!box || box.__kfMisses) return;
    box.__kfMisses = true;
    box.textContent = "";
    var items = load().sort(function (a, b) { return b.n - a.n || b.last - a.last; });
    var status = el("p", "kf-misses__status");
    status.setAttribute("role", "status");
    box.appendChild(el("p", "kf-misses__summary", items.length
      ? "这台设备的浏览器记下了 " + items.length + " 个搜索词（最多保留 " + CAP + " 个，最早的先删）。"
      : "这台设备的浏览器还没有记下任何搜索。"));
    if (!items.length) return;

    var actions = el("div", "kf-misses__actions");
    var copy = el("button", "md-button md-button--primary", "复制为文本");
    var download = el("button", "md-button", "下载文件");
    var clear = el("button", "md-button kf-misses__clear", "清空记录");
    [copy, download, clear].forEach(function (b) { b.type = "button"; actions.appendChild(b); });
    copy.setAttribute("data-kf-misses-copy", "");
    download.setAttribute("data-kf-misses-download", "");
    clear.setAttribute("data-kf-misses-clear", "");
    box.appendChild(actions);
    box.appendChild(status);

    var wrap = el("div", "kf-misses__table");
    // Our own class: Material's table style (inline-block, scrolled sideways) would hide the
    // count on a phone, where each row becomes a card instead (feedback.css).
    var table = el("table", "kf-misses__list");
    var head = el("tr", "");
    var LABELS = ["搜索词", "次数", "类型", "最近一次", "当时显示的结果"];
    LABELS.forEach(function (h) { head.appendChild(el("th", "", h)); });
    head.appendChild(el("th", "")).appendChild(el("span", "kf-misses__hidden-label", "删除"));
    var thead = el("thead", "");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody", "");
    items.forEach(function (x) {
      var tr = el("tr", "");
      tr.setAttribute("data-kf-misses-row", "");
      tr.appendChild(el("td", "kf-misses__query", x.q));
      tr.appendChild(el("td", "kf-misses__count", String(x.n)));
      tr.appendChild(el("td", "kf-misses__kind", x.kind));
      tr.appendChild(el("td", "kf-misses__time", stamp(x.last)));
      var shown = el("td", "kf-misses__shown");
      (x.shown || []).forEach(function (s) {
        var line = shown.appendChild(el("div", ""));
        // Only a path of this site becomes a link (never javascript: or another host).
        if (typeof s.u !== "string" || !/^\/(?!\/)/.test(s.u)) return void (line.textContent = s.t || "");
        var a = el("a", "", s.t || s.u);
        a.href = new URL(s.u.slice(1), root).href;
        line.appendChild(a);
      });
      if (!x.shown || !x.shown.length) shown.textContent = "—";
      tr.appendChild(shown);
      Array.prototype.forEach.call(tr.children, function (td, i) { td.setAttribute("data-label", LABELS[i]); });
      // A learner may keep one search out of what is sent: removed here, gone from the export.
      var drop = el("button", "kf-misses__drop", "删除");
      drop.type = "button";
      drop.setAttribute("aria-label", "删除“" + x.q + "”");
      drop.setAttribute("data-kf-misses-drop", "");
      drop.addEventListener("click", function () {
        save(load().filter(function (y) { return y.q !== x.q; }));
        box.__kfMisses = false;
        trainersPage();
        box.querySelector(".kf-misses__status").textContent = "已删除“" + x.q + "”。";
      });
      tr.appendChild(el("td", "kf-misses__drop-cell")).appendChild(drop);
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    box.appendChild(wrap);

    var text = exportText(items);
    var area = el("textarea", "kf-misses__text");
    area.readOnly = true;
    area.value = text;
    area.rows = Math.min(12, text.split("\n").length);
    area.setAttribute("aria-label", "导出的文本");
    box.appendChild(el("p", "kf-misses__note", "导出的文本（也可以手动全选复制）："));
    box.appendChild(area);

    copy.addEventListener("click", function () {
      function fallback() {
        area.focus();
        area.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        status.textContent = ok ? "已复制 " + items.length + " 个搜索词，可以粘贴到聊天窗口发给培训老师。" : "浏览器不允许自动复制：文本已选中，请按 Ctrl+C（手机上长按）复制。";
      }
      // The clipboard API needs https or localhost; an intranet over http falls back.
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () {
          status.textContent = "已复制 " + items.length + " 个搜索词，可以粘贴到聊天窗口发给培训老师。";
        }, fallback);
      } else {
        fallback();
      }
    });
    download.addEventListener("click", function () {
      var blob = new Blob([text], { type: "text/plain;charset=utf-8" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = fileName();
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      status.textContent = "已下载 " + a.download + "：请把这个文件发给培训老师。";
    });
    clear.addEventListener("click", function () {
      if (!window.confirm("确定清空这台设备上的 " + items.length + " 个搜索记录吗？清空后无法恢复；请先确认已导出。")) return;
      try { localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
      box.__kfMisses = false;
      trainersPage();
      box.querySelector(".kf-misses__summary").textContent = "已清空：这台设备上不再有搜索记录。";
    });
  }

  function ready() {
    searchBox();
    trainersPage();
  }

  window.kfMisses = { record: record, load: load, exportText: exportText };
  if (window.document$) window.document$.subscribe(ready);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
