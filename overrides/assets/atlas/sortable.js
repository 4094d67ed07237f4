// Sortable tables: progressive enhancement for tables inside .atlas-sortable.
// Each heading becomes a button; aria-sort tells assistive technology the order.
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var marked = cell.querySelector("[data-sort]");
    return (marked ? marked.getAttribute("data-sort") : cell.textContent).trim();
  }

  function compare(a, b) {
    var x = parseFloat(a.replace(/,/g, ""));
    var y = parseFloat(b.replace(/,/g, ""));
    if (!isNaN(x) && !isNaN(y) && /^[\d.,\s]+/.test(a) && /^[\d.,\s]+/.test(b)) return x - y;
    return a.localeCompare(b, document.documentElement.lang || undefined, { numeric: true });
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compare(cellValue(r1, index), cellValue(r2, index));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function label(heading) {
    var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
    return zh ? "按“" + heading + "”排序" : "Sort by " + heading;
  }

  function enhance(root) {
    root.querySelectorAll(".atlas-sortable table").forEach(function (table) {
      if (!table.tHead || table.dataset.sortable) return;
      table.dataset.sortable = "yes";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
        var button = document.createElement("button");
        button.type = "button";
        if (th.querySelector("a, button, input")) {
          // A heading that is a link keeps it; a small button beside it sorts (a
          // control inside a control is announced badly, and clicks would clash).
          button.className = "atlas-sort-only";
          button.setAttribute("aria-label", label(th.textContent.trim()));
        } else {
          while (th.firstChild) button.appendChild(th.firstChild);
        }
        th.appendChild(button);
        button.addEventListener("click", function () { sortBy(table, index, th); });
      });
    });
  }

  if (window.document$) {
    window.document$.subscribe(function () { enhance(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  }
})();
