// Keep keyboard focus where the person was after htmx swaps part of the page: on the moved
// item's button for the same direction, or its other button when it reached the end.
document.addEventListener("htmx:afterSwap", function () {
  var moved = document.querySelector("[data-moved]");
  if (!moved) { return; }
  var button = moved.querySelector('button[data-direction="' + moved.getAttribute("data-moved") + '"]') ||
    moved.querySelector("button[data-direction]");
  if (button) { button.focus(); }
});
