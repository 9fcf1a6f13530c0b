/**
 * What Playwright disables in Chromium (playwright-core 1.65's `chromiumSwitches`, and `PaintHolding` that
 * headless mode adds). Chromium keeps only the last `--disable-features` it is given, so ours repeats them.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
	'AimEnabled',
	'AvoidCorsURLLoaderRestartOnRedirect',
	'AvoidUnnecessaryBeforeUnloadCheckSync',
	'DestroyProfileOnBrowserClose',
	'HttpsFirstBalancedModeAutoEnable',
	'HttpsUpgrades',
	'LensOverlay',
	'MediaRouter',
	'NetworkTimeServiceQuerying',
	'OptimizationHints',
	'PaintHolding',
	'PreconnectToSearch',
	'TcpPortRandomizationWin',
	'ThirdPartyStoragePartitioning',
	'msEdgeUpdateLaunchServicesPreferredVersion',
	'msForceBrowserSignIn'
];

/**
 * The omnibox's WebUI popup: headless Chromium starts a renderer of its own for it with every window, that
 * is with every page a test opens, at 1.4 s of CPU each here (five pages opened and closed: 9.9 → 2.7 s).
 */
const OMNIBOX_POPUP = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];

/**
 * Chromium's flags for the e2e tests and the benchmark. The machine's network is closed: without the five
 * after `--no-sandbox`, Chromium keeps trying to reach Google's servers.
 */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
	`--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_POPUP].join(',')}`
];
