/* On the public site, tables become stacked cards on a phone: each cell gets its column's
 * heading as data-label, and portal.css (max-width 576px) shows one card per row. */
(function () {
  "use strict";
  if (!document.body.classList.contains("public")) { return; }
  document.querySelectorAll("main table").forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.classList.add("table-stack");
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", heads[i]); }
      });
    });
  });
})();
