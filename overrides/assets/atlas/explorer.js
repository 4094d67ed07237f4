/* The lineage explorer: pan and zoom (Panzoom, vendored), a family filter and a
 * capability highlight over the static SVG that /lineage/ ships. Without this script
 * the page is the same SVG in a scrolling box, and the controls stay hidden. */
(function () {
  "use strict";

  var MIN_SCALE = 0.2, MAX_SCALE = 4;

  function start() {
    var form = document.querySelector("form[data-atlas-explorer]");
    var box = document.querySelector(".atlas-explorer .atlas-diagram__scroll");
    var svg = box && box.querySelector("svg");
    if (!form || !svg || typeof window.Panzoom !== "function") return;
    var data = JSON.parse(document.getElementById("atlas-highlight").textContent);

    // Each model node carries "model-<id>" and "fam-<family>"; each edge "from-<id> to-<id>".
    var nodes = {};
    svg.querySelectorAll("g.node.model").forEach(function (g) {
      var id = null, family = null;
      g.classList.forEach(function (c) {
        if (c.indexOf("model-") === 0) id = c.slice(6);
        if (c.indexOf("fam-") === 0) family = c.slice(4);
      });
      if (id) nodes[id] = { el: g, family: family };
    });
    var edges = [];
    svg.querySelectorAll("g.edge").forEach(function (g) {
      var from = null, to = null;
      g.classList.forEach(function (c) {
        if (c.indexOf("from-") === 0) from = c.slice(5);
        if (c.indexOf("to-") === 0) to = c.slice(3);
      });
      if (from && to) edges.push({ el: g, from: from, to: to });
    });

    box.parentElement.parentElement.classList.add("atlas-explorer--live");
    form.hidden = false;

    // Labels are drawn at 12 pt (16 CSS px): a wide screen starts at 75%, which keeps
    // them at 12 px and shows more of the graph; a phone starts at full size.
    var startScale = box.clientWidth >= 800 ? 0.75 : 1;
    var home = mainPathView(startScale);
    var panzoom = window.Panzoom(svg, {
      origin: "0 0",
      minScale: MIN_SCALE,
      maxScale: MAX_SCALE,
      step: 0.25,
      startX: home.x,
      startY: home.y,
      startScale: startScale,
    });
    box.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey && !event.shiftKey) {
        event.preventDefault();
        panzoom.zoomWithWheel(event);
      }
    }, { passive: false });
    box.addEventListener("keydown", function (event) {
      var moves = { ArrowLeft: [60, 0], ArrowRight: [-60, 0], ArrowUp: [0, 60], ArrowDown: [0, -60] };
      if (moves[event.key]) {
        var s = panzoom.getScale();
        panzoom.pan(moves[event.key][0] / s, moves[event.key][1] / s, { relative: true });
        event.preventDefault();
      } else if (event.key === "+" || event.key === "=") {
        zoomBy(0.25);
      } else if (event.key === "-") {
        zoomBy(-0.25);
      }
    });
    // The buttons and keys zoom about the middle of the box, so what is in view stays.
    // The transform is scale(s) translate(t) about the top left (origin 0 0), so the
    // point p of the drawing shows at s * (p + t); keeping the middle c in place means
    // t' = c / s' - c / s + t.
    function zoomBy(step) {
      var s = panzoom.getScale(), t = panzoom.getPan();
      var next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, s * Math.exp(step)));
      var cx = box.clientWidth / 2, cy = box.clientHeight / 2;
      panzoom.zoom(next, { animate: false });
      panzoom.pan(cx / next - cx / s + t.x, cy / next - cy / s + t.y, { animate: false });
    }
    form.querySelectorAll("button[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-zoom");
        if (action === "in") zoomBy(0.25);
        else if (action === "out") zoomBy(-0.25);
        else {
          panzoom.zoom(startScale, { animate: false });
          panzoom.pan(home.x, home.y, { animate: false });
        }
      });
    });

    // Where the main path (the bold nodes) starts: its top, centred in the box.
    function mainPathView(scale) {
      var origin = svg.getBoundingClientRect();
      var bold = svg.querySelectorAll("g.node.emphasis");
      if (!bold.length) return { x: 0, y: 0 };
      var left = Infinity, right = -Infinity, top = Infinity;
      bold.forEach(function (g) {
        var r = g.getBoundingClientRect();
        left = Math.min(left, r.left - origin.left);
        right = Math.max(right, r.right - origin.left);
        top = Math.min(top, r.top - origin.top);
      });
      // With origin 0 0 a point p lands at scale * (p + pan): centre the path, top near the top.
      var width = box.clientWidth;
      return {
        x: Math.round(width / 2 / scale - (left + right) / 2),
        y: Math.round(24 / scale - top),
      };
    }

    function update() {
      var shown = {};
      form.querySelectorAll('input[name="family"]').forEach(function (box) {
        shown[box.value] = box.checked;
      });
      var cid = form.querySelector('select[name="capability"]').value;
      var pick = cid ? data[cid] : null;
      var has = {}, origins = {}, gained = {};
      if (pick) {
        pick.has.forEach(function (m) { has[m] = true; });
        pick.origins.forEach(function (m) { origins[m] = true; });
        pick.gained.forEach(function (e) { gained[e[0] + " " + e[1]] = true; });
      }
      Object.keys(nodes).forEach(function (id) {
        var node = nodes[id];
        node.el.classList.toggle("atlas-hidden", shown[node.family] === false);
        node.el.classList.toggle("atlas-lit", !!pick && !!has[id]);
        node.el.classList.toggle("atlas-origin", !!pick && !!origins[id]);
        node.el.classList.toggle("atlas-faded", !!pick && !has[id]);
      });
      edges.forEach(function (edge) {
        var hidden = [edge.from, edge.to].some(function (id) {
          return nodes[id] && shown[nodes[id].family] === false;
        });
        edge.el.classList.toggle("atlas-hidden", hidden);
        edge.el.classList.toggle("atlas-gain", !!pick && !!gained[edge.from + " " + edge.to]);
        edge.el.classList.toggle("atlas-faded", !!pick && !(has[edge.from] && has[edge.to]));
      });
      var status = form.querySelector(".atlas-explorer__status");
      if (pick) {
        var select = form.querySelector('select[name="capability"]');
        status.textContent = form.getAttribute("data-status")
          .replace("{count}", pick.has.length)
          .replace("{name}", select.options[select.selectedIndex].text)
          .replace("{edges}", pick.gained.length + pick.origins.length);
      } else {
        status.textContent = "";
      }
    }
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    update();
    box.setAttribute("data-atlas-ready", "");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
