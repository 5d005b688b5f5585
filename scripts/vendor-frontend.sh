#!/bin/sh
# Vendors the pinned front-end packages into src/Parvis/wwwroot/lib (never loaded from a CDN at run time).
# Run from anywhere; commit what it writes. Needs npm (only `npm pack`: nothing is installed or executed).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Leaflet 1.9.4 (BSD-2-Clause): the map of proposals (and later of signalements).
(cd "$work" && npm pack --silent leaflet@1.9.4 >/dev/null && tar -xzf leaflet-1.9.4.tgz)
dest="$root/src/Parvis/wwwroot/lib/leaflet"
rm -rf "$dest"
mkdir -p "$dest/images"
cp "$work/package/dist/leaflet.js" "$work/package/dist/leaflet.css" "$dest/"
cp "$work/package/dist/images/"*.png "$dest/images/"
cp "$work/package/LICENSE" "$dest/LICENSE"
echo "leaflet@1.9.4 vendored into $dest"

# Leaflet.markercluster 1.5.3 (MIT): groups the markers of the requests' map when they are many.
# Its own layout CSS only; the clusters' colours are the site's (wwwroot/css), contrasted for axe.
(cd "$work" && rm -rf package && npm pack --silent leaflet.markercluster@1.5.3 >/dev/null && tar -xzf leaflet.markercluster-1.5.3.tgz)
dest="$root/src/Parvis/wwwroot/lib/leaflet.markercluster"
rm -rf "$dest"
mkdir -p "$dest"
cp "$work/package/dist/leaflet.markercluster.js" "$work/package/dist/MarkerCluster.css" "$dest/"
cp "$work/package/MIT-LICENCE.txt" "$dest/LICENSE"
echo "leaflet.markercluster@1.5.3 vendored into $dest"
