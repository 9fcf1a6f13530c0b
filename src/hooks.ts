import type { Reroute } from '@sveltejs/kit';

/**
 * `/lake.html` is the Lake page: the static build's file names are app URLs too (a bookmark, a link from
 * a server that serves them), and offline the service worker answers them with the SPA fallback, so the
 * router must know them (`/index.html` is the Overview).
 */
export const reroute: Reroute = ({ url }) => {
	if (!url.pathname.endsWith('.html')) return;
	const path = url.pathname.slice(0, -'.html'.length);
	return path.endsWith('/index') ? path.slice(0, -'index'.length) : path;
};
