// Live signature count on a petition page: reads /petitions/{id}/compte every few seconds while the page is
// visible and writes the number into #petition-count. Without JavaScript the count is the one the page was rendered with.
(function () {
  "use strict";
  var element = document.getElementById("petition-count");
  if (!element || !window.fetch) return;
  var url = element.getAttribute("data-count-url");
  if (!url) return;
  var format = new Intl.NumberFormat(document.documentElement.lang || "fr");
  var everyMs = 5000;
  var timer = null;

  function refresh() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (body && typeof body.count === "number") {
          var text = format.format(body.count);
          if (element.textContent !== text) element.textContent = text;
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

  var interval = parseInt(element.getAttribute("data-refresh-ms") || "", 10);
  if (interval > 0) everyMs = interval;
  document.addEventListener("visibilitychange", function () { schedule(true); });
  schedule(false);
})();
