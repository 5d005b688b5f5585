// Progressive enhancement of the requests' list: an element with data-requests-map becomes a Leaflet
// map of the points read from data-source (GeoJSON with the list's filters), each with a popup linking
// to its page. Many points close together are grouped (Leaflet.markercluster): a group shows how many it
// holds and zooms in when clicked or when Enter is pressed on it. Without JavaScript the map stays hidden
// and the list below says the same.
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  function clusterIcon(label) {
    return function (cluster) {
      var count = cluster.getChildCount();
      var content = document.createElement("span");
      content.textContent = String(count);
      var words = document.createElement("span");
      words.className = "visually-hidden";
      words.textContent = " " + label;
      content.append(words);
      return L.divIcon({ html: content, className: "marker-cluster", iconSize: L.point(count < 100 ? 36 : 44, count < 100 ? 36 : 44) });
    };
  }

  function setUp(element) {
    element.hidden = false;
    var map = L.map(element).setView([46.6, 2.4], 5);
    L.tileLayer(element.dataset.tiles || "https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: element.dataset.attribution || "© OpenStreetMap"
    }).addTo(map);
    var group = typeof L.markerClusterGroup === "function"
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50, iconCreateFunction: clusterIcon(element.dataset.clusterLabel || "") })
      : L.layerGroup();
    group.addTo(map);
    // A group is a button (Leaflet gives markers role="button"): Enter zooms in on it, as a click does.
    group.on("clusterkeypress", function (event) {
      if (event.originalEvent.key === "Enter") event.layer.zoomToBounds({ padding: [20, 20] });
    });

    fetch(element.dataset.source, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.ok ? response.json() : { features: [] }; })
      .then(function (data) {
        var bounds = [];
        var markers = data.features.map(function (feature) {
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
          bounds.push(point);
          return L.marker(point, { alt: title, title: title }).bindPopup(popup);
        });
        if (group.addLayers) group.addLayers(markers);
        else markers.forEach(function (marker) { group.addLayer(marker); });
        element.dataset.markers = String(bounds.length);
        if (bounds.length === 1) map.setView(bounds[0], 16);
        else if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 17 });
      });
  }

  document.querySelectorAll("[data-requests-map]").forEach(setUp);
})();
