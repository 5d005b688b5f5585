// Live signature count on a petition page: reads /petitions/{id}/compte every few seconds while the page is
// visible and writes the number into #petition-count (the URL is on the element carrying data-count-url), and the word after it
// in the singular or plural form (#petition-count-unit's data-one / data-other) that the page's language asks for.
// Without JavaScript the count is the one the page was rendered with.
(function () {
  "use strict";
  var element = document.getElementById("petition-count");
  var source = document.querySelector("[data-count-url]");
  if (!element || !source || !window.fetch) return;
  var url = source.getAttribute("data-count-url");
  var lang = document.documentElement.lang || "fr";
  var format = new Intl.NumberFormat(lang);
  var unit = document.getElementById("petition-count-unit");
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var everyMs = 5000;
  var timer = null;

  function refresh() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (body && typeof body.count === "number") {
          var text = format.format(body.count);
          if (element.textContent !== text) element.textContent = text;
          if (unit && plurals) {
            var word = unit.getAttribute(plurals.select(body.count) === "one" ? "data-one" : "data-other");
            if (word && unit.textContent !== word) unit.textContent = word;
          }
        }
      })
      .catch(function () { /* the next tick tries again */ });
  }

  // Polls only while the page is visible; coming back to it refreshes at once.
  function schedule(now) {
    if (timer !== null) { clearInterval(timer); timer = null; }
    if (document.visibilityState !== "hidden") {
      if (now) refresh();
      timer = setInterval(refresh, everyMs);
    }
  }

  var interval = parseInt(source.getAttribute("data-refresh-ms") || "", 10);
  if (interval > 0) everyMs = interval;
  document.addEventListener("visibilitychange", function () { schedule(true); });
  schedule(false);
})();
