export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'theme';

/**
 * Light or dark. `app.html` applies the saved choice (or the system's) to <html> before first paint;
 * this reads it from there and keeps <html>'s `dark` class and localStorage in step with it.
 */
class ThemeState {
	current = $state<Theme>(
		typeof document !== 'undefined' && document.documentElement.classList.contains('dark') ? 'dark' : 'light'
	);

	set(theme: Theme) {
		this.current = theme;
		document.documentElement.classList.toggle('dark', theme === 'dark');
		try {
			localStorage.setItem(STORAGE_KEY, theme);
		} catch {
			// Storage can be blocked (private modes, policies): the choice then lasts until reload.
		}
	}

	toggle() {
		this.set(this.current === 'dark' ? 'light' : 'dark');
	}
}

export const theme = new ThemeState();
