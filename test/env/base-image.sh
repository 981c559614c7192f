#!/usr/bin/env bash
# Makes the base image Skylift's build tests use: a minimal Debian bookworm with python3 and
# python3-venv, made with debootstrap and `docker import`, because Docker Hub (and so
# `FROM python:...`) is out of reach on build machines. Cached by tag: a second run is instant.
# Prints the tag. Needs root, debootstrap and a reachable Debian mirror.
set -euo pipefail

tag="${SKYLIFT_TEST_BASE_IMAGE:-skylift-test/debian-python:bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag"
  exit 0
fi

command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }
root="$(mktemp -d /tmp/skylift-rootfs.XXXXXX)"
trap 'rm -rf "$root"' EXIT

echo "making $tag from $mirror (a few minutes, once)" >&2
debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$root" "$mirror" >&2
# apt inside `docker build` uses the same mirror, with no stale lists baked in.
echo "deb $mirror bookworm main" > "$root/etc/apt/sources.list"
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb
tar -C "$root" -c . | docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["/bin/bash"]' - "$tag" >&2
echo "$tag"
