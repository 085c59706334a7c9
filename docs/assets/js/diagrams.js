// Render ```mermaid blocks with the Mermaid copy installed at set-up time
// (docs/assets/vendor/, from the npm registry): never from a CDN, and only on
// pages that have a diagram. Subscribes once to Material's document$, so it
// also works with instant navigation. The source block is hidden with a class
// of our own (Material's `pre` styles override the `hidden` attribute), and a
// diagram is drawn again when the reader switches between light and dark.
(function () {
  "use strict";
  var loading = null;

  // Mermaid sits beside this script (assets/vendor/ next to assets/js/), on every page the site has.
  var self = document.currentScript ? document.currentScript.src : location.href;

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";
  }

  function loadMermaid() {
    if (window.mermaid) return Promise.resolve(window.mermaid);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = new URL("../vendor/mermaid.min.js", self).href;
        s.onload = function () { resolve(window.mermaid); };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function draw(nodes) {
    if (!nodes.length) return Promise.resolve();
    return loadMermaid().then(function (mermaid) {
      var theme = scheme();
      mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: theme, flowchart: { useMaxWidth: false } });
      nodes.forEach(function (div) {
        div.removeAttribute("data-processed");
        div.textContent = div.getAttribute("data-kf-source");
        div.setAttribute("data-kf-theme", theme);
        div.setAttribute("data-kf-busy", "1");
      });
      return mermaid.run({ nodes: nodes });
    }).then(function () {
      nodes.forEach(function (div) {
        div.removeAttribute("data-kf-busy");
        var svg = div.querySelector("svg");
        if (svg) { svg.setAttribute("role", "img"); svg.setAttribute("aria-label", div.getAttribute("aria-label") || "流程图"); }
        hint(div);
      });
    }).catch(function (err) {
      // Without the diagram the text steps below still say everything.
      if (window.console) console.warn("流程图未能绘制：", err);
      nodes.forEach(function (n) { n.remove(); });
    });
  }

  // A chart wider than the screen scrolls sideways inside its box; without a word a reader on a
  // phone sees half a chart and does not know there is more. The hint goes above the chart, and
  // comes and goes as the chart fits or not (turning the phone, redrawing in the other theme).
  function hint(div) {
    var wide = div.scrollWidth > div.clientWidth + 1;
    var before = div.previousElementSibling;
    var shown = before && before.classList.contains("kf-diagram-hint");
    if (wide && !shown) {
      var p = document.createElement("p");
      p.className = "kf-diagram-hint";
      p.textContent = "流程图较宽：在图上左右滑动，查看完整内容。";
      div.parentNode.insertBefore(p, div);
    } else if (!wide && shown) {
      before.remove();
    }
  }

  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { document.querySelectorAll(".kf-diagram").forEach(hint); }, 200);
  });

  function render() {
    var blocks = document.querySelectorAll("pre.kf-mermaid:not([data-kf-done])");
    var nodes = [];
    blocks.forEach(function (pre) {
      pre.setAttribute("data-kf-done", "1");
      pre.classList.add("kf-mermaid-source");
      var div = document.createElement("div");
      div.className = "kf-diagram";
      // Wide charts scroll sideways on a phone: the box takes keyboard focus so it can be scrolled.
      div.setAttribute("tabindex", "0");
      div.setAttribute("role", "figure");
      div.setAttribute("data-kf-source", pre.textContent);
      var heading = pre.previousElementSibling;
      div.setAttribute("aria-label", heading && /^H[1-6]$/.test(heading.tagName) ? heading.textContent.replace("¶", "").trim() : "流程图");
      pre.parentNode.insertBefore(div, pre);
      nodes.push(div);
    });
    draw(nodes);
  }

  // Material flips data-md-color-scheme on <body>; redraw what was drawn in the other theme.
  new MutationObserver(function () {
    var stale = Array.prototype.filter.call(document.querySelectorAll(".kf-diagram[data-kf-theme]"), function (d) {
      return d.getAttribute("data-kf-theme") !== scheme();
    });
    draw(stale);
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  // True once every diagram on the page is drawn in the current theme (the PDF printer and tests wait for it).
  window.kfDiagramsDone = function () {
    var sources = document.querySelectorAll("pre.kf-mermaid");
    var drawn = Array.prototype.filter.call(document.querySelectorAll(".kf-diagram"), function (d) {
      return d.querySelector("svg") && d.getAttribute("data-kf-theme") === scheme() && !d.hasAttribute("data-kf-busy");
    });
    return drawn.length === sources.length;
  };

  if (window.document$) {
    window.document$.subscribe(render);
  } else {
    document.addEventListener("DOMContentLoaded", render);
  }
})();
