// Quiz widget: practice (instant feedback, progress in localStorage) and exams
// (name + employee number, one submission, a result code the trainer grades
// with `python -m scripts_gen grade`). Questions come from the escaped JSON in
// the page (an exam's pool from shared files it names, fetched from this site)
// and are built with textContent only, never innerHTML. Subscribes once to
// Material's document$, so it works with instant navigation.
// The fill-in normalisation, the per-learner exam draw and the result-code
// encoder mirror scripts_gen/quiz/text.py, quiz/form.py and quiz/code.py
// (tests/quiz/test_parity.py runs both): keep them in sync.
(function () {
  "use strict";
  if (window.__kfQuiz) return;
  window.__kfQuiz = true;

  var KEY = "kf-quiz:";
  var CHOICE = { "单选": 1, "多选": 1, "最佳回复": 1, "判断": 1 };
  var B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  var LEARNER = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var EPOCH = Date.UTC(2025, 0, 1);
  var DIG = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var UNIT = { "十": 10, "百": 100, "千": 1000 };
  var uid = 0;
  // This file is assets/js/quiz.js: pool paths (site-root-relative) resolve against the folder two
  // up, which is right for a page at any depth and with or without directory URLs.
  var HERE = document.currentScript && document.currentScript.src;
  var ROOT = HERE ? new URL("../../", HERE).href : "";
  var POOLS = {}; // URL → promise of the parsed pool file, shared by every exam of this visit

  // --- helpers -------------------------------------------------------------

  function el(tag, attrs, kids) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") slotted(node, attrs[k]);
      else if (k === "class") node.className = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    });
    (kids || []).forEach(function (kid) { if (kid) node.appendChild(kid); });
    return node;
  }

  // "{约定时间}" in wording is a slot the agent fills in: shown like on the handbook pages, never as raw braces.
  function slotted(node, text) {
    var parts = String(text).split(/\{([^{}]+)\}/);
    if (parts.length === 1) { node.textContent = text; return; }
    node.textContent = "";
    parts.forEach(function (part, i) {
      if (i % 2) { var s = document.createElement("span"); s.className = "kf-slot"; s.textContent = part; node.appendChild(s); }
      else if (part) node.appendChild(document.createTextNode(part));
    });
  }

  function button(text, onClick, cls) {
    var b = el("button", { type: "button", class: "md-button kf-btn " + (cls || ""), text: text });
    b.addEventListener("click", onClick);
    return b;
  }

  function load(id, version) {
    try {
      var s = JSON.parse(localStorage.getItem(KEY + id));
      if (s && typeof s === "object" && s.v === version && s.a && typeof s.a === "object") return s;
    } catch (e) { /* corrupt storage: start afresh */ }
    return null;
  }

  function save(id, state) {
    try { localStorage.setItem(KEY + id, JSON.stringify(state)); } catch (e) { /* private mode or full */ }
  }

  function numeral(run) {
    if (!/[十百千万]/.test(run)) return run.split("").map(function (c) { return DIG[c]; }).join("");
    var total = 0, section = 0, num = 0;
    Array.from(run).forEach(function (c) {
      if (c in DIG) num = DIG[c];
      else if (c === "万") { total = (total + section + num) * 10000; section = num = 0; }
      else { section += (num || 1) * UNIT[c]; num = 0; }
    });
    return String(total + section + num);
  }

  var NUM = "[零〇一二两三四五六七八九十百千万]";
  var SPOKEN = [[/(?<=[0-9])秒钟/g, "秒"], [/(?<=[0-9])分钟/g, "分"], [/(?<=[0-9])(?:个小时|个钟头|钟头)/g, "小时"], [/(?<=[0-9])日/g, "天"]];

  function norm(s) {
    var t = String(s).normalize("NFKC").toLowerCase().replace(/\s/gu, "").split("百分百").join("100%")
      .replace(new RegExp("百分之(" + NUM + "+|[0-9]+)", "g"), "$1%")
      .replace(new RegExp(NUM + "+", "g"), numeral)
      .replace(/[–—\-～〜]/g, "~");
    SPOKEN.forEach(function (p) { t = t.replace(p[0], p[1]); });
    return t.replace(/([0-9]+)([^0-9~]{0,2}?)(?:~|到|至)([0-9]+)\2/g, "$1~$3$2")
      .replace(/之内|以内|(?<=[0-9秒分天时声行种号次%])内/g, "")
      .replace(/^(?:不超过|不多于|不晚于|最多|至多|最迟|最晚|最长|在)(?=[0-9])/, "")
      .replace(/[\s\p{P}\p{S}\p{Z}]/gu, function (c) { return c === "~" || c === "%" ? c : ""; });
  }

  function fnv(s) {
    var h = 0x811c9dc5;
    utf8(s).forEach(function (b) { h = Math.imul(h ^ b, 0x01000193) >>> 0; });
    return h;
  }

  // The learner's paper: per stratum, the pool questions with the smallest hashes (see form.py).
  function drawFor(data, learner) {
    var taken = [];
    data.strata.forEach(function (st) {
      var free = st[1].filter(function (i) { return taken.indexOf(i) < 0; });
      var key = {};
      free.forEach(function (i) { key[i] = fnv(data.seed + ":" + learner + ":" + data.questions[i].id); });
      free.sort(function (a, b) { return key[a] - key[b] || a - b; });
      taken = taken.concat(free.slice(0, st[0]));
    });
    return taken.map(function (i) { return data.questions[i]; });
  }

  // The exam pool from its files, in the order quiz/draw.py builds it: strata in order, each
  // question at its first occurrence (see form.exam_parts). Throws on a file of the wrong shape.
  function expand(data, files) {
    var full = {}, questions = [], index = new Map();
    Object.keys(data).forEach(function (k) { full[k] = data[k]; });
    full.strata = data.draw.map(function (d) {
      var file = files[d[1]];
      if (!file || !Array.isArray(file.questions)) throw failure("bad");
      return [d[0], file.questions.map(function (q) {
        if (!q || typeof q.id !== "string" || typeof q.type !== "string" || typeof q.prompt !== "string") throw failure("bad");
        if (!index.has(q.id)) { index.set(q.id, questions.length); questions.push(q); }
        return index.get(q.id);
      })];
    });
    if (questions.length !== data.n) throw failure("bad");
    full.questions = questions;
    return full;
  }

  function failure(kind, status) { var e = new Error("kf-pool:" + kind); e.kf = kind; e.status = status; return e; }

  var POOL_PATH = /^quiz\/pools\/[0-9a-f]{16}\.json$/; // only ever a file of this site

  function fetchPool(path) {
    if (!POOL_PATH.test(path)) return Promise.reject(failure("bad"));
    var url = new URL(path, ROOT || document.baseURI).href;
    if (!POOLS[url]) {
      POOLS[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw failure("status", r.status);
        return r.json();
      });
      POOLS[url].catch(function () { delete POOLS[url]; }); // a later visit tries again
    }
    return POOLS[url];
  }

  function crc16(bytes) {
    var crc = 0xffff;
    bytes.forEach(function (b) {
      crc ^= b << 8;
      for (var i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    });
    return crc;
  }

  function utf8(s) { return Array.from(new TextEncoder().encode(s)); }
  function width(n) { return n.toString(2).length; }
  function sorted(a) { return a.slice().sort(function (x, y) { return x - y; }); }
  function same(a, b) { return a.length === b.length && a.every(function (x, i) { return x === b[i]; }); }

  // --- answers -------------------------------------------------------------

  function valid(q, a) {
    var n = (q.options || []).length;
    var idx = function (x) { return x === null || (Number.isInteger(x) && x >= 0 && x < n); };
    if (a === null || a === undefined) return false;
    if (q.type === "填空") return typeof a === "string";
    if (q.type === "多选" || q.type === "排序" || q.type === "配对") {
      var len = q.type === "配对" ? q.lefts.length : q.type === "排序" ? n : a.length;
      return Array.isArray(a) && a.length === len && a.every(idx);
    }
    return Number.isInteger(a) && idx(a);
  }

  function answered(q, a) {
    if (!valid(q, a)) return false;
    if (q.type === "填空") return a.trim() !== "";
    if (q.type === "多选") return a.length > 0;
    if (q.type === "配对") return a.every(function (x) { return x !== null; });
    return true;
  }

  function isRight(q, a) {
    if (!answered(q, a)) return false;
    if (q.type === "填空") return q.key.indexOf(norm(a)) >= 0;
    if (q.type === "多选") return same(sorted(a), q.key);
    if (Array.isArray(q.key)) return same(a, q.key);
    return a === q.key;
  }

  function percent(right, total) { return total ? Math.floor((200 * right + total) / (2 * total)) : 0; }

  // --- result code (see quiz_code.py for the layout) -----------------------

  function resultCode(data, qs, state, answers) {
    var bits = [], learner = state.num;
    var put = function (value, w) { for (var i = w - 1; i >= 0; i--) bits.push(Math.floor(value / Math.pow(2, i)) % 2); };
    var clamp = function (x, hi) { return Math.max(0, Math.min(hi, Math.floor(x))); };
    put(2, 4);
    put(crc16(utf8(data.id.slice(2))), 16);
    put(parseInt(data.version.slice(0, 4), 16), 16);
    put(learner.length, 4);
    Array.from(learner).forEach(function (c) { put(LEARNER.indexOf(c), 6); });
    put(clamp(state.attempt || 1, 15), 4);
    put(clamp((state.start - EPOCH) / 60000, 16777215), 24);
    put(clamp((state.end - state.start) / 60000, 4095), 12);
    qs.forEach(function (q, i) {
      var a = answers[i], n = (q.options || []).length, w = width(n);
      var ok = valid(q, a) && answered(q, a) || (q.type === "配对" && valid(q, a));
      if (q.type === "多选") { var m = ok ? a : []; for (var j = 0; j < n; j++) bits.push(m.indexOf(j) >= 0 ? 1 : 0); }
      else if (q.type === "排序" || q.type === "配对") {
        var count = q.type === "配对" ? q.lefts.length : n;
        for (var k = 0; k < count; k++) put(ok && a[k] !== null ? a[k] + 1 : 0, w);
      } else if (q.type === "填空") { put(ok ? 1 : 0, 1); if (ok) put(crc16(utf8(norm(a))), 16); }
      else put(ok ? a + 1 : 0, w);
    });
    while (bits.length % 8) bits.push(0);
    var bytes = [];
    for (var b = 0; b < bits.length; b += 8) bytes.push(parseInt(bits.slice(b, b + 8).join(""), 2));
    var crc = crc16(bytes);
    bytes.push(crc >> 8, crc & 0xff);
    var all = bytes.map(function (x) { return ("0000000" + x.toString(2)).slice(-8); }).join("");
    while (all.length % 5) all += "0";
    var chars = "";
    for (var c = 0; c < all.length; c += 5) chars += B32[parseInt(all.slice(c, c + 5), 2)];
    return "KF-" + chars.match(/.{1,4}/g).join("-");
  }

  // --- one question --------------------------------------------------------

  function typeLabel(q) { return q.type === "最佳回复" ? "情景题" : q.type + "题"; }

  function buildBody(ctx, q, i, a, locked) {
    var name = ctx.uid + "-" + i;
    var box = el("div", { class: "kf-q-body" });
    var change = function () { ctx.onAnswer(i, readAnswer(box, q)); };
    if (CHOICE[q.type]) {
      q.options.forEach(function (text, j) {
        var input = el("input", { type: q.type === "多选" ? "checkbox" : "radio", name: name, value: j });
        input.checked = q.type === "多选" ? Array.isArray(a) && a.indexOf(j) >= 0 : a === j;
        input.disabled = locked;
        input.addEventListener("change", change);
        box.appendChild(el("label", { class: "kf-opt" }, [input, el("span", { text: text })]));
      });
    } else if (q.type === "填空") {
      var field = el("input", { type: "text", class: "kf-fill", autocomplete: "off", "aria-label": "第 " + (i + 1) + " 题答案" });
      field.value = typeof a === "string" ? a : "";
      field.disabled = locked;
      field.addEventListener("input", change);
      box.appendChild(el("label", { class: "kf-fill-label" }, [el("span", { text: "答案：" }), field]));
    } else if (q.type === "配对") {
      q.lefts.forEach(function (left, k) {
        var sel = el("select", { class: "kf-match", "data-k": k });
        sel.appendChild(el("option", { value: "", text: "请选择" }));
        q.options.forEach(function (right, j) { sel.appendChild(el("option", { value: j, text: right })); });
        sel.value = Array.isArray(a) && a[k] !== null && a[k] !== undefined ? String(a[k]) : "";
        sel.disabled = locked;
        sel.addEventListener("change", change);
        box.appendChild(el("label", { class: "kf-pair" }, [el("span", { text: left }), sel]));
      });
    } else {
      buildOrder(box, q, Array.isArray(a) ? a : q.options.map(function (_, j) { return j; }), locked, function (order) {
        ctx.onAnswer(i, order);
      });
    }
    return box;
  }

  function buildOrder(box, q, order, locked, onMove) {
    var list = el("ol", { class: "kf-order" });
    var status = el("p", { class: "kf-sr", "aria-live": "polite" });
    order.forEach(function (j) {
      var text = q.options[j];
      var up = el("button", { type: "button", class: "kf-move", "aria-label": "上移：" + text, text: "↑" });
      var down = el("button", { type: "button", class: "kf-move", "aria-label": "下移：" + text, text: "↓" });
      up.disabled = down.disabled = locked;
      var li = el("li", { "data-j": j }, [el("span", { text: text }), up, down]);
      var move = function (dir, btn) {
        var other = dir < 0 ? li.previousElementSibling : li.nextElementSibling;
        if (!other) return;
        if (dir < 0) list.insertBefore(li, other); else list.insertBefore(other, li);
        btn.focus();
        var now = Array.from(list.children);
        status.textContent = "“" + text + "”移到第 " + (now.indexOf(li) + 1) + " 位";
        onMove(now.map(function (n) { return Number(n.getAttribute("data-j")); }));
      };
      up.addEventListener("click", function () { move(-1, up); });
      down.addEventListener("click", function () { move(1, down); });
      list.appendChild(li);
    });
    box.appendChild(list);
    box.appendChild(status);
  }

  function readAnswer(box, q) {
    if (q.type === "多选") {
      return Array.from(box.querySelectorAll("input:checked")).map(function (x) { return Number(x.value); });
    }
    if (CHOICE[q.type]) { var c = box.querySelector("input:checked"); return c ? Number(c.value) : null; }
    if (q.type === "填空") return box.querySelector("input").value;
    return Array.from(box.querySelectorAll("select")).map(function (s) { return s.value === "" ? null : Number(s.value); });
  }

  function buildQuestion(ctx, q, i, a, locked) {
    var legend = el("legend", {}, [el("span", { class: "kf-q-n", text: "第 " + (i + 1) + " 题 · " + typeLabel(q) }), el("span", { text: q.prompt })]);
    var fs = el("fieldset", { class: "kf-q", id: ctx.uid + "-q" + i }, [legend]);
    if (q.customer) fs.appendChild(el("p", { class: "kf-customer", text: "客户：“" + q.customer + "”" }));
    fs.appendChild(buildBody(ctx, q, i, a, locked));
    return fs;
  }

  // --- practice ------------------------------------------------------------

  function describe(q) {
    if (q.type === "填空") return "参考答案：" + (q.ref || q.key[0]);
    if (q.type === "排序") return "正确顺序：" + q.key.map(function (j) { return q.options[j]; }).join(" → ");
    if (q.type === "配对") return "正确配对：" + q.lefts.map(function (l, k) { return l + " — " + q.options[q.key[k]]; }).join("；");
    var keys = Array.isArray(q.key) ? q.key : [q.key];
    return "正确答案：" + keys.map(function (j) { return q.options[j]; }).join("；");
  }

  function feedback(q, a) {
    var right = isRight(q, a);
    var box = el("div", { class: "kf-fb " + (right ? "kf-right" : "kf-wrong"), tabindex: "-1" });
    box.appendChild(el("p", { class: "kf-verdict", text: right ? "✓ 回答正确" : "✗ 回答错误" }));
    if (!right) box.appendChild(el("p", { text: describe(q) }));
    if (q.why) {
      var list = el("ul", { class: "kf-why" });
      q.options.forEach(function (text, j) {
        if (!q.why[j]) return;
        var good = Array.isArray(q.key) ? q.key.indexOf(j) >= 0 : q.key === j;
        list.appendChild(el("li", { text: (good ? "✓ " : "✗ ") + text + "：" + q.why[j] }));
      });
      box.appendChild(list);
    }
    if (q.explain) box.appendChild(el("p", { text: "解析：" + q.explain }));
    if (q.see) box.appendChild(el("p", {}, [el("span", { text: "手册出处：" }), el("a", { href: q.see.href, text: q.see.label })]));
    return box;
  }

  function practice(root, data) {
    var state = load(data.id, data.version) || { v: data.version, a: {}, d: {} };
    if (!state.d || typeof state.d !== "object") state.d = {};
    var ctx = { uid: "kfq" + (++uid), onAnswer: function (i, a) { state.a[data.questions[i].id] = a; save(data.id, state); } };
    var list = el("div", { class: "kf-questions" });
    var score = el("div", { class: "kf-score", "aria-live": "polite" });

    function block(q, i) {
      var a = state.a[q.id];
      if (!valid(q, a)) a = null;
      var done = state.d[q.id] === true && a !== null;
      var fs = buildQuestion(ctx, q, i, a, done);
      if (done) fs.appendChild(feedback(q, a));
      else {
        var check = button("检查", function () {
          if (q.type === "排序" && !valid(q, state.a[q.id])) state.a[q.id] = q.options.map(function (_, j) { return j; });
          var now = state.a[q.id];
          if (!answered(q, now)) { hint.textContent = "请先作答。"; return; }
          state.d[q.id] = true;
          save(data.id, state);
          var fresh = block(q, i);
          fs.replaceWith(fresh);
          fresh.querySelector(".kf-fb").focus();
          update();
        }, "kf-check");
        var hint = el("span", { class: "kf-hint", "aria-live": "polite" });
        fs.appendChild(el("div", { class: "kf-actions" }, [check, hint]));
      }
      return fs;
    }

    function update() {
      var qs = data.questions, checked = 0, right = 0;
      qs.forEach(function (q) {
        if (state.d[q.id] === true && valid(q, state.a[q.id])) { checked++; if (isRight(q, state.a[q.id])) right++; }
      });
      if (state.r !== right) { state.r = right; save(data.id, state); }
      score.textContent = "";
      var line = "已完成 " + checked + "/" + qs.length + " 题，答对 " + right + " 题。";
      if (checked === qs.length) {
        var pass = right * 100 >= data.pass * qs.length;
        line = "全部完成：答对 " + right + "/" + qs.length + " 题，得分 " + percent(right, qs.length) + "%，" +
          (pass ? "通过" : "未通过") + "（及格线 " + data.pass + "%）。";
        score.className = "kf-score " + (pass ? "kf-pass" : "kf-fail");
      } else score.className = "kf-score";
      score.appendChild(el("p", { class: "kf-score-line", text: line }));
      var wrong = qs.filter(function (q) { return state.d[q.id] === true && !isRight(q, state.a[q.id]); });
      var actions = el("div", { class: "kf-actions" });
      if (wrong.length) actions.appendChild(button("重做错题（" + wrong.length + "）", function () { reset(wrong); }, "kf-retry"));
      if (checked) actions.appendChild(button("全部重来", function () { reset(qs); }, "kf-restart"));
      score.appendChild(actions);
    }

    function reset(qs) {
      qs.forEach(function (q) { delete state.d[q.id]; delete state.a[q.id]; });
      save(data.id, state);
      draw();
      focusFirst(root);
    }

    function draw() {
      list.textContent = "";
      data.questions.forEach(function (q, i) { list.appendChild(block(q, i)); });
      update();
    }

    root.appendChild(list);
    root.appendChild(score);
    draw();
  }

  // The first control of the first question still to answer (not one already checked).
  function focusFirst(root) {
    var open = Array.from(root.querySelectorAll(".kf-q:not(.kf-who)")).filter(function (fs) { return !fs.querySelector(".kf-fb"); })[0];
    var first = open && open.querySelector("input:not([disabled]), select:not([disabled]), button:not([disabled])");
    if (first) first.focus();
  }

  // --- exam ----------------------------------------------------------------

  function attempts(data, num) { return KEY + "attempts:" + data.id + ":" + num; }

  // An exam page names its pool files: they load while the learner fills in name and number
  // (a submitted exam shows its code without them). A pool that cannot be loaded replaces the widget
  // with a message; nothing is saved until the paper is on screen.
  function exam(root, data) {
    var state = load(data.id, data.version) || { v: data.version, a: {} };
    if (state.code) return showCode(root, data, state);
    var pool = loadPool(data);
    pool.catch(function (err) {
      if (!root.isConnected) return;
      root.textContent = "";
      poolError(root, err);
    });
    var ctx = { uid: "kfq" + (++uid), onAnswer: function (i, a) { state.a[ctx.qs[i].id] = a; save(data.id, state); } };
    if (state.start && state.num) return whenLoaded(root, pool, function (full) { sheet(root, full, state, ctx); });
    var name = el("input", { type: "text", id: ctx.uid + "-name", autocomplete: "name", required: "" });
    var num = el("input", { type: "text", id: ctx.uid + "-num", autocomplete: "off", required: "" });
    var msg = el("p", { class: "kf-hint", "aria-live": "assertive" });
    var start = button("开始答题", function () {
      var n = num.value.toUpperCase().replace(/[^0-9A-Z]/g, "");
      if (!name.value.trim() || !n || n.length > 15) { msg.textContent = "请填写姓名和工号（工号只含字母和数字，最多 15 位）。"; return; }
      start.disabled = true;
      whenLoaded(who, pool, function (full) {
        state.name = name.value.trim();
        state.num = n;
        state.start = Date.now();
        var before = 0;
        try { before = Number(localStorage.getItem(attempts(data, n))) || 0; } catch (e) { /* no storage */ }
        state.attempt = before + 1;
        try { localStorage.setItem(attempts(data, n), String(state.attempt)); } catch (e) { /* no storage */ }
        save(data.id, state);
        root.textContent = "";
        sheet(root, full, state, ctx);
        focusFirst(root);
      });
    });
    var who = el("fieldset", { class: "kf-q kf-who" }, [
      el("legend", { text: "考生信息" }),
      el("label", { for: ctx.uid + "-name", text: "姓名" }), name,
      el("label", { for: ctx.uid + "-num", text: "工号" }), num,
      el("div", { class: "kf-actions" }, [start, msg]),
    ]);
    root.appendChild(who);
  }

  // The exam with its pool: a promise of the page data plus questions and strata.
  function loadPool(data) {
    var paths = data.draw.map(function (d) { return d[1]; }).filter(function (p, i, all) { return all.indexOf(p) === i; });
    return Promise.all(paths.map(fetchPool)).then(function (bodies) {
      var files = {};
      paths.forEach(function (p, i) { files[p] = bodies[i]; });
      return expand(data, files);
    });
  }

  // Run ``then`` once the pool is there, saying "loading" in ``box`` meanwhile (failure is shown by exam()).
  function whenLoaded(box, pool, then) {
    var wait = el("p", { class: "kf-loading", role: "status", text: "正在加载试题……" });
    var shown = setTimeout(function () { box.appendChild(wait); }, 150);
    pool.then(function (full) {
      clearTimeout(shown);
      wait.remove();
      if (box.isConnected) then(full);
    }, function () { clearTimeout(shown); });
  }

  function poolError(root, err) {
    var why = err && err.kf === "status" ? (err.status === 404 ? "服务器上没有找到题库文件（网站可能刚更新过）" : "服务器返回错误 " + err.status)
      : err && (err.kf === "bad" || err.name === "SyntaxError") ? "题库文件内容不完整或已损坏" : "网络连接失败";
    root.appendChild(el("div", { class: "kf-error", role: "alert" }, [
      el("p", { class: "kf-verdict", text: "试题加载失败：" + why + "，暂时无法开始考试。" }),
      el("p", { text: "请确认网络连接正常后点“重新加载本页”。已作答的内容保存在本机，不会丢失；如果多次失败，请把本页地址告诉培训师。" }),
      el("div", { class: "kf-actions" }, [button("重新加载本页", function () { location.reload(); })]),
    ]));
  }

  function sheet(root, data, state, ctx) {
    var qs = ctx.qs = drawFor(data, state.num);
    root.appendChild(el("p", { class: "kf-who-line", text: "考生：" + state.name + "（工号 " + state.num + "）" +
      (state.attempt > 1 ? "，第 " + state.attempt + " 次作答（培训师会看到）" : "") }));
    var timer = el("p", { class: "kf-timer", role: "timer", "aria-live": "off" });
    if (data.limit) {
      root.appendChild(timer);
      // A focused control must never sit under the sticky timer.
      root.addEventListener("focusin", function (ev) {
        var top = timer.getBoundingClientRect().bottom, box = ev.target.getBoundingClientRect();
        if (box.top < top + 8) window.scrollBy({ top: box.top - top - 16, behavior: "instant" });
      });
    }
    qs.forEach(function (q, i) {
      var a = state.a[q.id];
      root.appendChild(buildQuestion(ctx, q, i, valid(q, a) ? a : null, false));
    });
    var warn = el("p", { class: "kf-warn", "aria-live": "assertive" });
    var confirmed = false;
    var submit = button("交卷", function () {
      var missing = [];
      qs.forEach(function (q, i) { if (!answered(q, state.a[q.id])) missing.push(i + 1); });
      if (missing.length && !confirmed) {
        confirmed = true;
        warn.textContent = "还有 " + missing.length + " 题未作答：第 " + missing.join("、") + " 题。交卷后不能修改；确定要交卷请再点一次“仍然交卷”。";
        submit.textContent = "仍然交卷";
        return;
      }
      finish();
    }, "md-button--primary kf-submit");
    root.appendChild(el("div", { class: "kf-actions" }, [submit]));
    root.appendChild(warn);

    function finish() {
      if (state.code) return;
      state.end = Date.now();
      state.code = resultCode(data, qs, state, qs.map(function (q) { return valid(q, state.a[q.id]) ? state.a[q.id] : null; }));
      save(data.id, state);
      root.textContent = "";
      showCode(root, data, state);
    }

    if (data.limit) {
      var end = state.start + data.limit * 60000;
      var tick = function () {
        if (!root.isConnected) return clearInterval(handle);
        var left = Math.max(0, end - Date.now());
        timer.textContent = "剩余时间：" + Math.floor(left / 60000) + " 分 " + ("0" + Math.floor(left / 1000) % 60).slice(-2) + " 秒";
        if (!left) { clearInterval(handle); finish(); }
      };
      var handle = setInterval(tick, 1000);
      tick();
    }
  }

  function showCode(root, data, state) {
    var text = state.name + " " + state.code;
    var code = el("output", { class: "kf-code", text: state.code });
    var copied = el("span", { class: "kf-hint", "aria-live": "polite" });
    var select = function () {
      var range = document.createRange();
      range.selectNodeContents(code);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    };
    var fallback = function () {
      select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      copied.textContent = ok ? "已复制结果码。" : "已选中结果码，请按 Ctrl+C 复制（手机上长按选中的文字复制）。";
    };
    var copy = button("复制结果码", function () {
      // navigator.clipboard exists only on HTTPS or localhost; an intranet over plain HTTP falls back.
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { copied.textContent = "已复制（含姓名）。"; }, fallback);
      } else fallback();
    });
    var retake = button("重新考试", function () {
      if (!again) { again = true; retake.textContent = "确定重新考试（培训师会看到这是第 " + ((state.attempt || 1) + 1) + " 次）"; return; }
      save(data.id, { v: data.version, a: {} });
      root.textContent = "";
      exam(root, data);
    }, "kf-retake");
    var again = false;
    root.appendChild(el("div", { class: "kf-result", tabindex: "-1" }, [
      el("p", { class: "kf-verdict", text: "已交卷。请把下面的结果码连同姓名发给培训师：" }),
      el("p", { text: "考生：" + state.name + "（工号 " + state.num + "）" + (state.attempt > 1 ? "，第 " + state.attempt + " 次作答" : "") }),
      code,
      el("div", { class: "kf-actions" }, [copy, copied]),
      el("p", { class: "kf-hint", text: "结果码带校验位，抄错一位培训师就能发现。本页不显示分数。结果码里记有开始和交卷时间，重新考试也会如实告知培训师。" }),
      el("div", { class: "kf-actions" }, [retake]),
    ]));
    root.querySelector(".kf-result").focus();
  }

  // --- my progress -----------------------------------------------------------

  function progress(root, data) {
    var rows = data.quizzes.map(function (quiz) {
      var s = load(quiz.id, quiz.version), status, got = "—";
      if (quiz.mode === "exam") status = s && s.code ? "已交卷：" + s.code : s && s.start ? "作答中" : "未开始";
      else {
        var d = s && s.d && typeof s.d === "object" ? Object.keys(s.d).length : 0;
        status = !d ? "未开始" : d >= quiz.n ? "已完成" : "进行中（" + d + "/" + quiz.n + "）";
        if (d) got = String(countRight(s)) + "/" + d;
      }
      return el("tr", {}, [
        el("td", {}, [el("a", { href: quiz.href, text: quiz.title })]),
        el("td", { text: quiz.mode === "exam" ? "考试" : "练习" }),
        el("td", { text: got }),
        el("td", { text: status }),
      ]);
    });
    var head = el("tr", {}, ["测验", "类型", "答对", "状态"].map(function (t) { return el("th", { text: t }); }));
    root.appendChild(el("div", { class: "md-typeset__table" }, [el("table", { class: "kf-progress-table" }, [el("thead", {}, [head]), el("tbody", {}, rows)])]));
  }

  function countRight(s) { return typeof s.r === "number" ? s.r : 0; }

  // --- wiring --------------------------------------------------------------

  function init() {
    document.querySelectorAll("[data-kf-quiz]:not([data-kf-ready]), [data-kf-progress]:not([data-kf-ready])").forEach(function (root) {
      root.setAttribute("data-kf-ready", "1");
      var data;
      try { data = JSON.parse(root.querySelector(".kf-quiz-data").textContent); } catch (e) { return; }
      if (root.hasAttribute("data-kf-progress")) progress(root, data);
      else if (data.mode === "exam") exam(root, data);
      else practice(root, data);
    });
  }

  // Exam pools start loading as soon as this script runs (the page is parsed by then), not when
  // Material is ready to call init: the fetch overlaps the theme's own start-up.
  function prefetch() {
    document.querySelectorAll("[data-kf-quiz]:not([data-kf-ready]) .kf-quiz-data").forEach(function (node) {
      var data;
      try { data = JSON.parse(node.textContent); } catch (e) { return; }
      if (data.mode === "exam" && Array.isArray(data.draw)) data.draw.forEach(function (d) { fetchPool(d[1]).catch(function () {}); });
    });
  }

  window.kfQuizParts = { norm: norm, drawFor: drawFor, resultCode: resultCode, fnv: fnv, expand: expand };
  prefetch();
  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
