import { encodeText } from './batch-writer';
import { CrmExtracts } from './crm-extracts';
import { civilDate, formatDate } from '../calendar/dates';
import type { DayContext } from './day-context';
import { DATASET_DEFECT_KINDS, DefectInjector, type DefectiveDataset } from './defects';
import { DailyVolume } from './demand';
import { PlantedEvents } from './event-runtime';
import { InventorySnapshots } from './inventory-snapshots';
import { PosSales } from './pos-sales';
import type { RawFiles } from './raw-files';
import type { RetailWorld } from './retail-world';
import { Shipments } from './shipments';
import type { TruthCounts } from './truth';
import { WebOrders } from './web-orders';

/**
 * The simulation, one day at a time: replenishments arrive, store invoices and web orders (with their
 * shipments) sell stock, the (s, S) policy orders more, and snapshots and CRM extracts run on their days.
 */
export class RetailDays {
	readonly #defects: Record<DefectiveDataset, DefectInjector>;
	readonly #pos: PosSales;
	readonly #web: WebOrders;
	readonly #snapshots: InventorySnapshots;
	readonly #crm: CrmExtracts;
	readonly #volume: DailyVolume;
	readonly #events: PlantedEvents;
	readonly #day: DayContext = { dayNo: 0, month: 0, datePrefix: new Uint8Array(), discount: 0, signedUp: 0 };
	#posLines = 0;
	#webLines = 0;

	constructor(
		private readonly world: RetailWorld,
		files: RawFiles
	) {
		const { seed, defectRate, salesLines } = world.config;
		const injector = (dataset: DefectiveDataset) =>
			new DefectInjector(seed, dataset, defectRate, DATASET_DEFECT_KINDS[dataset], world.toDay);
		this.#defects = {
			pos_sales: injector('pos_sales'),
			web_orders: injector('web_orders'),
			inventory: injector('inventory'),
			shipments: injector('shipments')
		};
		const { writers } = files;
		this.#events = new PlantedEvents(world.events, seed, world.stores.length, world.catalog);
		const shipments = new Shipments(world, writers.shipments, this.#defects.shipments);
		this.#pos = new PosSales(world, writers.pos_sales, this.#defects.pos_sales, this.#events);
		this.#web = new WebOrders(world, writers.web_orders, this.#defects.web_orders, shipments, this.#events);
		this.#snapshots = new InventorySnapshots(world, writers.inventory, this.#defects.inventory);
		this.#crm = new CrmExtracts(world, writers.customers);
		this.#volume = new DailyVolume(world.demand, salesLines, seed);
	}

	get dayCount(): number {
		return this.world.toDay - this.world.fromDay + 1;
	}

	/** Generates day `index` of the range (0 = the first day), in order. */
	generate(index: number): void {
		const { customers, inventory, demand, fromDay } = this.world;
		const day = this.#day;
		const dayNo = fromDay + index;
		while (day.signedUp < customers.count && customers.signupDay[day.signedUp] <= dayNo) day.signedUp++;
		day.dayNo = dayNo;
		day.month = civilDate(dayNo).month - 1;
		day.datePrefix = encodeText(`${formatDate(dayNo)} `);
		day.discount = demand.discount[index];

		inventory.beginDay(dayNo);
		this.#events.beginDay(dayNo);
		if (this.#events.promotionStarts) {
			const products = this.world.catalog.byCategory[this.#events.promotedCategory];
			inventory.stockUp(products, this.#events.promotionExtraShare);
		}
		this.#volume.drawDay(index);
		const posLines = this.#pos.day(day, this.#volume.pos);
		const webLines = this.#web.day(day, this.#volume.web);
		this.#posLines += posLines;
		this.#webLines += webLines;
		this.#volume.addLines(posLines + webLines);
		inventory.endDay(dayNo);
		this.#events.endDay(dayNo);
		this.#snapshots.endDay(dayNo);
		this.#crm.endDay(dayNo, day.signedUp);
	}

	/** The POS file's cut-off last line (the "short file"); none in a clean run (defect rate 0). */
	truncatedTail(): string | undefined {
		return this.world.config.defectRate > 0 ? this.#pos.truncatedLastLine() : undefined;
	}

	/** What the ground truth records of the run, once every day is generated and the files are closed. */
	truthCounts(files: RawFiles): TruthCounts {
		const defects = this.#defects;
		return {
			files: files.describe(),
			defects: {
				pos_sales: defects.pos_sales.counts,
				web_orders: defects.web_orders.counts,
				inventory: defects.inventory.counts,
				shipments: defects.shipments.counts,
				products: {},
				stores: {},
				customers: {}
			},
			sales: {
				targetLines: this.world.config.salesLines,
				posLines: this.#posLines,
				webLines: this.#webLines,
				posInvoices: this.#pos.invoices,
				webOrders: this.#web.orders
			},
			snapshotEveryWeeks: this.#snapshots.cadenceWeeks,
			snapshots: this.#snapshots.snapshots,
			events: this.#events
		};
	}
}
