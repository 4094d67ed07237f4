// Filters: tick boxes that show and hide the matrix's rows (by model family) and the
// claims page's claims (by grade). Progressive enhancement: the forms are rendered
// hidden, so without JavaScript every row and every claim shows.
(function () {
  "use strict";

  function itemsOf(kind) {
    if (kind === "family") {
      return Array.prototype.map.call(
        document.querySelectorAll(".atlas-matrix tbody tr"),
        function (row) {
          var marker = row.querySelector("[data-family]");
          return { element: row, key: marker ? marker.getAttribute("data-family") : "" };
        }
      );
    }
    return Array.prototype.map.call(
      document.querySelectorAll(".atlas-claims .atlas-claim"),
      function (block) { return { element: block, key: block.getAttribute("data-grade") }; }
    );
  }

  function setUp(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "yes";
    var items = itemsOf(form.getAttribute("data-atlas-filter"));
    var boxes = form.querySelectorAll("input[type=checkbox]");
    var count = form.querySelector(".atlas-filter__count");

    function apply() {
      var shown = {};
      Array.prototype.forEach.call(boxes, function (box) { shown[box.value] = box.checked; });
      var visible = 0;
      items.forEach(function (item) {
        item.element.hidden = !shown[item.key];
        if (!item.element.hidden) visible += 1;
      });
      // A model's section on the claims page goes when all its claims are filtered out.
      document.querySelectorAll(".atlas-claims").forEach(function (section) {
        section.hidden = !section.querySelector(".atlas-claim:not([hidden])");
      });
      if (count) {
        count.textContent = count.getAttribute("data-template")
          .replace("{shown}", String(visible))
          .replace("{total}", String(items.length));
      }
    }

    form.addEventListener("change", apply);
    var all = form.querySelector("[data-atlas-all]");
    if (all) {
      all.addEventListener("click", function () {
        Array.prototype.forEach.call(boxes, function (box) { box.checked = true; });
        apply();
      });
    }
    form.hidden = false;
    apply();
  }

  function enhance() { document.querySelectorAll("form[data-atlas-filter]").forEach(setUp); }

  if (window.document$) {
    window.document$.subscribe(enhance);
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();
