/* Band editor of the discretion standard form: add and remove band rows of the formset. */
(function () {
  "use strict";
  var list = document.querySelector("[data-testid=band-list]");
  var template = document.getElementById("band-template");
  var addButton = document.getElementById("band-add");
  if (!list || !template || !addButton) { return; }
  var total = document.querySelector("input[name=bands-TOTAL_FORMS]");

  function removeRow(row) {
    var del = row.querySelector("input[name$='-DELETE']");
    if (del) { del.checked = true; }
    row.classList.add("d-none");
    row.classList.remove("band-row");
    row.classList.add("band-removed");
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest(".band-remove");
    if (button) { removeRow(button.closest(".card")); }
  });

  addButton.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    list.appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("select, textarea, input");
    if (first) { first.focus(); }
  });
})();
