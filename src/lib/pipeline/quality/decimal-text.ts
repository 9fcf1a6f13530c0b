/** An exact decimal written as text (`-1234.5`, `0.00`) as an integer count of its smallest unit at `scale`. */
export function decimalUnits(text: string, scale = 2): bigint {
	const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
	if (match === null) throw new Error(`Not a decimal: ${JSON.stringify(text)}`);
	const [, sign, whole, fraction = ''] = match;
	if (fraction.length > scale) throw new Error(`${text} has more than ${scale} decimals`);
	const units = BigInt(whole + fraction.padEnd(scale, '0'));
	return sign === '-' ? -units : units;
}
