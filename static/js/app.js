// Keep keyboard focus where the person was after htmx swaps part of the page.
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target;
  var focus = document.querySelector("[data-focus]") || (target && target.querySelector("button, a"));
  if (focus) { focus.focus(); }
});
