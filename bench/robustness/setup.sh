#!/usr/bin/env bash
# Installs the packaged media `npm run bench:robustness` runs on (Debian packages; nothing
# else is downloaded): photographs and wallpapers for the image corpus, game music for the
# audio corpus, ffmpeg for video and audio. Installs only what is missing; as root it
# runs apt-get, otherwise it prints the command to run. Run: npm run bench:robustness:setup
set -euo pipefail
photos=(mate-backgrounds plasma-workspace-wallpapers gnome-backgrounds ukui-wallpapers)
music=(asc-music drascula-music fb-music-high hyperrogue-music wesnoth-1.16-music)
missing=()
for p in "${photos[@]}" "${music[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
if [ ${#missing[@]} -eq 0 ]; then
  echo "robustness corpus: every package is installed (${photos[*]} ${music[*]} ffmpeg)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "robustness corpus: missing ${missing[*]}; run as root: apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "robustness corpus: installed ${missing[*]}"
