/**
 * How many reorder alerts the Inventory page opens with, by suggested cost, largest first: its report carries
 * them (InventoryReport.firstAlerts). A module of its own, so the page's state reads it without the queries.
 */
export const FIRST_ALERTS = 25;
