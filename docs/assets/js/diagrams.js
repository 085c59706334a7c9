// Render ```mermaid blocks with the Mermaid copy installed at set-up time
// (docs/assets/vendor/, from the npm registry): never from a CDN, and only on
// pages that have a diagram. Subscribes once to Material's document$, so it
// also works with instant navigation.
(function () {
  "use strict";
  var loading = null;

  function base() {
    var el = document.getElementById("__config");
    var cfg = el ? JSON.parse(el.textContent) : { base: "." };
    return new URL(cfg.base + "/", location.href);
  }

  function loadMermaid() {
    if (window.mermaid) return Promise.resolve(window.mermaid);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = new URL("assets/vendor/mermaid.min.js", base()).href;
        s.onload = function () {
          var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
          window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
          resolve(window.mermaid);
        };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function render() {
    var blocks = document.querySelectorAll("pre.kf-mermaid:not([data-kf-done])");
    if (!blocks.length) return;
    var nodes = [];
    blocks.forEach(function (pre) {
      pre.setAttribute("data-kf-done", "1");
      var div = document.createElement("div");
      div.className = "kf-diagram";
      div.textContent = pre.textContent;
      pre.hidden = true;
      pre.parentNode.insertBefore(div, pre);
      nodes.push(div);
    });
    loadMermaid().then(function (mermaid) {
      return mermaid.run({ nodes: nodes });
    }).catch(function () {
      // Without the diagram the text steps below still say everything.
      nodes.forEach(function (n) { n.remove(); });
    });
  }

  if (window.document$) {
    window.document$.subscribe(render);
  } else {
    document.addEventListener("DOMContentLoaded", render);
  }
})();
