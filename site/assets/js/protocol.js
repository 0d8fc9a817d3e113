/* The scenario library's filters: by who a scenario is for and by key area.
   Without JavaScript the form stays hidden and every scenario is listed. */
(function () {
  "use strict";

  function setUp() {
    var form = document.getElementById("scenario-filter");
    var list = document.getElementById("scenario-list");
    var count = document.getElementById("scenario-count");
    if (!form || !list || !count || form.dataset.ready) return;
    form.dataset.ready = "1";
    var audience = form.elements.audience;
    var area = form.elements.area;
    var params = new URLSearchParams(window.location.search);
    choose(audience, params.get("audience"));
    choose(area, params.get("area"));

    function apply() {
      var shown = 0;
      var items = list.querySelectorAll("li");
      for (var i = 0; i < items.length; i++) {
        var item = items[i];
        var ok = has(item.dataset.audiences, audience.value) && has(item.dataset.areas, area.value);
        item.hidden = !ok;
        if (ok) shown++;
      }
      count.textContent = shown === 1 ? "1 scenario shown" : shown + " scenarios shown";
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function has(words, value) {
    return !value || (" " + (words || "") + " ").indexOf(" " + value + " ") !== -1;
  }

  function choose(select, value) {
    if (!select || !value) return;
    for (var i = 0; i < select.options.length; i++)
      if (select.options[i].value === value) select.value = value;
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", setUp);
  else
    setUp();
})();
