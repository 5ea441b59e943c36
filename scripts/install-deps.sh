#!/bin/sh
# Installs what billflow needs to build, run and test on Debian 12.
# Run as root, or with sudo available. Safe to run again.
set -eu
PKGS_BUILD="meson ninja-build pkg-config gcc libc6-dev \
  libtesseract-dev tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd libleptonica-dev \
  libpoppler-glib-dev libglib2.0-dev libcairo2-dev libcurl4-openssl-dev libsqlite3-dev \
  libgmime-3.0-dev libjson-glib-dev libncurses-dev libxml2-dev libcsv-dev libjpeg-dev libpng-dev libseccomp-dev libsystemd-dev libmicrohttpd-dev sqlite3 libpq-dev libarchive-dev nettle-dev"
# OCR in each document's own language (ocr.language = auto): the 24 official
# EU languages, Norwegian and Icelandic (Debian's tessdata_fast models).
for l in bul ces dan deu ell est fin fra gle hrv hun isl ita lav lit mlt nld nor pol por \
         ron slk slv spa swe; do
  PKGS_BUILD="$PKGS_BUILD tesseract-ocr-$l"
done
PKGS_TEST="chromium python3-aiosmtpd libxml2-utils dpkg-dev debhelper fakeroot lintian qpdf ghostscript openssl clang clang-tidy python3 python3-pil tmux dovecot-imapd hledger ledger beancount curl poppler-utils \
  fonts-dejavu-core fonts-liberation2 fonts-freefont-ttf fonts-urw-base35 fonts-crosextra-carlito liblinear-tools \
  postgresql"
# postgresql: the server the store's tests run against, a throwaway cluster
# each (tests/pg/pgcluster.py: its own folder, a free port on 127.0.0.1, its
# own socket); the main cluster Debian's package may create and start on
# port 5432 is neither used nor in the way.
want="$PKGS_BUILD"
[ "${1:-}" = "--test" ] && want="$want $PKGS_TEST"
missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends $missing
