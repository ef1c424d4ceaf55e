/* Power registry pages: import progress polling and the legal-basis search helper. */
(function () {
  "use strict";

  function pollImport(box) {
    var bar = document.getElementById("import-bar");
    var phase = document.getElementById("import-phase");
    function tick() {
      fetch(box.dataset.statusUrl, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (state) {
          bar.value = state.percent;
          phase.textContent = state.percent + "%";
          if (state.finished) {
            window.location.reload();
          } else {
            window.setTimeout(tick, 1000);
          }
        })
        .catch(function () { window.setTimeout(tick, 3000); });
    }
    window.setTimeout(tick, 500);
  }

  function basisSearch(input) {
    var results = document.getElementById("provision-results");
    var kind = document.getElementById("provision-kind");
    var target = document.querySelector("[data-testid=bases-input]");
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var q = input.value.trim();
        if (!q) { results.replaceChildren(); return; }
        fetch(input.dataset.url + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            results.replaceChildren();
            data.results.forEach(function (p) {
              var item = document.createElement("button");
              item.type = "button";
              item.className = "list-group-item list-group-item-action";
              item.dataset.testid = "basis-result";
              item.textContent = "《" + p.title + "》" + p.article + "（" + p.status + "）";
              item.title = p.text;
              item.addEventListener("click", function () {
                var line = "《" + p.title + "》" + p.article + "（" + kind.value + "）";
                target.value = (target.value.trim() ? target.value.trim() + "\n" : "") + line;
              });
              results.appendChild(item);
            });
          });
      }, 250);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("import-progress");
    if (box && box.dataset.finished === "0") { pollImport(box); }
    var search = document.getElementById("provision-q");
    if (search) { basisSearch(search); }
  });
})();
