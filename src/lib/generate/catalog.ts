import { AliasTable, detExp, detLog, logNormalFactor } from './deterministic-math';
import { Rng } from './rng';

/**
 * The product catalog: the original system's 200 products in 8 categories, each with its own plausible
 * list price (MRP, whole rupees) instead of a price drawn over the whole category range. Unit costs
 * (margin 20–45 % by category) and popularity depend on the seed.
 */
export const CATEGORIES = [
	'Electronics',
	'Clothing',
	'Groceries',
	'Home & Kitchen',
	'Beauty',
	'Sports',
	'Books',
	'Toys'
] as const;
export type Category = (typeof CATEGORIES)[number];

/** How many units one line usually carries. */
type QuantityProfile = 'staple' | 'consumable' | 'durable';

interface CategorySpec {
	/** Share of all sales lines in a neutral month. */
	lineShare: number;
	/** Gross margin range, as a share of the list price. */
	margin: [number, number];
	quantity: QuantityProfile;
	/** Demand by month (Jan…Dec) relative to the category's average: its own seasonality. */
	months: readonly number[];
	/** [name, list price in rupees] */
	products: readonly (readonly [string, number])[];
}

const CATEGORY_SPECS: Record<Category, CategorySpec> = {
	Electronics: {
		lineShare: 0.1,
		margin: [0.2, 0.28],
		quantity: 'durable',
		months: [0.9, 0.85, 0.95, 0.95, 1, 0.9, 0.9, 0.95, 1, 1.35, 1.45, 1.2],
		products: [
			['Bluetooth Speaker', 2499],
			['Wireless Earbuds', 1999],
			['USB-C Hub', 1799],
			['Power Bank 20000mAh', 1499],
			['Smartwatch Band', 499],
			['LED Desk Lamp', 899],
			['Webcam HD', 1999],
			['Portable SSD 512GB', 4999],
			['Keyboard Mechanical', 3499],
			['Mouse Wireless', 699],
			['HDMI Cable 2m', 349],
			['Phone Stand', 299],
			['Screen Protector', 199],
			['Laptop Sleeve 15in', 799],
			['Charger 65W GaN', 2499],
			['Surge Protector 6-Way', 999],
			['Ethernet Cable 5m', 299],
			['Pen Drive 64GB', 549],
			['Portable Monitor 15in', 11999],
			['Noise Cancelling Headphones', 7999],
			['Smart Plug WiFi', 899],
			['Ring Light 10in', 1199],
			['Car Phone Mount', 449],
			['Streaming Stick', 3999],
			['Digital Alarm Clock', 599],
			['Tablet Stand Adjustable', 699],
			['Cable Organiser Box', 499],
			['Mini Projector', 6999],
			['Fitness Tracker', 2999],
			['Wireless Charging Pad', 1299]
		]
	},
	Clothing: {
		lineShare: 0.14,
		margin: [0.38, 0.45],
		quantity: 'durable',
		months: [0.9, 0.85, 1.15, 1, 0.95, 0.85, 0.85, 0.95, 1, 1.4, 1.35, 1.15],
		products: [
			['Cotton T-Shirt', 499],
			['Slim Fit Jeans', 1499],
			['Formal Shirt', 1199],
			['Kurta Set', 1799],
			['Track Pants', 799],
			['Hoodie Zip-Up', 1499],
			['Polo T-Shirt', 799],
			['Chino Trousers', 1299],
			['Denim Jacket', 2499],
			['Linen Shirt', 1599],
			['Cargo Shorts', 899],
			['Ethnic Dupatta', 599],
			['Winter Sweater', 1399],
			['Cotton Saree', 1999],
			['Running Shorts', 599],
			['Sweatshirt Crew Neck', 1199],
			['Palazzo Pants', 699],
			['Printed Kurti', 899],
			['Formal Blazer', 4999],
			['Raincoat Foldable', 799],
			['Thermal Innerwear', 699],
			['Silk Scarf', 999],
			['Gym Tank Top', 499],
			['Oxford Shirt', 1399],
			['Maxi Dress', 1799],
			['Bermuda Shorts', 699],
			['Lehenga Choli', 5999],
			['Kids T-Shirt Pack', 799],
			['Night Suit', 999],
			['Dhoti Cotton', 449]
		]
	},
	Groceries: {
		lineShare: 0.27,
		margin: [0.2, 0.26],
		quantity: 'staple',
		months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.15, 1.05],
		products: [
			['Basmati Rice 5kg', 649],
			['Toor Dal 1kg', 169],
			['Sunflower Oil 1L', 159],
			['Sugar 1kg', 49],
			['Wheat Flour 5kg', 269],
			['Green Tea 100bags', 399],
			['Honey Organic 500g', 349],
			['Oats 1kg', 199],
			['Peanut Butter 400g', 249],
			['Instant Noodles 12pk', 168],
			['Pasta Penne 500g', 129],
			['Olive Oil 500ml', 599],
			['Black Pepper 100g', 129],
			['Turmeric Powder 200g', 69],
			['Cumin Seeds 100g', 79],
			['Coconut Oil 1L', 229],
			['Ghee 500ml', 329],
			['Milk Powder 500g', 249],
			['Mixed Dry Fruits 500g', 699],
			['Dark Chocolate 200g', 199],
			['Cornflakes 500g', 189],
			['Muesli 1kg', 449],
			['Biscuit Variety Pack', 99],
			['Pickle Mango 500g', 149],
			['Papad 200g', 59],
			['Jaggery 1kg', 89],
			['Rock Salt 1kg', 59],
			['Saffron 1g', 349],
			['Cashew Nuts 250g', 299],
			['Almonds 250g', 279]
		]
	},
	'Home & Kitchen': {
		lineShare: 0.12,
		margin: [0.3, 0.38],
		quantity: 'durable',
		months: [0.95, 0.9, 1.1, 1, 0.95, 0.9, 0.9, 0.95, 1, 1.3, 1.4, 1.05],
		products: [
			['Non-Stick Pan 24cm', 899],
			['Pressure Cooker 5L', 1899],
			['Glass Storage Set', 799],
			['Cotton Bedsheet King', 1299],
			['Pillow Memory Foam', 999],
			['Mop Spin Bucket', 1199],
			['Curtains Blackout 2pc', 1099],
			['Dinner Set 24pc', 2499],
			['Knife Set 6pc', 699],
			['Water Bottle Steel 1L', 449],
			['Lunch Box 3-Tier', 599],
			['Blender 750W', 2999],
			['Towel Set Bath 4pc', 899],
			['Chopping Board Bamboo', 349],
			['Spice Rack 16pc', 799],
			['Door Mat Coir', 299],
			['Wall Clock Minimalist', 699],
			['Photo Frame Set 5pc', 599],
			['Laundry Basket Foldable', 449],
			['Iron Steam 1200W', 1499],
			['Vacuum Flask 1L', 699],
			['Cushion Cover Set 5pc', 499],
			['Table Lamp Ceramic', 1299],
			['Dustbin Pedal 12L', 799],
			['Mixing Bowl Set 3pc', 549]
		]
	},
	Beauty: {
		lineShare: 0.13,
		margin: [0.35, 0.45],
		quantity: 'consumable',
		months: [0.95, 0.95, 1.15, 1, 1, 0.95, 0.95, 1, 1, 1.25, 1.3, 1.1],
		products: [
			['Face Wash Gel 100ml', 199],
			['Moisturiser SPF 30', 349],
			['Sunscreen SPF 50 50ml', 399],
			['Lip Balm Tinted', 149],
			['Hair Oil Coconut 200ml', 129],
			['Shampoo Anti-Dandruff 300ml', 299],
			['Conditioner Keratin 200ml', 349],
			['Face Mask Sheet 5pk', 299],
			['Kajal Waterproof', 179],
			['Compact Powder', 249],
			['Foundation Liquid 30ml', 599],
			['Nail Polish Set 6pc', 399],
			['Perfume EDT 100ml', 1499],
			['Deodorant Roll-On', 199],
			['Body Lotion 400ml', 349],
			['Hand Cream 75ml', 199],
			['Facial Serum Vitamin C', 599],
			['Makeup Remover 150ml', 299],
			['Beard Oil 50ml', 349],
			['Hair Gel Strong Hold', 199],
			['Eyeshadow Palette 12pc', 699],
			['Mascara Volumising', 449],
			['Lipstick Matte', 399],
			['Face Scrub 100g', 199],
			['Bath Bombs Set 4pc', 599]
		]
	},
	Sports: {
		lineShare: 0.08,
		margin: [0.28, 0.36],
		quantity: 'durable',
		months: [1.3, 1.1, 1, 1.05, 1.05, 0.9, 0.85, 1.15, 1, 0.95, 0.95, 1],
		products: [
			['Yoga Mat 6mm', 799],
			['Resistance Bands Set', 699],
			['Skipping Rope Speed', 299],
			['Water Bottle Gym 750ml', 349],
			['Cricket Bat English Willow', 4999],
			['Badminton Racquet Pair', 1299],
			['Football Size 5', 799],
			['Table Tennis Paddle', 599],
			['Cycling Gloves', 499],
			['Running Armband', 399],
			['Sports Shoes Running', 2999],
			['Gym Bag Duffle', 1199],
			['Sweatband Wrist 2pc', 199],
			['Foam Roller 45cm', 899],
			['Dumbbells 5kg Pair', 1499],
			['Protein Shaker 700ml', 299],
			['Swimming Goggles', 499],
			['Weight Gloves Pair', 449],
			['Exercise Ball 65cm', 899],
			['Pull-Up Bar Doorway', 1299]
		]
	},
	Books: {
		lineShare: 0.08,
		margin: [0.2, 0.3],
		quantity: 'durable',
		months: [1, 0.95, 0.95, 1, 1.1, 1.3, 1.2, 1, 0.95, 0.9, 0.9, 1.05],
		products: [
			['Atomic Habits', 499],
			['Sapiens', 599],
			['Ikigai', 399],
			['The Alchemist', 299],
			['Rich Dad Poor Dad', 399],
			['Deep Work', 499],
			['Python Crash Course', 1999],
			['Wings of Fire APJ Kalam', 299],
			['Thinking Fast and Slow', 599],
			['The Psychology of Money', 399],
			['Zero to One', 449],
			['The Lean Startup', 499],
			['12 Rules for Life', 599],
			['Educated Tara Westover', 499],
			['Dune Frank Herbert', 699],
			['Harry Potter Box Set', 3999],
			['The Subtle Art', 399],
			['Grit Angela Duckworth', 499],
			['Digital Minimalism', 449],
			['Meditations Marcus Aurelius', 249]
		]
	},
	Toys: {
		lineShare: 0.08,
		margin: [0.3, 0.4],
		quantity: 'durable',
		months: [0.9, 0.85, 0.9, 0.95, 1.05, 0.95, 0.9, 0.9, 0.95, 1.1, 1.45, 1.6],
		products: [
			['LEGO Classic 500pc', 2999],
			["Rubik's Cube 3x3", 299],
			['Play-Doh 10pk', 699],
			['Hot Wheels 5 Car Pack', 549],
			['Board Game Monopoly', 999],
			['Nerf Blaster', 1499],
			['Jigsaw Puzzle 1000pc', 799],
			['Chemistry Kit Kids', 1299],
			['Telescope Starter', 3499],
			['Toy Kitchen Set', 1799],
			['Remote Control Car', 1999],
			['Doll House Furniture', 2499],
			['Building Blocks 200pc', 899],
			['Card Game UNO', 199],
			['Slime Kit DIY', 499],
			['Drone Mini Kids', 2999],
			['Art Supplies Box 80pc', 899],
			['Globe Educational', 699],
			['Magic Kit 50 Tricks', 799],
			['Train Set Electric', 2499]
		]
	}
};

