import { inComment } from './sql-text';

/**
 * Fills a `.sql` template's `{{name}}` placeholders; every placeholder must be given, and only those. A value
 * filled into a comment (templates repeat their conditions in `--` comments) goes on one line: a line break in it,
 * say in a city given in the URL, would end the comment and turn the rest of the value into SQL.
 */
export function fillSql(template: string, values: Record<string, string>): string {
	const used = new Set<string>();
	const sql = template.replace(/\{\{(\w+)\}\}/g, (_, name: string, at: number) => {
		if (!(name in values)) throw new Error(`SQL template placeholder {{${name}}} has no value`);
		used.add(name);
		return inComment(template, at) ? values[name].replace(/\s*[\r\n]+\s*/g, ' ') : values[name];
	});
	const unused = Object.keys(values).filter((name) => !used.has(name));
	if (unused.length > 0) throw new Error(`SQL template has no placeholder for ${unused.join(', ')}`);
	return sql;
}
