/**
 * Invented transaction descriptions for bank statements, per language, with amount ranges in
 * minor units. Salary, rent and the account fee recur once a month; the rest are drawn at random.
 */

export type TransactionTemplate = readonly [description: string, minMinor: number, maxMinor: number];

export interface DescriptionPool {
  salary: TransactionTemplate;
  rent: TransactionTemplate;
  /** Charged once a month, on the last day. */
  fee: TransactionTemplate;
  credits: readonly TransactionTemplate[];
  debits: readonly TransactionTemplate[];
}

export const pools = {
  en: {
    fee: ['MONTHLY ACCOUNT FEE', 500, 1200],
    salary: ['PAYROLL HALCYON FREIGHT LTD', 280000, 360000],
    rent: ['STANDING ORDER RENT FLAT 2', 95000, 140000],
    credits: [
      ['TRANSFER FROM J OKAFOR', 2000, 15000],
      ['REFUND NORTHBRIDGE OUTFITTERS', 1500, 9000],
      ['FASTER PAYMENT M DAVIES', 2500, 30000],
    ],
    debits: [
      ['CARD PAYMENT GREENLEAF MARKET', 1200, 9800],
      ['DIRECT DEBIT CITY WATER', 2800, 4900],
      ['ATM WITHDRAWAL HIGH STREET', 2000, 20000],
      ['CARD PAYMENT FUEL STOP 24', 3000, 7500],
      ['ONLINE TRANSFER TO SAVINGS', 5000, 40000],
      ['CARD PAYMENT CORNER CAFE', 280, 1400],
      ['DIRECT DEBIT MOBILE PLUS', 1500, 4500],
      ['DIRECT DEBIT HOMESAFE INSURANCE', 2500, 7800],
      ['CARD PAYMENT BOOKS & MORE', 900, 4500],
      ['CONTACTLESS METRO TRANSIT', 250, 1200],
      ['DIRECT DEBIT BRIGHTWAVE ENERGY', 6000, 14000],
    ],
  },
  us: {
    fee: ['Monthly Service Fee', 1200, 1500],
    salary: ['Direct Deposit - Tallgrass Labs Payroll', 260000, 420000],
    rent: ['Online Payment - Maple Court Apartments', 140000, 210000],
    credits: [
      ['Zelle From Dana Whitfield', 2000, 25000],
      ['Mobile Check Deposit', 5000, 60000],
      ['Refund - Summit Gear Outlet', 1500, 12000],
    ],
    debits: [
      ['Debit Card Purchase - Greenleaf Market', 1500, 16000],
      ['ATM Withdrawal - 5th & Main', 2000, 20000],
      ['Debit Card Purchase - Route 9 Diner', 1200, 6000],
      ['ACH Debit - Lakeside Power & Light', 7000, 18000],
      ['ACH Debit - Clearview Wireless', 4500, 9500],
      ['Debit Card Purchase - QuickFuel #221', 2500, 7500],
      ['Online Transfer to Savings ...8842', 10000, 50000],
      ['Check #1042', 5000, 45000],
      ['Debit Card Purchase - Brightline Electronics', 2000, 30000],
      ['ACH Debit - Evergreen Auto Loan', 28000, 42000],
    ],
  },
  de: {
    fee: ['Kontoführungsentgelt', 495, 995],
    salary: ['Gehalt Märzen Logistik GmbH', 280000, 390000],
    rent: ['Dauerauftrag Miete Hausverwaltung Krause', 85000, 125000],
    credits: [
      ['Gutschrift Überweisung L. Becker', 2000, 20000],
      ['Erstattung Krankenkasse', 1500, 12000],
    ],
    debits: [
      ['Kartenzahlung Frischmarkt Lindenhof', 1200, 9500],
      ['Lastschrift Stadtwerke Nordhafen', 6000, 13000],
      ['Bargeldauszahlung GAA Marktplatz', 2000, 20000],
      ['Lastschrift Funkwelle Mobilfunk', 1500, 4500],
      ['Kartenzahlung Tankstelle am Ring', 3000, 8500],
      ['Lastschrift Rundfunkbeitrag', 1836, 1836],
      ['Kartenzahlung Bäckerei Sonnenkorn', 250, 1500],
      ['Überweisung Sportverein Eintracht', 1500, 4000],
      ['Lastschrift Versicherung Hanse Direkt', 2500, 8000],
    ],
  },
  fr: {
    fee: ['FRAIS TENUE DE COMPTE', 250, 900],
    salary: ['VIR SALAIRE ATELIERS MOREAU', 210000, 320000],
    rent: ['PRLV SEPA LOYER SCI LES ACACIAS', 75000, 115000],
    credits: [
      ['VIR SEPA RECU DE M. LEROY MOTIF REMBOURSEMENT VACANCES', 2000, 18000],
      ['REMBOURSEMENT MUTUELLE SANTE', 1500, 9000],
      ['VIR CAF ALLOCATIONS', 10000, 25000],
    ],
    debits: [
      ['CB EPICERIE DU CANAL', 800, 9000],
      ['PRLV SEPA ENERGIE DU SUD ECHEANCE MENSUELLE', 5000, 12000],
      ['RETRAIT DAB PLACE CLICHY', 2000, 15000],
      ['CB BOULANGERIE DES TILLEULS', 250, 1500],
      ['PRLV SEPA TELECOM HORIZON', 1999, 4999],
      ['CB STATION SERVICE RN7', 3000, 8000],
      ['CB LIBRAIRIE DU MARCHE', 1200, 4500],
      ['PRLV SEPA ASSURANCE HABITATION', 1800, 4500],
    ],
  },
  es: {
    fee: ['COMISION MANTENIMIENTO', 300, 1200],
    salary: ['NOMINA TALLERES MONCAYO SA', 180000, 260000],
    rent: ['RECIBO ALQUILER VIVIENDA', 65000, 95000],
    credits: [
      ['TRANSFERENCIA DE LUCIA MARIN', 2000, 15000],
      ['BIZUM RECIBIDO PABLO', 500, 6000],
      ['DEVOLUCION COMPRA', 1500, 7000],
    ],
    debits: [
      ['COMPRA TARJ. SUPERMERCADO EL NARANJO', 1200, 9000],
      ['RECIBO LUZ ENERGIAS DEL EBRO', 4500, 11000],
      ['REINTEGRO CAJERO', 2000, 15000],
      ['RECIBO TELEFONIA MOVIL', 1500, 4500],
      ['COMPRA TARJ. CASA LUCIA TABERNA', 1500, 6000],
      ['RECIBO SEGURO HOGAR', 1800, 5000],
      ['COMPRA TARJ. GASOLINERA SUR', 3000, 8000],
    ],
  },
  my: {
    fee: ['SERVICE CHARGE', 200, 500],
    salary: ['SALARY CREDIT CAHAYA TEKNIK', 450000, 720000],
    rent: ['IBG TRANSFER RENT TAMAN MELATI', 120000, 180000],
    credits: [
      ['DUITNOW TRANSFER FROM AHMAD', 2000, 30000],
      ['CASH DEPOSIT CDM', 5000, 50000],
    ],
    debits: [
      ['POS PURCHASE KEDAI RUNCIT MAJU', 1500, 15000],
      ['ATM WITHDRAWAL KLANG', 5000, 50000],
      ['JOMPAY ELEKTRIK NEGERI', 8000, 25000],
      ['JOMPAY FIBREHOME BROADBAND', 12900, 19900],
      ['POS PURCHASE PETROL STATION', 3000, 12000],
      ['DUITNOW QR RESTORAN SELERA', 800, 4500],
      ['IBG TRANSFER TO SAVINGS', 20000, 100000],
    ],
  },
} satisfies Record<string, DescriptionPool>;

export type PoolName = keyof typeof pools;
