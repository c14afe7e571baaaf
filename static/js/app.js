// Keep keyboard focus where the person was after htmx swaps part of the page: on the moved
// item's button for the same direction, or its other button when it reached the end; on the
// error summary when a form comes back with errors.
document.addEventListener("htmx:afterSwap", function () {
  var errors = document.querySelector("[data-autofocus]");
  if (errors) { errors.removeAttribute("data-autofocus"); errors.focus(); return; }
  var moved = document.querySelector("[data-moved]");
  if (!moved) { return; }
  var button = moved.querySelector('button[data-direction="' + moved.getAttribute("data-moved") + '"]') ||
    moved.querySelector("button[data-direction]");
  if (button) { button.focus(); }
});

// One plan version for the whole page: every htmx request sends the latest one, which the
// server updates after each change, so edits in one row do not look stale to the next.
document.addEventListener("htmx:configRequest", function (event) {
  var current = document.getElementById("plan-version");
  if (current && event.detail.parameters.has("version")) {
    event.detail.parameters.set("version", current.value);
  }
});

// A form that comes back from the server with errors: put focus on its error summary, so that
// keyboard and screen-reader users hear what went wrong and continue from there.
document.addEventListener("DOMContentLoaded", function () {
  var errors = document.querySelector(".form-errors[data-autofocus]");
  if (errors) { errors.removeAttribute("data-autofocus"); errors.focus(); }
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
