#!/usr/bin/env bash
# Makes the image that runs AWS's own Node.js runtime interface client (npm aws-lambda-ric,
# pinned) over the test base image, for the test that runs it unchanged under Skylift. Cached by
# tag: the first build takes minutes (it compiles curl and aws-lambda-cpp), later runs are instant.
# Needs the npm registry and the Debian mirror. Prints the tag.
set -euo pipefail

tag="${SKYLIFT_TEST_RIC_IMAGE:-skylift-test/aws-lambda-ric:4.0.2}"
base="${SKYLIFT_TEST_BASE_IMAGE:-skylift-test/debian-python:bookworm}"
here="$(cd "$(dirname "$0")/../fixtures/aws-lambda-ric" && pwd)"

if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag"
  exit 0
fi

context="$(mktemp -d /tmp/skylift-ric.XXXXXX)"
trap 'rm -rf "$context"' EXIT
cp -r "$here"/. "$context"/
echo '{"name":"skylift-ric-probe","private":true}' > "$context/package.json"
echo "installing aws-lambda-ric 4.0.2 and building $tag (a few minutes, once)" >&2
(cd "$context" && npm install aws-lambda-ric@4.0.2 --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error >&2)
docker build -q --build-arg "BASE=$base" -t "$tag" "$context" >&2
echo "$tag"
