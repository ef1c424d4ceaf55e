/* Type-ahead pickers (enforcement_portal/widgets.py): every <select data-picker> becomes a
 * Tom Select box (static/vendor/tom-select). With data-picker-url the box asks that URL for
 * {results: [{value, text}]} as the user types (the page carries only the chosen options);
 * without it, it searches the select's own options. The texts come from the widget's data
 * attributes, translated there. */
(function () {
  "use strict";
  if (typeof window.TomSelect !== "function") { return; }

  function picker(select) {
    var data = select.dataset;
    var settings = {
      create: false,
      maxOptions: 100,
      allowEmptyOption: false,
      placeholder: data.pickerPlaceholder || "",
      hidePlaceholder: false,
      plugins: {},
      render: {
        no_results: function (item, escape) {
          if (!item.input) { return null; }  // nothing typed: nothing to say
          return '<div class="no-results">' + escape(data.pickerEmpty || "") + "</div>";
        }
      }
    };
    if (select.multiple) {
      settings.plugins.remove_button = { title: data.pickerRemove || "" };
    }
    if (data.pickerUrl) {
      settings.valueField = "value";
      settings.labelField = "text";
      settings.searchField = ["text"];
      settings.preload = "focus";
      settings.shouldLoad = function () { return true; };
      settings.load = function (query, callback) {
        var url = data.pickerUrl + "?q=" + encodeURIComponent(query);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (json) { callback(json.results); })
          .catch(function () { callback(); });
      };
    }
    return new window.TomSelect(select, settings);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-picker]").forEach(picker);
  });
})();
