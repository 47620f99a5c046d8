#!/usr/bin/env bash
# GraphiQL's browser files (DEBUG-only /graphql/ page), copied from node_modules into
# cms/static/graphiql/vendor/ so Django serves them as our own static files (fingerprinted by
# whitenoise after collectstatic): the page loads nothing from another host. The versions are
# pinned in package-lock.json (graphiql 3.x, the last with a browser bundle; react 18 UMD).
# graphiql.min.js names its source map index.umd.js.map: it is copied under that name, or the
# manifest storage refuses the reference at collectstatic.
# Without node_modules this only warns: production never serves GraphiQL.
set -uo pipefail
cd "$(dirname "$0")/.."

target=cms/static/graphiql/vendor
sources=(
  node_modules/react/umd/react.production.min.js
  node_modules/react-dom/umd/react-dom.production.min.js
  node_modules/graphiql/graphiql.min.js
  node_modules/graphiql/dist/index.umd.js.map
  node_modules/graphiql/graphiql.min.css
)
for source in "${sources[@]}"; do
  if [ ! -f "$source" ]; then
    echo "!! $source missing (run npm ci): GraphiQL in DEBUG will not load" >&2
    exit 0
  fi
done
mkdir -p "$target"
cp "${sources[@]}" "$target/"
