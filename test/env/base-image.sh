#!/usr/bin/env bash
# Makes the base image Skylift's build tests use: a minimal Debian bookworm with python3 and
# python3-venv, made with debootstrap and `docker import`, because Docker Hub (and so
# `FROM python:...`) is out of reach on build machines. Cached by tag: a second run is instant.
# Prints the tag. Needs root, debootstrap and a reachable Debian mirror: the machine's own apt
# source (the first http(s) URI of Debian's main archive in /etc/apt), or DEBIAN_MIRROR.
#
#   bash test/env/base-image.sh                 make (or reuse) the image, print its tag
#   bash test/env/base-image.sh --print-mirror  print the mirror it would use, and exit
set -euo pipefail

tag="${SKYLIFT_TEST_BASE_IMAGE:-skylift-test/debian-python:bookworm}"
# Where apt's configuration lives; tests point it at fixtures.
apt_dir="${SKYLIFT_APT_DIR:-/etc/apt}"

# Debian's suite names: a codename or a release class, optionally with -updates/-backports.
debian_suite='^(buzz|rex|bo|hamm|slink|potato|woody|sarge|etch|lenny|squeeze|wheezy|jessie|stretch|buster|bullseye|bookworm|trixie|forky|duke|sid|stable|testing|unstable|oldstable|oldoldstable)(-updates|-backports|-proposed-updates)?$'

# One-line format (sources.list, *.list): "deb [opts] URI suite component...". Prints "URI suite components".
one_line_entries() {
  sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$1" | awk '$1 == "deb" && NF >= 4 { c = ""; for (i = 4; i <= NF; i++) c = c " " $i; print $2, $3, c }'
}

# deb822 format (*.sources): stanzas of Types/URIs/Suites/Components. Prints "URI suite components" per URI and suite.
deb822_entries() {
  awk '
    function flush(   u, s, nu, ns, us, ss) {
      if (types ~ /(^| )deb( |$)/ && tolower(enabled) != "no") {
        nu = split(uris, us, " "); ns = split(suites, ss, " ")
        for (u = 1; u <= nu; u++) for (s = 1; s <= ns; s++) print us[u], ss[s], components
      }
      types = uris = suites = components = enabled = ""
    }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    {
      field = tolower($1); sub(/:$/, "", field); $1 = ""; sub(/^ +/, "")
      if (field == "types") types = $0; else if (field == "uris") uris = $0
      else if (field == "suites") suites = $0; else if (field == "components") components = $0
      else if (field == "enabled") enabled = $0
    }
    END { flush() }
  ' "$1"
}

# The first http(s) URI serving Debian's main archive (not security, not a third-party repo).
apt_debian_mirror() {
  local file
  {
    [ -f "$apt_dir/sources.list" ] && one_line_entries "$apt_dir/sources.list"
    for file in "$apt_dir"/sources.list.d/*; do
      case "$file" in
        *.list) one_line_entries "$file" ;;
        *.sources) deb822_entries "$file" ;;
      esac
    done
  } | awk -v suite_re="$debian_suite" '
    $1 ~ /^https?:\/\// && $1 !~ /security/ && $2 ~ suite_re && (" " $0 " ") ~ / main / { sub(/\/+$/, "", $1); print $1; exit }
  '
}

resolve_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then
    echo "$DEBIAN_MIRROR"
    return
  fi
  local found
  # The reader stops at the first match, so the writers may see a closed pipe: not an error.
  found="$(apt_debian_mirror || true)"
  if [ -z "$found" ]; then
    echo "error: no http(s) Debian mirror found in $apt_dir/sources.list or $apt_dir/sources.list.d/ (a 'deb' entry for a Debian suite with the main component)." >&2
    echo "Set DEBIAN_MIRROR to a Debian mirror this machine can reach, e.g. DEBIAN_MIRROR=http://deb.debian.org/debian." >&2
    return 1
  fi
  echo "$found"
}

if [ "${1:-}" = "--print-mirror" ]; then
  resolve_mirror
  exit
fi

if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag"
  exit 0
fi

mirror="$(resolve_mirror)"
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
