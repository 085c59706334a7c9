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
  var engine = null;
  var last = 0;
  var pageCount = 0;
  // The synonym table (data/synonyms.yml, written as search-synonyms.json): {synonyms: {an
  // everyday word the handbook does not use: [the handbook's words for it]}, words: [the
  // everyday words it does use, kept whole but searched as written (手机号, 制度)]}, fetched
  // with Pagefind's entry file on the first search.
  var synonyms = {};
  var whole = new Set();
  var handbookWords = new Set();
  var longest = 0;

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
          // How many pages the index holds, to tell a word most pages use (客户, 服务).
          var counted = fetch(new URL("pagefind/pagefind-entry.json", root).href).then(function (r) { return r.json(); }).then(function (entry) {
            Object.keys(entry.languages || {}).forEach(function (k) { pageCount += entry.languages[k].page_count || 0; });
          }, function () {});
          // Without the table (an old build, a failed request) questions are searched as typed.
          var table = fetch(new URL("search-synonyms.json", root).href).then(function (r) { return r.ok ? r.json() : {}; }).then(useSynonyms, function () {});
          return Promise.all([counted, table]).then(function () { return pf; });
        });
      });
    }
    return engine;
  }

  // Words that make a question a question ("客户骂人怎么办"): they say nothing about
  // where the answer is, so they are dropped before searching.
  var FILLER = new Set(("怎么办 怎么样 怎么 怎样 如何 什么 为什么 是什么 哪些 哪个 哪里 哪儿 几个 多久 多少 " +
    "是否 能不能 可不可以 可以 能 会 要不要 要 该 应该 吗 呢 吧 啊 呀 嘛 啦 呗 哈 了 的 地 得 着 过 很 太 都 也 还 就 再 又 " +
    "我 我们 你 你们 您 他 她 它 他们 咱们 一下 一个 这个 那个 这 那 有 是 和 跟 与 及 或 意思 叫 算 请问 时候 " +
    "什么时候 哪 几 多 在 把 被 给 从 向 之 " +
    // Spoken question words (咋办 啥 干嘛 为啥) and the do-verbs that come with them (咋弄 咋整 怎么搞).
    "咋 啥 为啥 干嘛 干啥 谁 弄 搞 整 说 点 一点").split(" "));
  // Punctuation (full-width or not) separates words but is never searched for.
  var PUNCT = /[\s\u3000，。、？！：；“”‘’（）《》【】〈〉「」『』…—～·,.?!:;"'()[\]{}<>~]+/g;
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;

  // Question phrases the segmenter would cut into searchable pieces (怎么办 -> 怎么 办):
  // removed whole before segmenting, as are "A不A" questions (行不行, 是不是, 可不可以).
  var PHRASES = /可不可以|怎么办|怎么样|怎么说|怎么回|怎么弄|怎么搞|怎么整|咋办|咋弄|咋整|咋搞|咋说|咋回|咋样|说点啥|是什么|为什么|为啥|干嘛|干啥|有没有|([\u4e00-\u9fff])不\1/g;

  var NEGATED = /不可以|不能|不会|不要|不用/g;

  // An ordinal (第一步, 第 3 条): the handbook numbers steps and rules with digits (第 1 步) and
  // writes some in Chinese (第一步); either spelling typed finds both (see spellings()).
  var ORDINAL = /第\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*(步|条|项|章|节|次|天|个|种|级|类|点|轮)/g;
  var NUMERALS = "零一二三四五六七八九";

  function arabic(n) {
    if (/^[0-9]+$/.test(n)) return String(+n);
    n = n.replace(/两/g, "二");
    var ten = n.indexOf("十");
    if (ten < 0) return String(NUMERALS.indexOf(n));
    return String((ten ? NUMERALS.indexOf(n.charAt(0)) : 1) * 10 + (ten + 1 < n.length ? NUMERALS.indexOf(n.charAt(ten + 1)) : 0));
  }

  function chinese(n) {
    return n < 10 ? NUMERALS.charAt(n) : (n >= 20 ? NUMERALS.charAt(Math.floor(n / 10)) : "") + "十" + (n % 10 ? NUMERALS.charAt(n % 10) : "");
  }

  // The ways the handbook may write a word of the question: an ordinal kept as 第1步 is also 第一步.
  function spellings(word) {
    var m = /^第([0-9]+)(.+)$/.exec(word);
    return m && +m[1] > 0 ? [word, "第" + chinese(+m[1]) + m[2]] : [word];
  }

  // Fillers that also begin or end words of the handbook (在线 站点 会员 多久 给予): the
  // segmenter may cut such a word in two, so these may pair with a neighbour (see keywords).
  // Particles and pronouns (吗 了 的 我 这) never do.
  var JOINS = new Set("在会能要该有是和跟与及或叫算多把被给从向之点说整弄搞".split(""));
  // Such a pair is only a guess at a word: it weighs like one character (RANK.single); keywords()
  // lists them in the returned array's ``soft``.

  function useSynonyms(data) {
    var table = data && data.synonyms;
    if (!table || typeof table !== "object") return;
    if (Array.isArray(data.words)) {
      data.words.forEach(function (w) {
        if (typeof w === "string" && w) { whole.add(w); longest = Math.max(longest, w.length); }
      });
    }
    Object.keys(table).forEach(function (k) {
      if (!Array.isArray(table[k])) return;
      var words = table[k].filter(function (w) { return typeof w === "string" && w; });
      if (!k || !words.length) return;
      synonyms[k] = words;
      longest = Math.max(longest, k.length);
      words.forEach(function (w) { handbookWords.add(w); longest = Math.max(longest, w.length); });
    });
  }

  // The everyday words of the table in the segmented ``text`` (发火, 骂人): {start: word}.
  // A word counts only where the segmenter's word boundaries fall at both its ends (累 is
  // not read inside 积累) and the longest one at a place wins; a handbook word of the table
  // there (辱骂) is left as typed (骂 in it is not read).
  function everyday(segments, text) {
    var found = {};
    if (!longest) return found;
    var starts = {};
    var ends = {};
    segments.forEach(function (s) { starts[s.index] = true; ends[s.index + s.segment.length] = true; });
    for (var i = 0; i < text.length; i++) {
      if (!starts[i]) continue;
      for (var len = Math.min(longest, text.length - i); len > 0; len--) {
        var w = text.substr(i, len);
        if (handbookWords.has(w)) break;
        if (ends[i + len] && (whole.has(w) || entryOf(synonyms, w) !== undefined)) {
          found[i] = w;
          i += len - 1;
          break;
        }
      }
    }
    return found;
  }

  // Homophone slips of pinyin input that turn a word of the handbook into another
  // (回“好吧” typed 回好把, 再见 typed 在见): read as the word meant.
  var SLIPS = [[/好把/g, "好吧"], [/在见/g, "再见"]];

  function normalise(query) {
    var text = query.replace(PUNCT, " ").trim();
    SLIPS.forEach(function (s) { text = text.replace(s[0], s[1]); });
    return text;
  }

  // Characters that carry no topic on their own: a pair of the question's characters
  // holding one of them ("要在", "怎么") says nothing about where the answer is.
  var GLUE = new Set("的了吗呢吧啊呀嘛么要在是我你您他她它们这那哪啥咋谁什怎样办弄搞能会该可以有和跟与及或都也还就再又把被给从向之很太个一些".split(""));

  // Neighbouring character pairs of the question ("几天内完成" -> 几天 天内 内完 完成), less
  // those holding a glue character: a section that holds several of them holds the
  // question's wording, even where the segmenter cut it into pieces that each say little.
  function pairs(query) {
    var out = [];
    (normalise(query).replace(PHRASES, " ").match(/[\u4e00-\u9fff]+/g) || []).forEach(function (run) {
      for (var i = 0; i + 1 < run.length; i++) {
        var pair = run.substr(i, 2);
        if (!GLUE.has(pair.charAt(0)) && !GLUE.has(pair.charAt(1)) && out.indexOf(pair) < 0) out.push(pair);
      }
    });
    return out;
  }

  // What the question quotes (“这样行不行”, "哦") is wording asked about, not a way of asking.
  var QUOTED = /[“"「『‘]([^”"」』’]{1,16})[”"」』’]/g;

  function keywords(query) {
    var text = normalise(query);
    var quoted = [];
    query.replace(QUOTED, function (m, inner) { quoted.push(normalise(inner)); return m; });
    if (!segmenter) return text.split(" ").filter(Boolean);
    var words = [];
    var forms = {};
    // A modal word alone is dropped (可以, 能), but negated it is what is asked about
    // (能说“不可以”吗, 不能退): kept whole before the rest is segmented.
    var asked = text.replace(ORDINAL, function (w, n, unit) {
      var number = arabic(n);
      if (+number > 0) add("第" + number + unit);
      return " ";
    }).replace(PHRASES, function (w) {
      return quoted.some(function (q) { return q.indexOf(w) >= 0; }) ? w : " ";
    }).replace(NEGATED, function (w) { add(w); return " "; });
    var soft = [];
    var run = []; // neighbouring single characters, each { c: character, glue: a filler alone }
    // The segmenter's dictionary lacks many service words and splits them (回访 -> 回 访):
    // two neighbouring single characters are read as one word; a longer run as each pair
    // in it (打回访 -> 打回 回访), the pairs the handbook does not contain finding nothing.
    // A single character that is a filler alone (在, 多, 要) may be half of such a word
    // (在线 cut 在|线, 多久): it joins a pair with a neighbour that is not one, and the
    // neighbour is also kept as it would be without it (线), as is a filler beside a filler never.
    function flush() {
      var content = [];
      run.forEach(function (x, i) {
        if (!x.glue) {
          content.push(x.c);
          if (i + 1 === run.length || run[i + 1].glue) {
            if (content.length === 1) add(content[0]);
            else for (var k = 0; k + 1 < content.length; k++) add(content[k] + content[k + 1]);
            content = [];
          }
        }
        if (i + 1 < run.length && (x.glue !== run[i + 1].glue)) soft.push(add(x.c + run[i + 1].c));
      });
      run = [];
    }
    function add(w) { if (words.indexOf(w) < 0) words.push(w); return w; }
    var segments = Array.from(segmenter.segment(asked));
    // An everyday word of the synonym table is kept whole, searched also as the handbook's words.
    var known = everyday(segments, asked);
    var until = 0;
    segments.forEach(function (s) {
      if (s.index < until) return;
      if (known[s.index]) {
        flush();
        add(known[s.index]);
        if (!whole.has(known[s.index])) forms[known[s.index]] = synonyms[known[s.index]];
        until = s.index + known[s.index].length;
        return;
      }
      var w = s.segment.trim();
      var han = w.length === 1 && /[\u4e00-\u9fff]/.test(w);
      if (!s.isWordLike || !w || (FILLER.has(w) && !han)) return flush();
      if (han && FILLER.has(w) && !JOINS.has(w)) return flush();
      if (han) return run.push({ c: w, glue: FILLER.has(w) });
      flush();
      // 几天 几声 几步: the question asks about the 天, 声, 步.
      if (w.length === 2 && (w.charAt(0) === "几" || w.charAt(0) === "多")) w = w.charAt(1);
      add(w);
    });
    flush();
    if (!words.length) return [text];
    words.soft = soft;
    words.forms = forms;
    return words;
  }

  // Ranking knobs (section scores, see find() and build()), chosen on the tuning questions of
  // tests/fixtures/search/queries.yml; window.kfSearch.rank lets a test or a reader try others.
  var RANK = { candidates: 10, unit: 512, saturation: 2, coverage: 1, page: 0.2, single: 0.5, fuzzy: 0.1, context: 2, sections: 3, ratio: 0.8, pairs: 3, common: 0.7, commonOnly: 0.5, intro: 0.8, synonym: 0.7 };

  // One search, as the box runs it (also used by the search-quality test). The query is
  // split into its words, each searched alone with Pagefind, and the answer is looked
  // for section by section: a section scores for every word of the query it contains
  // (rarer words count more, a word in its heading counts more), and sections holding
  // more of the query's words rank first. Pagefind alone requires every word, so a
  // question whose wording the text does not share would find nothing; ranking whole
  // pages would put a long page that mentions every word once above the one section
  // that answers. Every page any word finds is returned (the best ones first).
  // ``map[key]`` only when ``map`` itself holds it: a question typing "constructor" must not read
  // Object's own property as its synonyms (a function reached Pagefind's worker and the search threw).
  function entryOf(map, key) {
    return map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
  }

  function find(query) {
    return load().then(function (pf) {
      var words = keywords(query);
      var bigrams = pairs(query);
      return Promise.all(words.map(function (w) { return lookupAll(pf, w, entryOf(words.forms, w)); })).then(function (all) {
        return Promise.all(all.map(function (search, i) { return search.results.length ? search : shorter(pf, words, i); }));
      }).then(function (all) {
        var any = all.some(function (search) { return search.results.length; });
        // No word of the question is in the handbook (a typo, an unknown compound): search
        // its character pairs instead, so that a near wording still finds something.
        var fallback = bigrams.filter(function (b) { return words.indexOf(b) < 0; });
        if (any || !fallback.length) return rank(all, words, bigrams, query);
        return Promise.all(fallback.map(function (w) { return pf.search(w); })).then(function (more) {
          return rank(more, fallback, bigrams, query);
        });
      });
    });
  }

  // Pagefind's results for every spelling of ``word``, together.
  function lookup(pf, word) {
    var all = spellings(word);
    if (all.length === 1) return pf.search(word);
    return Promise.all(all.map(function (w) { return pf.search(w.replace(/([0-9]+)/g, " $1 ").trim()); })).then(function (found) {
      return { results: [].concat.apply([], found.map(function (f) { return f.results; })) };
    });
  }

  // A word of the question and the handbook's words for it (the synonym table) searched
  // together: each result scored against the best of its own search, a synonym's below the word's.
  function lookupAll(pf, word, alts) {
    var weight = RANK.synonym;
    if (!alts || !alts.length) return lookup(pf, word);
    return Promise.all([word].concat(alts).map(function (w) { return lookup(pf, w); })).then(function (found) {
      var results = [];
      found.forEach(function (f, k) {
        var top = f.results.length ? f.results[0].score || 1 : 1;
        f.results.forEach(function (r) {
          // Pagefind frees a result's data once the result object is collected: ``r`` is kept.
          results.push({ id: r.id, score: r.score, norm: (r.score / top) * (k ? weight : 1), data: function () { return r.data(); } });
        });
      });
      return { results: results, weight: weight };
    });
  }

  function flat(text) { return text.replace(/\s+/g, "").toLowerCase(); }

  // A word of the question the handbook never uses as a whole (吵起来, 断掉) is searched by
  // its longest leading part that it does use (吵 -> 吵架): the word in it that carries the
  // topic. Glue characters alone (要, 在) are not tried; words[i] becomes the part found.
  function shorter(pf, words, i) {
    var w = words[i];
    function step(k) {
      if (k < 1 || !/^[\u4e00-\u9fff]+$/.test(w)) return Promise.resolve({ results: [] });
      var part = w.slice(0, k);
      if (FILLER.has(part) || (k === 1 && GLUE.has(part))) return step(k - 1);
      return pf.search(part).then(function (search) {
        if (!search.results.length) return step(k - 1);
        words[i] = part;
        return search;
      });
    }
    return step(w.length - 1);
  }

  function rank(all, words, bigrams, query) {
    var total = 0;
    all.forEach(function (search) { total = Math.max(total, search.results.length); });
    var pages = {};
    var terms = all.map(function (search, i) {
      var ids = {};
      search.results.forEach(function (r) { ids[r.id] = Math.max(ids[r.id] || 0, r.norm === undefined ? 0 : r.norm); });
      var n = Object.keys(ids).length;
      // Rarer words count more; one character is weaker evidence than a word.
      var idf = n ? Math.log(1 + (total + 1) / n) * (words[i].length > 1 && (words.soft || []).indexOf(words[i]) < 0 ? 1 : RANK.single) : 0;
      var top = n ? search.results[0].score || 1 : 1;
      search.results.forEach(function (r) {
        var page = pages[r.id] || (pages[r.id] = { id: r.id, prior: 0, hits: [] });
        // A page found by a word and by its synonyms counts once, by its best.
        if (r.norm === undefined) page.prior += idf * (r.score / top);
        else if (ids[r.id] === r.norm) { page.prior += idf * r.norm; ids[r.id] = -1; }
        page.hits.push({ term: i, result: r });
      });
      // A word on most pages of the handbook (客户, 服务) alone does not point to an answer.
      return { word: words[i], alts: search.weight ? entryOf(words.forms, words[i]) || [] : [], weight: search.weight || 0, idf: idf, common: pageCount > 0 && n >= RANK.common * pageCount };
    });
    var list = Object.keys(pages).map(function (k) { return pages[k]; });
    list.sort(function (a, b) { return b.prior - a.prior || (a.id < b.id ? -1 : 1); });
    var best = list.length ? list[0].prior || 1 : 1;
    list.forEach(function (page) {
      page.prior /= best;
      page.data = function () { return page.built || (page.built = build(page, terms, bigrams, normalise(query).toLowerCase())); };
    });
    // The best pages by their words are read section by section and reordered by their best section.
    var head = list.slice(0, RANK.candidates);
    return Promise.all(head.map(function (page) { return page.data(); })).then(function () {
      head.sort(function (a, b) { return b.score - a.score || (a.id < b.id ? -1 : 1); });
      return {
        results: head.concat(list.slice(RANK.candidates)).map(function (p) {
          return { id: p.id, score: p.score === undefined ? p.prior : p.score, data: p.data };
        }),
      };
    });
  }

  // Pagefind hands every search the same fragment object of a page and rewrites its
  // match fields on each data() call, so one page's calls run one after another.
  var queues = {};
  function serial(id, job) {
    var next = (queues[id] || Promise.resolve()).then(job);
    queues[id] = next.catch(function () {});
    return next;
  }

  // A page as the results list shows it: its sections that hold words of the question,
  // best first, each with a snippet around its matches. A word counts in a section by
  // Pagefind's score of each match (a whole word above a part of one, a heading above
  // body text, an overview page below a content page), saturating so that one word
  // repeated cannot outweigh several words of the question.
  function build(page, terms, bigrams, typed) {
    var hits = [];
    var frag = null;
    return serial(page.id, function () {
      return page.hits.reduce(function (done, hit) {
        return done.then(function () {
          return hit.result.data().then(function (f) {
            frag = frag || { content: f.raw_content || "", url: (f.meta && f.meta.url) || f.url, meta: f.meta || {}, anchors: f.anchors || [] };
            hits.push({ term: hit.term, locations: f.weighted_locations || [] });
          });
        });
      }, Promise.resolve());
    }).then(function () {
      var url = frag.url;
      var anchors = frag.anchors.filter(function (a) {
        return (a.title && /\S/.test(a.title)) || (/h\d/i.test(a.element) && a.text && /\S/.test(a.text));
      }).sort(function (x, y) { return x.location - y.location; });
      // List items with their own anchor (an alternative wording, an example, a note): read
      // alone too, so that a question one item answers opens that item, not its section.
      var items = frag.anchors.filter(function (a) {
        return /^li$/i.test(a.element || "") && a.id && a.text && /\S/.test(a.text);
      }).sort(function (x, y) { return x.location - y.location; });
      var sections = [{ title: frag.meta.title || "", url: url, from: 0, level: 0 }].concat(anchors.map(function (x) {
        var level = /h(\d)/i.exec(x.element || "");
        return { title: x.title || x.text, url: url + "#" + x.id, from: x.location, level: level ? +level[1] : 7 };
      }));
      var parents = [];
      sections.forEach(function (s, i) {
        s.to = i + 1 < sections.length ? sections[i + 1].from : Infinity;
        s.weights = terms.map(function () { return 0; });
        s.real = terms.map(function () { return false; });
        s.marks = [];
        // A section is read under its page title and the headings above it ("客服专员 › 岗位职责").
        while (parents.length && parents[parents.length - 1].level >= s.level) parents.pop();
        s.context = parents.map(function (x) { return x.title; }).concat(i ? [] : [s.title]).join(" ").toLowerCase();
        parents.push(s);
      });
      var zws = frag.content.indexOf("\u200B") >= 0;
      var words = zws ? frag.content.split("\u200B") : frag.content.split(/[\r\n\s]+/g);
      var joiner = zws ? "" : " ";
      // Each item under its section: it ends where its own text does (the anchor holds it).
      var units = [];
      items.forEach(function (a) {
        var s = sections[where(sections, a.location)];
        var need = a.text.replace(/\s+/g, "").length;
        var end = a.location;
        for (var got = 0; end < Math.min(words.length, s.to) && got < need; end++) got += words[end].replace(/\s+/g, "").length;
        units.push({ title: s.title, url: url + "#" + a.id, from: a.location, to: end, parent: s, item: true,
          context: (s.context + " " + s.title).toLowerCase(), weights: terms.map(function () { return 0; }),
          real: terms.map(function () { return false; }), marks: [] });
      });
      hits.forEach(function (hit) {
        var term = terms[hit.term].word;
        hit.locations.forEach(function (l) {
          var s = sections[where(sections, l.location)];
          var inside = units.filter(function (u) { return u.from <= l.location && l.location < u.to; });
          // Pagefind also returns near spellings (订单 for 工单): they count little and are not marked.
          var near = flat(words.slice(Math.max(0, l.location - 3), l.location + 4).join(""));
          var own = spellings(term.toLowerCase()).filter(function (w) { return near.indexOf(flat(w)) >= 0; })[0];
          // Else the handbook's word for it (the synonym table: 辱骂 for 骂人), weighing less.
          var t = terms[hit.term];
          var alt = own === undefined ? t.alts.filter(function (w) { return near.indexOf(flat(w)) >= 0; })[0] : undefined;
          var spelt = own === undefined ? alt : own;
          // A word that is only part of a longer alias (不想 in 不想活了) is not that alias:
          // an alias counts when the question holds all of its words.
          var real = spelt !== undefined && covers(alt === undefined ? typed : typed + flat(alt), aliasAt(words, l.location));
          var weight = (l.balanced_score / RANK.unit) * (real ? 1 : RANK.fuzzy) * (alt === undefined ? 1 : t.weight);
          var marks = real ? span(words, l.location, flat(spelt), typed) : [];
          [s].concat(inside).forEach(function (u) {
            u.weights[hit.term] += weight;
            if (!real) return;
            marks.forEach(function (at) { if (u.marks.indexOf(at) < 0) u.marks.push(at); });
            u.real[hit.term] = true;
          });
        });
      });
      var asked = terms.length;
      sections.concat(units).forEach(function (s) {
        var score = 0;
        var covered = 0;
        var own = 0;
        var rare = 0;
        var context = flat(s.context); // the headings above, as every term is looked for in them
        terms.forEach(function (t, i) {
          var w = s.weights[i];
          var held = s.real[i];
          if (w) own += 1;
          if (!held && spellings(t.word.toLowerCase()).some(function (w) { return context.indexOf(flat(w)) >= 0; })) {
            w = Math.max(w, RANK.context);
            held = true;
          } else if (!held && t.alts.some(function (w) { return context.indexOf(flat(w)) >= 0; })) {
            w = Math.max(w, RANK.context * t.weight);
            held = true;
          }
          if (!w) return;
          // Only the words really there (or in the headings above) make the section cover the query.
          if (held) covered += 1;
          if (held && !t.common) rare += 1;
          score += t.idf * w / (w + RANK.saturation);
        });
        // The share of the question's character pairs found in the section's text and headings.
        var text = words.slice(s.from, Math.min(s.to, words.length)).join("").toLowerCase() + " " + s.context;
        var shared = bigrams.filter(function (b) { return text.indexOf(b) >= 0; }).length;
        var overlap = bigrams.length ? shared / bigrams.length : 0;
        s.score = own ? score * (1 + RANK.coverage * covered / asked + RANK.pairs * overlap) + RANK.page * page.prior : 0;
        // A section holding only such common words, when the question has others, goes below those that hold one.
        if (!rare && terms.some(function (t) { return !t.common; })) s.score *= RANK.commonOnly;
        // The top of a page (its title and summary) names what the whole page covers: when the
        // page has sections, the one that answers ranks above a summary that only mentions it.
        if (!s.item && s.level <= 1 && sections.some(function (x) { return x.level > 1; })) s.score *= RANK.intro;
        // An item read with its headings can score above its section (its pairs and headings
        // weigh more against its short text): the section then ranks by it. The result opens
        // the item when the item holds every word of the question that the section's text
        // holds: the rest of the section adds nothing that was asked. (Weighting an item by
        // the share of the question it holds was tried and measured worse on the tuning sets.)
        if (s.item) {
          var inside = s.real.filter(Boolean).length;
          var whole = inside > 0 && terms.every(function (t, i) { return s.real[i] || !s.parent.real[i]; });
          if (whole && (!s.parent.best || s.score > s.parent.best.score)) s.parent.best = s;
          s.parent.top = Math.max(s.parent.top || 0, s.score);
        }
      });
      var found = sections.filter(function (s) { return s.score > 0 || s.top > 0; }).map(function (s) {
        var score = Math.max(s.score, s.top || 0);
        var part = s.best || s;
        return { title: s.title, url: part.url, from: s.from, to: s.to, score: score, part: part };
      });
      found.sort(function (x, y) { return y.score - x.score || x.from - y.from; });
      page.score = found.length ? found[0].score : 0;
      return {
        url: url,
        meta: frag.meta,
        excerpt: found.length ? excerpt(words, joiner, found[0].part) : "",
        sub_results: found.map(function (s) {
          return { url: s.url, title: s.title, excerpt: excerpt(words, joiner, s.part), rank: s.score };
        }),
      };
    });
  }

  // The words to mark for a match of ``term`` at word ``at``: the shortest run of words
  // through ``at`` that spells the whole term (货到付款 stored as 货|到|付款 is marked whole),
  // grown by the neighbouring words the question also typed in that order (a search for
  // 被客户骂哭了 marks 骂哭 in the alias 被骂哭, not only 骂); none when the term is only
  // nearby (看到 beside a match of 货到).
  function span(words, at, term, asked) {
    function text(a, b) { return flat(words.slice(a, b).join("")); }
    for (var len = 1; len <= 4; len++) {
      for (var from = Math.max(0, at - len + 1); from <= at; from++) {
        if (text(from, from + len).indexOf(term) < 0) continue;
        var to = Math.min(from + len, words.length);
        while (to < words.length && words[to] && asked.indexOf(text(from, to + 1)) >= 0) to += 1;
        while (from > 0 && words[from - 1] && asked.indexOf(text(from - 1, to)) >= 0) from -= 1;
        var out = [];
        for (var i = from; i < to; i++) out.push(i);
        return out;
      }
    }
    return [];
  }

  // The alias ("也叫：A、B、C" under a title) that word ``at`` is part of, or "" outside such a line.
  function aliasAt(words, at) {
    var start = -1;
    for (var k = at; k >= Math.max(0, at - 40) && start < 0; k--) {
      if (k < at && words[k].indexOf(".") >= 0) return ""; // the end of an earlier block
      if (k >= 2 && flat(words[k]) === "：" && flat(words[k - 1]) === "叫" && flat(words[k - 2]) === "也") start = k + 1;
    }
    if (start < 0 || start > at) return "";
    var from = at;
    var to = at + 1;
    while (from > start && flat(words[from - 1]) !== "、") from -= 1;
    while (to < words.length && flat(words[to]) !== "、" && words[to].indexOf(".") < 0) to += 1;
    return flat(words.slice(from, to).join(""));
  }

  // Whether a match inside ``alias`` stands for it: always for an alias of one or two
  // characters; for a longer one, when the question also holds its last character that is
  // not glue (a Chinese phrase ends in what it is about: 不想活了 is about 活, so 不想买 is
  // not it, while 买家拍了不付款 is 拍下未付款).
  function covers(typed, alias) {
    if (alias.length < 3) return true;
    var content = alias.split("").filter(function (c) { return !GLUE.has(c); });
    return !content.length || flat(typed).indexOf(content[content.length - 1]) >= 0;
  }

  function where(sections, at) {
    var i = sections.length - 1;
    while (i > 0 && sections[i].from > at) i -= 1;
    return i;
  }

  // About 24 words of the section from just before its first match, matches marked.
  function excerpt(words, joiner, s) {
    var length = 24;
    var end = Math.min(s.to, words.length);
    var marks = s.marks.slice().sort(function (a, b) { return a - b; });
    var start = Math.max(s.from, (marks.length ? marks[0] : s.from) - 4);
    if (end - start < length) start = Math.max(s.from, end - length);
    var out = [];
    for (var i = start; i < Math.min(end, start + length); i++) {
      var marked = marks.indexOf(i) >= 0;
      var open = marked && !(i > start && marks.indexOf(i - 1) >= 0);
      var close = marked && !(i + 1 < Math.min(end, start + length) && marks.indexOf(i + 1) >= 0);
      out.push((open ? "<mark>" : "") + words[i] + (close ? "</mark>" : ""));
    }
    // Pagefind joins blocks with ". ": a snippet does not start with one.
    var text = out.join(joiner).replace(/^[\s.,:;。，、：；]+/, "").trim();
    return (start > s.from ? "… " : "") + text + (start + length < end ? " …" : "");
  }
  window.kfSearch = { search: find, keywords: keywords, rank: RANK };

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
    if (sub.rank !== undefined) return sub.rank;
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
    return subs.slice(0, RANK.sections).filter(function (sub, i) { return i === 0 || score(sub) >= best * RANK.ratio; });
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