/** Natural quantities per line by profile: [values, weights]. Never above 20 (spikes start at 60). */
const QUANTITY_PROFILES: Record<QuantityProfile, readonly [readonly number[], readonly number[]]> = {
	staple: [
		[1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20],
		[34, 24, 14, 9, 6, 4, 3, 2.5, 1.5, 1, 1]
	],
	consumable: [
		[1, 2, 3, 4, 5, 6],
		[62, 24, 8, 3, 2, 1]
	],
	durable: [
		[1, 2, 3, 4, 5],
		[82, 13, 3, 1.3, 0.7]
	]
};

export const NATURAL_MAX_QUANTITY = 20;

export interface Product {
	index: number;
	id: string;
	name: string;
	category: Category;
	categoryIndex: number;
	listPaise: number;
	costPaise: number;
	/** Relative chance of being picked within its category. */
	popularity: number;
}

export interface Catalog {
	products: readonly Product[];
	/** Product indexes of each category. */
	byCategory: readonly (readonly number[])[];
	/** Per category: share of lines in a neutral month. */
	lineShare: Float64Array;
	/** Per category × month (index c * 12 + m): the category's seasonal factor. */
	monthFactors: Float64Array;
	/** Per category: quantity values, and a table to draw one by weight. */
	quantityValues: readonly Int32Array[];
	quantityDraws: readonly AliasTable[];
	/** Per category: mean natural quantity per line. */
	meanQuantity: Float64Array;
}

