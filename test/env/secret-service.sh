#!/usr/bin/env bash
# A private Secret Service for the keychain tests: a D-Bus session bus of its own and
# gnome-keyring-daemon with an unlocked 'login' collection as the default, all under a fresh temp
# folder (the user's real keyring is never touched). Prints DBUS_SESSION_BUS_ADDRESS=... once the
# default collection answers, then runs until its stdin closes — the test finished or died — and
# stops both daemons. By hand: run it, use the printed address in another shell, press Ctrl-D.
set -euo pipefail

for tool in dbus-daemon dbus-send gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is missing: the keychain tests need a real Secret Service. Install it with" \
      "'apt-get install gnome-keyring dbus-daemon dbus-bin' (.ci/run installs them)." >&2
    exit 3
  fi
done

root="$(mktemp -d /tmp/skylift-secret-service.XXXXXX)"
bus_pid=""
keyring_pid=""
stop() {
  # shellcheck disable=SC2086 # the pids are plain numbers, or empty
  kill $keyring_pid $bus_pid 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$root"
}
trap stop EXIT
trap 'exit 143' TERM INT HUP

mkdir -m 700 "$root/home" "$root/data" "$root/config" "$root/cache" "$root/runtime"
export HOME="$root/home" XDG_DATA_HOME="$root/data" XDG_CONFIG_HOME="$root/config" \
  XDG_CACHE_HOME="$root/cache" XDG_RUNTIME_DIR="$root/runtime"
export DBUS_SESSION_BUS_ADDRESS="unix:path=$root/bus"

# No <servicedir>: with the stock session.conf, the first call to org.freedesktop.secrets would
# D-Bus-activate a second, locked gnome-keyring-daemon that can win the name from ours.
cat > "$root/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>$DBUS_SESSION_BUS_ADDRESS</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
# Both daemons log to a file shown only on failure (in a container they warn about fd limits and
# locked memory; harmless).
dbus-daemon --config-file="$root/bus.conf" --nofork 2>>"$root/daemons.log" &
bus_pid=$!

read_default_alias() {
  dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.ReadAlias string:default 2>/dev/null
}

for _ in $(seq 100); do [ -S "$root/bus" ] && break; sleep 0.05; done

# --unlock with a non-empty password creates the 'login' collection and makes it the default
# alias; with an empty one there is no default collection and every write fails ("no result found").
printf '%s' 'skylift-test-keyring' | gnome-keyring-daemon --foreground --unlock --components=secrets 2>>"$root/daemons.log" &
keyring_pid=$!

for _ in $(seq 200); do
  if read_default_alias | grep -q '/collection/'; then
    echo "DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS"
    # A background job's stdin would be /dev/null, so hand it ours explicitly; `wait` (unlike a
    # foreground cat) lets the TERM trap run at once.
    cat <&0 >/dev/null &
    wait $! || true
    exit 0
  fi
  sleep 0.05
done
echo "gnome-keyring-daemon started but no default collection appeared within 10 s. Its log:" >&2
cat "$root/daemons.log" >&2
exit 4
