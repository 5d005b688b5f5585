// Progressive enhancement of the projects' list: the element with data-projects-map becomes a Leaflet map of
// the projects of the list that have a point (data-lat / data-lng on each [data-project] item), each marker
// linking to its page. Without JavaScript the map stays hidden and the list says the same.
(function () {
  "use strict";
  if (typeof L === "undefined") return;
  var element = document.querySelector("[data-projects-map]");
  if (!element) return;
  var points = [];
  document.querySelectorAll("[data-project]").forEach(function (item) {
    var lat = parseFloat(item.dataset.lat);
    var lng = parseFloat(item.dataset.lng);
    if (isFinite(lat) && isFinite(lng)) points.push({ point: [lat, lng], id: item.dataset.id, title: item.dataset.title });
  });
  if (points.length === 0) return;
  element.hidden = false;
  var map = L.map(element).setView(points[0].point, 15);
  L.tileLayer(element.dataset.tiles || "https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19,
    attribution: element.dataset.attribution || "© OpenStreetMap"
  }).addTo(map);
  points.forEach(function (p) {
    var link = document.createElement("a");
    link.href = "/projets/" + encodeURIComponent(p.id);
    link.textContent = p.title;
    L.marker(p.point, { alt: p.title, title: p.title }).bindPopup(link).addTo(map);
  });
  if (points.length > 1) map.fitBounds(points.map(function (p) { return p.point; }), { padding: [20, 20], maxZoom: 16 });
  element.dataset.markers = String(points.length);
})();
