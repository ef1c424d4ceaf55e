/* Large-text mode (适老化): one click on the header's button; remembered in localStorage.
 * Loaded in <head> so the page is drawn at the chosen size from the start. */
(function () {
  "use strict";
  var KEY = "portal-large-text";
  var root = document.documentElement;
  function stored() { try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; } }
  function apply(on, button) {
    root.classList.toggle("large-text", on);
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? button.getAttribute("data-on") : button.getAttribute("data-off");
    }
  }
  apply(stored(), null);
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-testid=large-text]");
    if (!button) { return; }
    apply(stored(), button);
    button.addEventListener("click", function () {
      var on = !root.classList.contains("large-text");
      try { window.localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
      apply(on, button);
    });
  });
})();
