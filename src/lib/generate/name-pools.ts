import { faker } from '@faker-js/faker/locale/en_IN';

/**
 * Indian first names, last names and street names from faker's en_IN locale, drawn once per run into
 * pools that customers combine by index (a million name pairs from 2 × 1024 draws), so faker never
 * runs inside a hot loop.
 */
export interface NamePools {
	firstNames: readonly string[];
	lastNames: readonly string[];
	streets: readonly string[];
}

export const NAME_POOL_SIZE = 1024;

export function buildNamePools(seed: number): NamePools {
	faker.seed(seed);
	const draw = (make: () => string) => Array.from({ length: NAME_POOL_SIZE }, make);
	return {
		firstNames: draw(() => faker.person.firstName()),
		lastNames: draw(() => faker.person.lastName()),
		streets: draw(() => faker.location.street())
	};
}
