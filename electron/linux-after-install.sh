#!/bin/sh
# deb post-install: Electron's sandbox helper needs the setuid bit (kept, because the window runs with
# sandbox: true). Nothing else is changed on the system.
set -e
if [ -f "/opt/Voice Kiosk/chrome-sandbox" ]; then
  chown root:root "/opt/Voice Kiosk/chrome-sandbox"
  chmod 4755 "/opt/Voice Kiosk/chrome-sandbox"
fi
