/** Debian's Chromium (apt-get install -y chromium); CHROMIUM_PATH points elsewhere, e.g. on a laptop. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
