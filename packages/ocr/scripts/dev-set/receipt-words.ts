/**
 * The words receipts print, per language. Specs start from one of these and override the total
 * label or the payment words to vary the traps.
 */

export interface ReceiptWords {
  subtotal: string;
  net: string;
  total: string;
  tip: string;
  cash: string;
  change: string;
  card: string;
  discount: string;
  thanks: string;
  receipt: string;
  date: string;
  time: string;
  item: string;
  qty: string;
  price: string;
  amount: string;
}

export const english: ReceiptWords = {
  subtotal: 'Subtotal',
  net: 'Net',
  total: 'TOTAL',
  tip: 'Tip',
  cash: 'Cash',
  change: 'Change',
  card: 'VISA',
  discount: 'Discount',
  thanks: 'Thank you for your visit!',
  receipt: 'Receipt #',
  date: 'Date:',
  time: 'Time:',
  item: 'Item',
  qty: 'Qty',
  price: 'Price',
  amount: 'Amount',
};

export const british: ReceiptWords = {
  ...english,
  subtotal: 'Sub-total',
  cash: 'Cash tendered',
  change: 'Change due',
  card: 'Mastercard',
  thanks: 'Thank you - please call again',
  receipt: 'Receipt',
};

export const french: ReceiptWords = {
  subtotal: 'Sous-total',
  net: 'Total HT',
  total: 'Total TTC',
  tip: 'Pourboire',
  cash: 'Espèces',
  change: 'Rendu monnaie',
  card: 'CB',
  discount: 'Remise fidélité',
  thanks: 'Merci de votre visite',
  receipt: 'Ticket n°',
  date: 'Date :',
  time: 'Heure :',
  item: 'Article',
  qty: 'Qté',
  price: 'P.U.',
  amount: 'Montant',
};

export const german: ReceiptWords = {
  subtotal: 'Zwischensumme',
  net: 'Netto',
  total: 'SUMME',
  tip: 'Trinkgeld',
  cash: 'Gegeben BAR',
  change: 'Rückgeld',
  card: 'Girocard',
  discount: 'Rabatt',
  thanks: 'Vielen Dank für Ihren Einkauf',
  receipt: 'Bon-Nr.',
  date: 'Datum:',
  time: 'Uhrzeit:',
  item: 'Artikel',
  qty: 'Menge',
  price: 'Preis',
  amount: 'Betrag',
};

export const spanish: ReceiptWords = {
  subtotal: 'Subtotal',
  net: 'Base imponible',
  total: 'Importe total',
  tip: 'Propina',
  cash: 'Entregado',
  change: 'Cambio',
  card: 'Tarjeta',
  discount: 'Descuento',
  thanks: 'Gracias por su visita',
  receipt: 'Ticket',
  date: 'Fecha:',
  time: 'Hora:',
  item: 'Artículo',
  qty: 'Cant.',
  price: 'Precio',
  amount: 'Importe',
};
