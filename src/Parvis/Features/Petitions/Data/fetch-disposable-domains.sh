#!/bin/sh
# Vendors the list of disposable e-mail domains (https://github.com/ivolo/disposable-email-domains,
# MIT licence, copyright Ian Storm Taylor) from its npm package, pinned. Run from this folder; commit the result.
# Signing a petition with one of these domains (or a subdomain of one) is refused.
set -eu
VERSION=1.0.62
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "disposable-email-domains@$VERSION" --silent >/dev/null && tar -xzf "disposable-email-domains-$VERSION.tgz" --warning=no-unknown-keyword)
cp "$work/package/index.json" disposable-domains.json
# The package ships no licence file: its package.json and README declare MIT; the note says so.
{
  echo "disposable-email-domains $VERSION (https://github.com/ivolo/disposable-email-domains)"
  echo "Licence declared by the package (package.json \"license\" and README \"License\" section): $(sed -n 's/.*"license": *"\([^"]*\)".*/\1/p' "$work/package/package.json")"
  echo
  echo "The MIT License: Permission is hereby granted, free of charge, to any person obtaining a copy of this"
  echo "software and associated documentation files, to deal in the Software without restriction, subject to"
  echo "including the copyright notice; THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND."
  echo "Full text: https://opensource.org/license/mit"
} >disposable-domains.LICENSE
echo "disposable-email-domains@$VERSION copied to disposable-domains.json"
