// Names Material's search dialog for assistive technology. The dialog element has
// role="dialog" but no accessible name; the search field inside it already carries
// a label in the page's language, so the dialog borrows it.
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search[role='dialog']");
  var field = document.querySelector(".md-search__input");
  if (dialog && field && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.placeholder);
  }
})();
