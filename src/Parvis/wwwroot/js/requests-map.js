// Progressive enhancement of the requests' list: an element with data-requests-map becomes a Leaflet
// map of the points read from data-source (GeoJSON with the list's filters), each with a popup linking
// to its page. Without JavaScript the map stays hidden and the list below says the same.
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  function setUp(element) {
    element.hidden = false;
    var map = L.map(element).setView([46.6, 2.4], 5);
    L.tileLayer(element.dataset.tiles || "https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: element.dataset.attribution || "© OpenStreetMap"
    }).addTo(map);

    fetch(element.dataset.source, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.ok ? response.json() : { features: [] }; })
      .then(function (data) {
        var bounds = [];
        data.features.forEach(function (feature) {
          var point = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
          var p = feature.properties;
          var title = (element.dataset.markerLabel || "") + " " + p.id + " : " + p.category + " (" + p.status + ")";
          var popup = document.createElement("div");
          var heading = document.createElement("strong");
          heading.textContent = p.category;
          var status = document.createElement("p");
          status.textContent = p.status;
          var link = document.createElement("a");
          link.href = p.url;
          link.textContent = (element.dataset.openLabel || "") + " n° " + p.id;
          popup.append(heading, status, link);
          L.marker(point, { alt: title, title: title }).bindPopup(popup).addTo(map);
          bounds.push(point);
        });
        element.dataset.markers = String(bounds.length);
        if (bounds.length === 1) map.setView(bounds[0], 16);
        else if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 17 });
      });
  }

  document.querySelectorAll("[data-requests-map]").forEach(setUp);
})();
