// Applies the saved theme before first paint, to avoid a flash. A file, not an inline script: the
// Content-Security-Policy allows scripts from this origin only (svelte.config.js).
(function () {
	var t = localStorage.getItem('theme');
	var dark = t ? t === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
	document.documentElement.classList.toggle('dark', dark);
})();
