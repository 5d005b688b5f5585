// "Utiliser ma position": fills the latitude and longitude fields from the device (and so moves the map,
// which listens to their change). Without JavaScript or geolocation the button stays hidden: the address
// field and the coordinate fields always work.
(function () {
  "use strict";
  if (!("geolocation" in navigator)) return;
  document.querySelectorAll("[data-locate]").forEach(function (button) {
    var latInput = document.getElementById(button.dataset.latInput);
    var lngInput = document.getElementById(button.dataset.lngInput);
    var status = button.parentElement.querySelector("[data-locate-status]");
    if (!latInput || !lngInput) return;
    button.parentElement.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        latInput.value = position.coords.latitude.toFixed(6);
        lngInput.value = position.coords.longitude.toFixed(6);
        [latInput, lngInput].forEach(function (input) { input.dispatchEvent(new Event("change")); });
        if (status) status.textContent = button.dataset.found || "";
        button.disabled = false;
      }, function () {
        if (status) status.textContent = button.dataset.failed || "";
        button.disabled = false;
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  });
})();
