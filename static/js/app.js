// Where keyboard focus goes after a page or an htmx swap, decided by the server in the markup:
// the element marked `data-autofocus` (the moved item's button, a new or saved row, the next row
// after a removal, an opened form's first field, an error summary) gets focus, and the text of
// any `data-announce` is read out through the page's live region. One mechanism for every htmx
// action, so focus never drops to the page body.
function focusWhereTheServerSaid() {
  var target = document.querySelector("[data-autofocus]");
  if (target) {
    target.removeAttribute("data-autofocus");
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) { target.tabIndex = -1; }
    target.focus();
  }
  var live = document.getElementById("live-region");
  document.querySelectorAll("[data-announce]").forEach(function (element) {
    var text = element.getAttribute("data-announce");
    element.removeAttribute("data-announce");
    // Emptied first, so that the same words twice in a row are read out twice.
    if (live) { live.textContent = ""; window.setTimeout(function () { live.textContent = text; }, 50); }
  });
}
document.addEventListener("DOMContentLoaded", focusWhereTheServerSaid);
document.addEventListener("htmx:afterSettle", focusWhereTheServerSaid);

// One plan version for the whole page: every htmx request sends the latest one, which the
// server updates after each change, so edits in one row do not look stale to the next.
document.addEventListener("htmx:configRequest", function (event) {
  var current = document.getElementById("plan-version");
  if (current && event.detail.parameters.has("version")) {
    event.detail.parameters.set("version", current.value);
  }
});

// On a phone a wide table scrolls on its own (app.css); one that holds no link or button gets a
// place in the tab order, so that the keyboard can scroll it too.
function focusableScrollingTables() {
  document.querySelectorAll("table").forEach(function (table) {
    if (table.scrollWidth > table.clientWidth && !table.querySelector("a[href], button, input, select, textarea")) {
      table.tabIndex = 0;
    } else if (table.getAttribute("tabindex") === "0") {
      table.removeAttribute("tabindex");
    }
  });
}
document.addEventListener("DOMContentLoaded", focusableScrollingTables);
document.addEventListener("htmx:afterSwap", focusableScrollingTables);
window.addEventListener("resize", focusableScrollingTables);
