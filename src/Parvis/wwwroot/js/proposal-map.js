// Progressive enhancement of places: an element with data-map becomes a Leaflet map.
// - data-lat / data-lng: a point to show (read-only map);
// - data-lat-input / data-lng-input: ids of the latitude and longitude fields; with data-editable,
//   a click on the map sets the point and fills the fields, and typing in the fields moves the point.
// - data-center-lat / data-center-lng: where an empty map opens (the organization's territory), not all of France;
// - data-tiles / data-attribution: the tile template and its credit (configuration Maps:TileUrl).
// Without JavaScript the fields work on their own and the map stays hidden; with it, the fields fold
// into their closed "Coordonnées" disclosure.
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  function number(value) {
    if (value === undefined || value === null || value === "") return null;
    var n = parseFloat(String(value).replace(",", "."));
    return isFinite(n) ? n : null;
  }

  function setUp(element) {
    var latInput = element.dataset.latInput ? document.getElementById(element.dataset.latInput) : null;
    var lngInput = element.dataset.lngInput ? document.getElementById(element.dataset.lngInput) : null;
    var editable = element.dataset.editable === "true" && latInput && lngInput;

    function current() {
      var lat = latInput ? number(latInput.value) : number(element.dataset.lat);
      var lng = lngInput ? number(lngInput.value) : number(element.dataset.lng);
      return lat === null || lng === null ? null : [lat, lng];
    }

    element.hidden = false;
    var hint = element.parentElement ? element.parentElement.querySelector(".map-hint") : null;
    if (hint && editable) hint.hidden = false;

    var start = current();
    var centre = number(element.dataset.centerLat) !== null && number(element.dataset.centerLng) !== null
      ? [number(element.dataset.centerLat), number(element.dataset.centerLng)] : null;
    var map = L.map(element).setView(start || centre || [46.6, 2.4], start ? 16 : centre ? 14 : 5);
    L.tileLayer(element.dataset.tiles || "https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: element.dataset.attribution || "© OpenStreetMap"
    }).addTo(map);
    var marker = start ? L.marker(start, { alt: element.dataset.markerLabel || "" }).addTo(map) : null;

    function place(point) {
      if (!point) return;
      if (marker) marker.setLatLng(point);
      else marker = L.marker(point, { alt: element.dataset.markerLabel || "" }).addTo(map);
    }

    if (!editable) return;
    // The map gives the point: the raw fields fold away, still there for the keyboard and for the form.
    var coordinates = latInput.closest("details.coordinates");
    if (coordinates && latInput.getAttribute("aria-invalid") !== "true") coordinates.open = false;
    map.on("click", function (e) {
      latInput.value = e.latlng.lat.toFixed(6);
      lngInput.value = e.latlng.lng.toFixed(6);
      place([e.latlng.lat, e.latlng.lng]);
    });
    [latInput, lngInput].forEach(function (input) {
      input.addEventListener("change", function () {
        var point = current();
        if (point && Math.abs(point[0]) <= 90 && Math.abs(point[1]) <= 180) {
          place(point);
          map.setView(point, Math.max(map.getZoom(), 15));
        }
      });
    });
  }

  document.querySelectorAll("[data-map]").forEach(setUp);
})();
