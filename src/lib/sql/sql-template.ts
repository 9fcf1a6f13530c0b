/** Fills a `.sql` template's `{{name}}` placeholders; every placeholder must be given, and only those. */
export function fillSql(template: string, values: Record<string, string>): string {
	const used = new Set<string>();
	const sql = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
		if (!(name in values)) throw new Error(`SQL template placeholder {{${name}}} has no value`);
		used.add(name);
		return values[name];
	});
	const unused = Object.keys(values).filter((name) => !used.has(name));
	if (unused.length > 0) throw new Error(`SQL template has no placeholder for ${unused.join(', ')}`);
	return sql;
}
