// Evidence badges (grade badges and matrix cells that open a claim's evidence) are
// links to the claim's block on the page; Material's footnote tooltips show the block
// on hover and focus. On a touch screen a tap would also jump to the block at the end
// of the page, away from what the reader was reading: the first tap keeps the reader
// in place with the tooltip open, a second tap on the same badge goes to the block.
(function () {
  "use strict";
  var touched = false;
  var opened = null;

  document.addEventListener("pointerdown", function (event) {
    touched = event.pointerType === "touch";
  }, true);

  document.addEventListener("click", function (event) {
    var badge = event.target.closest && event.target.closest('a.footnote-ref[href^="#_claim-"]');
    if (!badge || !touched) return;
    if (opened !== badge) {
      event.preventDefault();
      opened = badge;
      badge.focus();
    } else {
      opened = null;
    }
  }, true);
})();
