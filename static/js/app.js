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

// On a phone the header's menu folds behind a button (app.css; without JavaScript nojs.css keeps
// the menu open and the button away). Escape closes it and returns focus to the button.
document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector(".menu-toggle");
  var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!menu) { return; }
  function show(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  }
  toggle.addEventListener("click", function () { show(toggle.getAttribute("aria-expanded") !== "true"); });
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") { show(false); toggle.focus(); }
  });
});

// A table with a header becomes a stack of cards on a phone (app.css, table.stacked): each cell
// carries its column's name to show beside its value. The roles keep the table a table for screen
// readers once its parts are laid out as blocks.
function stackTables() {
  document.querySelectorAll("main table").forEach(function (table) {
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head || table.classList.contains("import-review")) { return; }
    var names = [];
    Array.prototype.forEach.call(head.cells, function (cell) {
      for (var i = 0; i < (cell.colSpan || 1); i++) { names.push(cell.textContent.trim().replace(/\s+/g, " ")); }
    });
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll(":scope > thead, :scope > tbody, :scope > tfoot"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (row.parentNode === table.tHead) {
          cell.setAttribute("role", "columnheader");
        } else {
          cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
          if (names[column]) { cell.setAttribute("data-label", names[column]); }
          // A cell with nothing in it (no actions for this row) is left out of the card.
          cell.classList.toggle("cell-empty", !cell.textContent.trim() && !cell.querySelector("img, svg, input, select, progress"));
        }
        column += cell.colSpan || 1;
      });
    });
    table.classList.add("stacked");
  });
  // A stacked table no longer scrolls on its own, so it needs no place in the tab order.
  focusableScrollingTables();
}
document.addEventListener("DOMContentLoaded", stackTables);
document.addEventListener("htmx:afterSwap", stackTables);
