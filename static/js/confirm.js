/* Confirm before an irreversible or public step.
 *
 * Put data-confirm="what will happen and to whom" on a <form>, on one of its submit
 * buttons (the button's text wins), or on a link. The step runs only after the user presses
 * the dialog's confirm button; Esc or Cancel leaves the page as it was. The dialog is the
 * <dialog id="confirm-dialog"> in base.html (translated there); no library, no CDN.
 * On a form, {name} in the text is replaced by what the form's field "name" holds when it is
 * submitted (a select's chosen option text), so a step not yet saved can still be named.
 */
(function () {
  "use strict";
  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var textBox = dialog.querySelector("[data-confirm-text]");
  var okButton = dialog.querySelector("[data-confirm-ok]");
  var pending = null;
  var opener = null;

  function ask(text, proceed, from) {
    textBox.textContent = text;
    pending = proceed;
    opener = from;
    dialog.showModal();
    okButton.focus();
  }

  function fillIn(text, form) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      var field = form.elements.namedItem(name);
      if (!field) { return whole; }
      if (field.tagName === "SELECT") {
        var chosen = Array.prototype.filter.call(field.options, function (o) { return o.selected && o.value; });
        return chosen.map(function (o) { return o.text.trim(); }).join("、") || "—";
      }
      return (field.value || "").trim() || "—";
    });
  }

  dialog.addEventListener("close", function () {
    var proceed = pending;
    pending = null;
    if (dialog.returnValue === "ok" && proceed) { proceed(); }
    else if (opener) { opener.focus(); }
    dialog.returnValue = "";
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter || null;
    var text = (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (!text || form.dataset.confirmed === "1") { return; }
    // Nothing else (a form's own submit handler) runs until the user has confirmed.
    event.preventDefault();
    event.stopImmediatePropagation();
    ask(fillIn(text, form), function () {
      form.dataset.confirmed = "1";
      if (typeof form.requestSubmit === "function") { form.requestSubmit(submitter || undefined); }
      else { form.submit(); }
      form.dataset.confirmed = "";
    }, submitter);
  }, true);

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-confirm]") : null;
    if (!link) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    ask(link.getAttribute("data-confirm"), function () { window.location.assign(link.href); }, link);
  }, true);
})();
