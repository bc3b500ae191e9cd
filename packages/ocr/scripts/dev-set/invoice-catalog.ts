/**
 * Invented services and goods for invoices, with unit price ranges in minor units of a
 * two-decimal currency; `hours` lines may have half-hour quantities.
 */

export type InvoiceItem = readonly [description: string, minMinor: number, maxMinor: number, unit: 'hours' | 'units'];

export const invoiceCatalogs = {
  servicesEn: [
    ['Strategy workshop (half day)', 95000, 180000, 'units'],
    ['Consulting', 12000, 22000, 'hours'],
    ['UX design', 9000, 15000, 'hours'],
    ['Website hosting (monthly)', 2900, 9900, 'units'],
    ['Software licence - annual seat', 24000, 60000, 'units'],
    ['Copywriting', 7500, 12000, 'hours'],
    ['Project management', 8500, 14000, 'hours'],
    ['Travel expenses', 15000, 60000, 'units'],
    ['Data migration (fixed fee)', 50000, 250000, 'units'],
    ['Support retainer', 150000, 300000, 'units'],
    ['Photography day rate', 80000, 150000, 'units'],
    ['Print run A5 flyers x1000', 18000, 35000, 'units'],
  ],
  goodsEn: [
    ['M8 hex bolts (box of 100)', 1450, 2900, 'units'],
    ['Hydraulic hose 2m', 3800, 7200, 'units'],
    ['Safety gloves (pair)', 450, 1200, 'units'],
    ['LED panel 60x60', 3200, 6500, 'units'],
    ['Cable ties 300mm (100)', 550, 1100, 'units'],
    ['Pallet delivery', 6500, 12000, 'units'],
    ['Copier paper A4 (box)', 2400, 3900, 'units'],
    ['Toner cartridge black', 6900, 13900, 'units'],
    ['Ergonomic office chair', 24900, 49900, 'units'],
    ['Desk 160x80 oak', 29900, 59900, 'units'],
    ['Printer ink set', 3500, 8900, 'units'],
    ['USB-C cable 2m', 900, 1900, 'units'],
    ['Label printer rolls', 1200, 2600, 'units'],
    ['Workbench mat', 4500, 8200, 'units'],
  ],
  servicesDe: [
    ['Beratung', 9500, 16000, 'hours'],
    ['Konzeption Website', 120000, 350000, 'units'],
    ['Grafikdesign', 7500, 12000, 'hours'],
    ['Hosting Jahrespaket', 18000, 48000, 'units'],
    ['Fachbuch "Buchhaltung kompakt"', 2490, 4990, 'units'],
    ['Schulung vor Ort (Tag)', 90000, 160000, 'units'],
    ['Reisekosten pauschal', 12000, 30000, 'units'],
    ['Lektorat', 6500, 9500, 'hours'],
    ['Druck Broschüren (500 Stk.)', 35000, 68000, 'units'],
  ],
  servicesFr: [
    ['Prestation de conseil (jour)', 60000, 120000, 'units'],
    ['Développement web', 5500, 9000, 'hours'],
    ['Maintenance mensuelle', 15000, 45000, 'units'],
    ['Formation équipe (demi-journée)', 45000, 80000, 'units'],
    ['Ouvrages techniques', 2500, 6000, 'units'],
    ['Frais de déplacement', 8000, 25000, 'units'],
    ['Rédaction de contenus', 4500, 7500, 'hours'],
    ['Hébergement annuel', 12000, 36000, 'units'],
  ],
  servicesEs: [
    ['Asesoría fiscal trimestral', 25000, 60000, 'units'],
    ['Horas de consultoría', 6000, 11000, 'hours'],
    ['Diseño de logotipo', 45000, 90000, 'units'],
    ['Mantenimiento web (mes)', 9000, 25000, 'units'],
    ['Traducción técnica', 7000, 12000, 'units'],
    ['Gastos de desplazamiento', 5000, 20000, 'units'],
    ['Auditoría de sistemas', 120000, 300000, 'units'],
    ['Material de oficina', 1500, 6000, 'units'],
  ],
} satisfies Record<string, readonly InvoiceItem[]>;

export type InvoiceCatalogName = keyof typeof invoiceCatalogs;
