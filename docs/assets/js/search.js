// Site search with Pagefind (installed from npm at set-up time, index written into the
// built site by `make site`). The box and its results use Material's classes so it sits
// where readers expect it: in the header, full-screen on a phone, opened with / or S.
// Results are section-level: page title › section title, a snippet with the match
// highlighted, linking to the section's anchor. Everything from the index reaches the
// page through textContent (snippets are split at <mark> and decoded as text).
(function () {
  "use strict";
  if (window.__kfSearch) return;
  window.__kfSearch = true;

  var script = document.currentScript;
  // assets/js/search.js -> the site root, wherever the site is hosted.
  var root = new URL("../../", script ? script.src : location.href);
  var PAGES = 10; // pages whose sections are shown per "more" step
  var SECTIONS = 3; // best sections shown per page
  var engine = null;
  var last = 0;

  function $(sel) { return document.querySelector(sel); }
  function toggle() { return document.getElementById("__search"); }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          pf.init();
          return pf;
        });
      });
    }
    return engine;
  }

  // Words that make a question a question ("客户骂人怎么办"): they say nothing about
  // where the answer is, so they are dropped before searching.
  var FILLER = new Set(("怎么办 怎么样 怎么 怎样 如何 什么 为什么 是什么 哪些 哪个 哪里 哪儿 几个 多久 多少 " +
    "是否 能不能 可不可以 可以 能 会 要不要 要 该 应该 吗 呢 吧 啊 呀 嘛 了 的 地 得 着 过 很 太 都 也 还 就 再 又 " +
    "我 我们 你 您 他 她 它 他们 咱们 一下 一个 这个 那个 这 那 有 是 和 跟 与 及 或 意思 叫 算 请问 时候").split(" "));
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;

  function keywords(query) {
    if (!segmenter) return [query];
    var words = [];
    Array.from(segmenter.segment(query)).forEach(function (s) {
      var w = s.segment.trim();
      if (s.isWordLike && w && !FILLER.has(w) && words.indexOf(w) < 0) words.push(w);
    });
    return words.length ? words : [query];
  }

  // One search, as the box runs it (also used by the search-quality test). A single word
  // goes to Pagefind as typed. A question is split into its words, each searched alone,
  // and pages are ranked by how well they match each word, rarer words counting more:
  // Pagefind alone requires every word, so a question whose wording the text does not
  // share would find nothing.
  function find(query) {
    return load().then(function (pf) {
      var words = keywords(query);
      var whole = pf.search(query);
      if (words.length < 2) return whole;
      return Promise.all([whole].concat(words.map(function (w) { return pf.search(w); }))).then(function (all) {
        var pages = {};
        var total = 0;
        all.slice(1).forEach(function (search) { total = Math.max(total, search.results.length); });
        all.forEach(function (search, i) {
          var n = search.results.length;
          if (!n) return;
          var top = search.results[0].score || 1;
          // Rarer words count more; the whole question matching counts double.
          var weight = Math.log(1 + (total + 1) / n) * (i === 0 ? 2 : 1);
          search.results.forEach(function (r) {
            var page = pages[r.id] || (pages[r.id] = { id: r.id, score: 0, hits: [], first: r });
            page.score += weight * (r.score / top);
            if (i > 0) page.hits.push({ result: r, weight: weight });
          });
        });
        var results = Object.keys(pages).map(function (k) { return pages[k]; });
        results.sort(function (a, b) { return b.score - a.score || (a.id < b.id ? -1 : 1); });
        return {
          results: results.map(function (p) {
            return { id: p.id, score: p.score, data: function () { return (p.hits.length ? rarest(p.hits) : p.first).data(); } };
          }),
        };
      });
    });
  }

  // A page's sections and snippets come from the rarest word of the question it contains.
  function rarest(hits) {
    var best = hits[0];
    hits.slice(1).forEach(function (h) { if (h.weight > best.weight) best = h; });
    return best.result;
  }
  window.kfSearch = { search: find };

  // Pagefind's excerpt is escaped text with <mark> around matches: rebuild it as nodes.
  function snippet(html) {
    var p = el("p", "kf-search-hit__snippet");
    var decode = document.createElement("textarea");
    html.split(/<(\/?)mark>/).forEach(function (part, i) {
      if (i % 2) return; // the captured "/" or "" of a tag
      decode.innerHTML = part;
      var text = decode.value;
      if (!text) return;
      p.appendChild((i / 2) % 2 ? el("mark", "", text) : document.createTextNode(text));
    });
    return p;
  }

  function score(sub) {
    return (sub.weighted_locations || []).reduce(function (sum, w) { return sum + w.balanced_score; }, 0);
  }

  function clean(title) { return (title || "").replace(/[¶\s]+$/, "").trim(); }

  function hit(page, sub) {
    var li = el("li", "md-search-result__item kf-search-hit");
    var a = el("a", "md-search-result__link");
    a.href = sub.url;
    var pageTitle = clean(page.meta.title);
    var section = clean(sub.title);
    var where = el("div", "kf-search-hit__where");
    where.appendChild(el("span", "kf-search-hit__page", pageTitle));
    if (section && section !== pageTitle) {
      where.appendChild(document.createTextNode(" › "));
      where.appendChild(el("span", "kf-search-hit__section", section));
    }
    a.appendChild(where);
    a.appendChild(snippet(sub.excerpt || page.excerpt || ""));
    li.appendChild(a);
    return li;
  }

  function sections(page) {
    var subs = (page.sub_results || []).slice();
    if (!subs.length) subs = [{ url: page.url, title: page.meta.title, excerpt: page.excerpt }];
    subs.sort(function (x, y) { return score(y) - score(x); });
    // Further sections only when they match about as well as the best one (a section
    // that merely shares one character of the query is noise).
    var best = score(subs[0]);
    return subs.slice(0, SECTIONS).filter(function (sub, i) { return i === 0 || score(sub) >= best / 2; });
  }

  function show(results, from, list, meta, query) {
    var slice = results.slice(from, from + PAGES);
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (pages) {
      pages.forEach(function (page) {
        sections(page).forEach(function (sub) { list.appendChild(hit(page, sub)); });
      });
      var old = list.querySelector(".kf-search-more");
      if (old) old.remove();
      if (from + PAGES < results.length) {
        var li = el("li", "kf-search-more");
        var more = el("button", "md-button", "显示更多结果");
        more.type = "button";
        more.addEventListener("click", function () { show(results, from + PAGES, list, meta, query); });
        li.appendChild(more);
        list.appendChild(li);
      }
    });
  }

  function run(query) {
    var id = ++last;
    var list = $("[data-kf-search-results]");
    var meta = $("[data-kf-search-meta]");
    query = query.trim();
    if (!query) {
      list.textContent = "";
      meta.textContent = "输入词语或问题，例如“退货”“客户骂人怎么办”";
      return Promise.resolve();
    }
    meta.textContent = "正在搜索……";
    return find(query).then(function (search) {
      if (id !== last) return;
      list.textContent = "";
      var n = search ? search.results.length : 0;
      meta.textContent = n ? "找到 " + n + " 个相关页面" : "没有找到与“" + query + "”相关的内容，换个说法试试";
      list.dataset.query = query;
      if (n) return show(search.results, 0, list, meta, query);
    }).then(function () {
      if (id === last) list.dataset.done = query;
    }).catch(function () {
      if (id === last) meta.textContent = "搜索暂时不可用：请刷新页面后再试";
    });
  }

  function open(focus) {
    var t = toggle();
    if (!t.checked) {
      t.checked = true;
      t.dispatchEvent(new Event("change"));
    }
    if (focus) {
      var input = $("[data-kf-search-input]");
      input.focus();
      input.select();
    }
  }

  function close() {
    var t = toggle();
    if (t.checked) {
      t.checked = false;
      t.dispatchEvent(new Event("change"));
    }
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function setup() {
    var input = $("[data-kf-search-input]");
    var form = $("[data-kf-search-form]");
    var list = $("[data-kf-search-results]");
    if (!input || !toggle()) return;
    var timer = 0;
    var composing = false;
    function later() {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 120);
    }
    input.addEventListener("focus", function () { load(); open(false); });
    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () { composing = false; later(); });
    input.addEventListener("input", function () { if (!composing) later(); });
    toggle().addEventListener("change", function () {
      if (toggle().checked) setTimeout(function () { input.focus(); }, 50);
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    form.addEventListener("reset", function () { setTimeout(function () { run(""); input.focus(); }, 0); });
    list.addEventListener("click", function (ev) {
      if (ev.target.closest && ev.target.closest("a")) close();
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (toggle().checked) {
        var links = Array.prototype.slice.call(list.querySelectorAll("a"));
        var at = links.indexOf(document.activeElement);
        if (ev.key === "Escape") {
          close();
          input.blur();
          ev.preventDefault();
        } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
          if (!links.length) return;
          var next = ev.key === "ArrowDown" ? at + 1 : at - 1;
          if (next < 0) input.focus();
          else links[Math.min(next, links.length - 1)].focus();
          ev.preventDefault();
        }
        return;
      }
      if ((ev.key === "/" || ev.key === "s" || ev.key === "S") && !typing(ev.target)) {
        open(true);
        ev.preventDefault();
      }
    });
    // A shared link like .../?q=退货 opens the search with that query.
    var q = new URLSearchParams(location.search).get("q");
    if (q) {
      input.value = q;
      open(true);
      run(q);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
