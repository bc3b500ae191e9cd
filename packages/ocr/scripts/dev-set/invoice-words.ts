/**
 * The words business invoices print, per language. `{n}`, `{total}` and `{days}` are filled in
 * by the layout.
 */

export interface InvoiceWords {
  title: string;
  number: string;
  date: string;
  due: string;
  billTo: string;
  description: string;
  qty: string;
  unitPrice: string;
  amount: string;
  subtotal: string;
  discount: string;
  total: string;
  page: string;
  continued: string;
  terms: string;
  thanks: string;
}

export const invoiceEnglish: InvoiceWords = {
  title: 'INVOICE',
  number: 'Invoice No:',
  date: 'Invoice Date:',
  due: 'Due Date:',
  billTo: 'Bill To:',
  description: 'Description',
  qty: 'Qty',
  unitPrice: 'Unit Price',
  amount: 'Amount',
  subtotal: 'Subtotal',
  discount: 'Discount',
  total: 'Total Due',
  page: 'Page {n} of {total}',
  continued: '(continued)',
  terms: 'Payment terms: net {days} days.',
  thanks: 'Thank you for your business.',
};

export const invoiceGerman: InvoiceWords = {
  title: 'RECHNUNG',
  number: 'Rechnungsnummer:',
  date: 'Rechnungsdatum:',
  due: 'Fällig am:',
  billTo: 'Rechnungsempfänger:',
  description: 'Beschreibung',
  qty: 'Menge',
  unitPrice: 'Einzelpreis',
  amount: 'Betrag',
  subtotal: 'Zwischensumme (netto)',
  discount: 'Rabatt',
  total: 'Gesamtbetrag',
  page: 'Seite {n} von {total}',
  continued: '(Fortsetzung)',
  terms: 'Zahlbar innerhalb von {days} Tagen ohne Abzug.',
  thanks: 'Vielen Dank für Ihren Auftrag.',
};

export const invoiceFrench: InvoiceWords = {
  title: 'FACTURE',
  number: 'N° de facture :',
  date: 'Date de facture :',
  due: "Date d'échéance :",
  billTo: 'Facturé à :',
  description: 'Désignation',
  qty: 'Qté',
  unitPrice: 'Prix unitaire HT',
  amount: 'Montant HT',
  subtotal: 'Total HT',
  discount: 'Remise',
  total: 'Total TTC',
  page: 'Page {n} sur {total}',
  continued: '(suite)',
  terms: 'Paiement à {days} jours. Pénalités de retard : 3 fois le taux légal.',
  thanks: 'Merci pour votre confiance.',
};

export const invoiceSpanish: InvoiceWords = {
  title: 'FACTURA',
  number: 'Nº de factura:',
  date: 'Fecha de factura:',
  due: 'Fecha de vencimiento:',
  billTo: 'Facturar a:',
  description: 'Concepto',
  qty: 'Cant.',
  unitPrice: 'Precio unitario',
  amount: 'Importe',
  subtotal: 'Base imponible',
  discount: 'Descuento',
  total: 'Total factura',
  page: 'Página {n} de {total}',
  continued: '(continuación)',
  terms: 'Pago a {days} días mediante transferencia.',
  thanks: 'Gracias por su confianza.',
};
