/* A diagram wider than its box (on a phone) opens scrolled to what it is about: the
 * bold main path, or the model whose page this is, not its left edge. The explorer
 * (explorer.js) pans instead, so its box is left alone. */
(function () {
  "use strict";

  function centre(box) {
    var subject = box.querySelectorAll("g.node.current, g.node.emphasis");
    if (!subject.length || box.scrollWidth <= box.clientWidth) return;
    var frame = box.getBoundingClientRect();
    var left = Infinity, right = -Infinity;
    subject.forEach(function (g) {
      var r = g.getBoundingClientRect();
      left = Math.min(left, r.left);
      right = Math.max(right, r.right);
    });
    var middle = (left + right) / 2 - frame.left + box.scrollLeft;
    box.scrollLeft = Math.max(0, middle - box.clientWidth / 2);
  }

  function start() {
    document.querySelectorAll(".atlas-diagram__scroll").forEach(function (box) {
      if (!box.closest(".atlas-explorer")) centre(box);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
