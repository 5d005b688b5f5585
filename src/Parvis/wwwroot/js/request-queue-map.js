// Progressive enhancement of the requests queue: the rows of the list (data-lat, data-lng, data-label,
// data-href) become markers on the [data-queue-map] element. The list works on its own without it.
(function () {
  "use strict";
  if (typeof L === "undefined") return;
  var element = document.querySelector("[data-queue-map]");
  if (!element) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-request]")).filter(function (row) {
    return row.dataset.lat && row.dataset.lng;
  });
  if (rows.length === 0) return;

  element.hidden = false;
  var map = L.map(element);
  L.tileLayer(element.dataset.tiles || "https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19,
    attribution: element.dataset.attribution || "© OpenStreetMap"
  }).addTo(map);
  var points = [];
  rows.forEach(function (row) {
    var point = [parseFloat(row.dataset.lat), parseFloat(row.dataset.lng)];
    if (!isFinite(point[0]) || !isFinite(point[1])) return;
    points.push(point);
    var marker = L.marker(point, { alt: row.dataset.label || "", title: row.dataset.label || "" }).addTo(map);
    var link = document.createElement("a");
    link.href = row.dataset.href;
    link.textContent = row.dataset.label || row.dataset.href;
    marker.bindPopup(link);
  });
  if (points.length === 1) map.setView(points[0], 16);
  else map.fitBounds(points, { padding: [24, 24] });
})();