export function productId(index: number): string {
	return `P${String(index + 1).padStart(4, '0')}`;
}

export function buildCatalog(seed: number): Catalog {
	const rng = Rng.stream(seed, 'catalog');
	const products: Product[] = [];
	const byCategory: number[][] = [];
	CATEGORIES.forEach((category, categoryIndex) => {
		const spec = CATEGORY_SPECS[category];
		byCategory.push([]);
		for (const [name, rupees] of spec.products) {
			const index = products.length;
			const listPaise = rupees * 100;
			const margin = rng.between(spec.margin[0], spec.margin[1]);
			// Cheaper items sell more often: popularity ∝ price^-0.35, times an item's own appeal.
			const popularity = detExp(-0.35 * detLog(rupees)) * logNormalFactor(rng, 0.45);
			products.push({
				index,
				id: productId(index),
				name,
				category,
				categoryIndex,
				listPaise,
				costPaise: Math.round(listPaise * (1 - margin)),
				popularity
			});
			byCategory[categoryIndex].push(index);
		}
	});
	const specs = CATEGORIES.map((category) => CATEGORY_SPECS[category]);
	const profiles = specs.map((spec) => QUANTITY_PROFILES[spec.quantity]);
	return {
		products,
		byCategory,
		lineShare: Float64Array.from(specs, (spec) => spec.lineShare),
		monthFactors: Float64Array.from(specs.flatMap((spec) => spec.months)),
		quantityValues: profiles.map(([values]) => Int32Array.from(values)),
		quantityDraws: profiles.map(([, weights]) => new AliasTable(weights)),
		meanQuantity: Float64Array.from(profiles, ([values, weights]) => {
			const total = weights.reduce((sum, w) => sum + w, 0);
			return values.reduce((sum, value, i) => sum + value * weights[i], 0) / total;
		})
	};
}

/** A natural quantity for one line of a product in category `c` (1 … 20). */
export function drawQuantity(rng: Rng, catalog: Catalog, c: number): number {
	return catalog.quantityValues[c][catalog.quantityDraws[c].pick(rng)];
}
