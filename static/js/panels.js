// Filter panels and search facets are <details>: folded on a phone so the results come first,
// unfolded on a wider screen. Reading never needs this script; without it the panels stay folded.
(function () {
  var wide = window.matchMedia("(min-width: 48rem)");
  function apply() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
      if (wide.matches) panel.open = true;
    });
  }
  apply();
  wide.addEventListener("change", apply);
})();
