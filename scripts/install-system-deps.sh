#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (idempotent; run as root).
#  - libvulkan1 + mesa-vulkan-drivers from bookworm-backports: lavapipe, a Vulkan driver on the CPU,
#    so WebGPU (Dawn) runs without a GPU. bookworm's own Mesa 22 is too old for Dawn.
#  - chromium: the real browser driven by playwright-core in the end-to-end tests.
#  - xvfb: a virtual display for anything that needs one.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

need=()
dpkg -s chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s xvfb >/dev/null 2>&1 || need+=(xvfb)
mesa_ok=0
if dpkg -s mesa-vulkan-drivers >/dev/null 2>&1; then
  case "$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers)" in 2[5-9].*) mesa_ok=1 ;; esac
fi
if [ ${#need[@]} -eq 0 ] && [ $mesa_ok -eq 1 ]; then
  echo "system packages already present"
  exit 0
fi

# Add bookworm-backports on the same mirror as the machine's bookworm entry.
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  # One-line (.list) and deb822 (.sources) formats; skip comments and the security archive.
  mirror=$( (cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
    2>/dev/null || true) | grep -v '^\s*#' | grep -oE 'https?://[^ ]+' | grep -v security | head -n1 || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  echo "deb ${mirror%/} bookworm-backports main" > /etc/apt/sources.list.d/bookworm-backports.list
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
if [ $mesa_ok -eq 0 ]; then
  apt-get install -y -qq --no-install-recommends -t bookworm-backports libvulkan1 mesa-vulkan-drivers >/dev/null
fi
echo "system packages installed"
