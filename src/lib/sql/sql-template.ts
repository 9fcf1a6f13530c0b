/**
 * Fills a `.sql` template's `{{name}}` placeholders; every placeholder must be given, and only those. A value
 * filled into a `--` comment (templates repeat their conditions there) goes on one line: a line break in it,
 * say in a city given in the URL, would end the comment and turn the rest of the value into SQL.
 */
export function fillSql(template: string, values: Record<string, string>): string {
	const used = new Set<string>();
	const sql = template.replace(/\{\{(\w+)\}\}/g, (_, name: string, at: number) => {
		if (!(name in values)) throw new Error(`SQL template placeholder {{${name}}} has no value`);
		used.add(name);
		return inLineComment(template, at) ? values[name].replace(/\s*[\r\n]+\s*/g, ' ') : values[name];
	});
	const unused = Object.keys(values).filter((name) => !used.has(name));
	if (unused.length > 0) throw new Error(`SQL template has no placeholder for ${unused.join(', ')}`);
	return sql;
}

/** Whether offset `at` of a template lies in a `--` comment (one outside a string; templates have no other). */
function inLineComment(template: string, at: number): boolean {
	const line = template.slice(template.lastIndexOf('\n', at - 1) + 1, at);
	const dashes = line.indexOf('--');
	return dashes >= 0 && line.slice(0, dashes).split("'").length % 2 === 1;
}
