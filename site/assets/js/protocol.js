/* The protocol site's scripts. Everything works without them: they add the
   scenario library's filters, opening a search result at its paragraph, the
   "Copy link" buttons, and the page address on printed pages. */
(function () {
  "use strict";

  /* A search result links page.html?at=paragraph-id: move to the paragraph, so
     that it is the page's target (highlighted) and its link is the address. */
  function arrive() {
    var params = new URLSearchParams(window.location.search);
    var id = params.get("at");
    if (!id || !document.getElementById(id) || window.location.hash === "#" + id) return;
    window.location.replace("#" + encodeURIComponent(id));
  }

  /* "Copy link": copy the paragraph's permanent address (without search terms). */
  function copyLinks() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-copy-link]");
      if (!link) return;
      var url = new URL(link.getAttribute("href"), window.location.href);
      url.search = "";
      var done = function () { say(link, "Link copied"); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        event.preventDefault();
        navigator.clipboard.writeText(url.href).then(done, function () { window.location.hash = url.hash; });
      }
    });
  }

  function say(link, words) {
    var status = link.parentNode.querySelector(".copy-status");
    if (!status) {
      status = document.createElement("span");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      link.parentNode.appendChild(status);
    }
    status.textContent = " " + words;
    window.setTimeout(function () { status.textContent = ""; }, 4000);
  }

  /* The home page's search box hands over to the site's search as soon as it is used. */
  function homeSearch() {
    var form = document.querySelector("form.home-search");
    var input = document.querySelector("input.md-search__input");
    var toggle = document.getElementById("__search");
    if (!form || !input) return;
    var own = form.querySelector("input");
    var open = function () {
      if (toggle && !toggle.checked) {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
      }
      input.value = (document.activeElement === own ? "" : input.value) + own.value;
      own.value = "";
      input.focus();
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    };
    own.addEventListener("input", open);
    form.addEventListener("submit", function (event) { event.preventDefault(); open(); });
  }

  /* Printed pages show the page's full address. */
  function pageAddress() {
    var url = new URL(window.location.href);
    url.search = "";
    var spots = document.querySelectorAll("[data-page-address]");
    for (var i = 0; i < spots.length; i++) spots[i].textContent = url.href;
  }

  /* The scenario library's filters: by who a scenario is for and by key area.
     Without JavaScript the form stays hidden and every scenario is listed. */
  function filters() {
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

  function setUp() {
    arrive();
    filters();
    copyLinks();
    homeSearch();
    pageAddress();
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", setUp);
  else
    setUp();
})();
