// Sortable tables: progressive enhancement for tables inside .atlas-sortable.
// Each heading becomes a button; aria-sort tells assistive technology the order.
// A cell sorts by the data-sort key the page code gives it (an ISO date or a plain
// number), not by its words: "2 September 2020" before "1 March 2023", 540M below
// 175B. A cell with an empty key (nothing known) sorts last in either direction.
(function () {
  "use strict";

  var NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var marked = cell.querySelector("[data-sort]");
    return (marked ? marked.getAttribute("data-sort") : cell.textContent).trim();
  }

  function compare(a, b, lang) {
    if (NUMBER.test(a) && NUMBER.test(b)) return parseFloat(a) - parseFloat(b);
    // ISO dates compare correctly as text; words by the page's language.
    return a.localeCompare(b, lang || undefined, { numeric: true });
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var lang = document.documentElement.lang;
    var rows = Array.prototype.map.call(body.rows, function (row, position) {
      return { row: row, key: cellValue(row, index), position: position };
    });
    rows.sort(function (r1, r2) {
      if (!r1.key || !r2.key) {
        if (r1.key === r2.key) return r1.position - r2.position;
        return r1.key ? -1 : 1; // unknown last, whichever the direction
      }
      var order = compare(r1.key, r2.key, lang);
      if (!ascending) order = -order;
      return order || r1.position - r2.position;
    });
    rows.forEach(function (entry) { body.appendChild(entry.row); });
    mark(table, header, ascending ? "ascending" : "descending");
  }

  function mark(table, header, order) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", order);
  }

  function label(heading) {
    var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
    return zh ? "按“" + heading + "”排序" : "Sort by " + heading;
  }

  function enhance(root) {
    root.querySelectorAll(".atlas-sortable table").forEach(function (table) {
      if (!table.tHead || table.dataset.sortable) return;
      table.dataset.sortable = "yes";
      var headings = table.tHead.rows[0].cells;
      Array.prototype.forEach.call(headings, function (th, index) {
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
      // The order the page was written in, when it is a column's (data-sorted-by).
      var wrapper = table.closest(".atlas-sortable");
      var initial = wrapper && wrapper.getAttribute("data-sorted-by");
      if (initial !== null && headings[Number(initial)]) {
        mark(table, headings[Number(initial)], "ascending");
      }
    });
  }

  if (window.document$) {
    window.document$.subscribe(function () { enhance(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  }
})();
