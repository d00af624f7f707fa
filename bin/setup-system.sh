#!/usr/bin/env bash
# The Debian packages voice-kiosk uses, installed when missing, so that the README's two commands
# (`npm start`, `npm test`) do all set-up on a fresh Debian / Raspberry Pi OS machine.
#   setup-system.sh start   what the kiosk itself needs (ASR, speech, audio, broker)
#   setup-system.sh test    that, plus what the tests need (voices, Chromium, running Mosquitto/PostgreSQL)
# Without root (or passwordless sudo) it prints the apt-get line and carries on: the kiosk still starts
# with the stages it can load and says which are missing.
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${1:-start}

pkgs=(pocketsphinx-en-us libpocketsphinx-dev pkg-config g++ make espeak-ng sox alsa-utils mosquitto)
# The wake word trainer (voice-kiosk wake train) speaks with every English Debian voice: flite and festival
# with its US/UK voices add to espeak-ng (all commercially usable; the mbrola voices are not, so not here).
pkgs+=(flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts)
if [ "$mode" = test ]; then
  # pulseaudio + pulseaudio-utils + libasound2-plugins: a virtual microphone the real arecord reads
  # (ALSA device "pulse"), for the live-microphone tests on machines without a sound card.
  pkgs+=(libsox-fmt-all flite festival festvox-kallpc16k chromium mosquitto-clients openssl pulseaudio pulseaudio-utils libasound2-plugins)
fi

missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi
}

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "voice-kiosk: not a Debian system; install the equivalents of: ${missing[*]}" >&2
  else
    echo "voice-kiosk: installing Debian packages: ${missing[*]}"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
      ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; then
      echo "voice-kiosk: could not install them; run: sudo apt-get install ${missing[*]}" >&2
    fi
  fi
fi

# The PocketSphinx addon is built by `npm install`; if the dev package arrived only now, build it now.
if [ ! -f engine/asr/pocketsphinx/native/build/Release/pocketsphinx.node ] && [ -d node_modules ]; then
  node engine/asr/pocketsphinx/native/build-addon.mjs
fi

if [ "$mode" = test ]; then
  # The tests talk to the real services on these machines: Mosquitto on 1883, PostgreSQL on 5432.
  if ! (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; then
    echo "voice-kiosk: starting mosquitto on 127.0.0.1:1883"
    as_root mosquitto -d -c /etc/mosquitto/mosquitto.conf || echo "voice-kiosk: could not start mosquitto" >&2
  fi
  if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null && [ -d /etc/postgresql ]; then
    echo "voice-kiosk: starting postgresql on 127.0.0.1:5432"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start ||
      echo "voice-kiosk: could not start postgresql" >&2
  fi
fi
exit 0
