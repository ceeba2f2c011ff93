#!/usr/bin/env bash
# Installs frugal on this host: the release binary, the example configuration
# (kept if one exists), the hardened systemd unit; then starts the daemon.
# Run from the repository root: sudo Deploy/install.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "run as root: sudo $0" >&2
  exit 77
fi

.ci/install-deps build
# A static Swift runtime: the daemon maps ~7 MB less of shared libraries.
swift build -c release --product frugal --static-swift-stdlib
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)/frugal"

install -m 0755 "$bin" /usr/local/bin/frugal
install -d /etc/frugal
if [ -e /etc/frugal/frugal.toml ]; then
  echo "keeping /etc/frugal/frugal.toml; the example is Deploy/frugal.example.toml" >&2
else
  install -m 0644 Deploy/frugal.example.toml /etc/frugal/frugal.toml
fi
frugal config check /etc/frugal/frugal.toml
install -m 0644 Deploy/frugal.service /etc/systemd/system/frugal.service
systemctl daemon-reload
systemctl enable --now frugal
frugal doctor || true
echo "frugal is running: journalctl -u frugal -f" >&2
