/**
 * The built-in keyword map: the third categorizer (after the user's rules and vendor history).
 * Words a receipt, an invoice or a bank line commonly carries — in English, French, German and
 * Spanish — point at categories of the default chart (packages/db/src/demo.ts) by NAME, with
 * alternatives for charts that name them differently; a group counts only when the entity has one
 * of its categories. Matching is on whole words after folding case and accents, so "bar" never
 * matches "barber"; a keyword ending in `*` matches word prefixes (German compounds), and one with
 * a space matches that phrase. It only suggests: it never creates categories and never guesses
 * when no keyword is present.
 */

interface KeywordGroup {
  /** Category names to use, first one the entity has wins. */
  categories: readonly string[];
  keywords: readonly string[];
}

/** A comma-separated keyword list, already folded (see foldText). */
function list(strings: TemplateStringsArray): string[] {
  return strings.raw
    .join('')
    .split(',')
    .map((keyword) => keyword.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

// Order matters only to break ties: the more specific groups come first.
const groups: readonly KeywordGroup[] = [
  {
    categories: ['Fuel', 'Vehicle', 'Vehicle expenses', 'Car and truck', 'Auto', 'Travel'],
    keywords: list`
      fuel, petrol, gasoline, diesel, unleaded, gas station, filling station, shell, esso, bp, texaco, chevron, exxon,
      mobil, petronas, carburant, essence, gazole, sans plomb, station service, benzin, tankstelle*, kraftstoff, super e10,
      aral, gasolina, gasolinera, gasoleo, repsol, cepsa, agip, parking, parkhaus, parkgebuhr*, stationnement,
      aparcamiento, estacionamiento, peage, toll, maut, autopista, car wash, lavage auto, waschanlage
    `,
  },
  {
    categories: ['Travel', 'Transport', 'Transportation'],
    keywords: list`
      uber, lyft, taxi, cab, bolt, train, rail, railway, sncf, bahn, deutsche bahn, renfe, ouigo, eurostar, airline,
      airlines, flight, airport, aeroport, flughafen, aeropuerto, hotel, motel, hostel, airbnb, booking com, lodging,
      hebergement, unterkunft, alojamiento, billet, fahrkarte, fahrschein, vuelo, ryanair, easyjet, lufthansa, iberia,
      air france, vueling, car rental, hertz, avis, europcar, sixt, mietwagen, location voiture, alquiler de coche, tram,
      bus
    `,
  },
  {
    categories: ['Meals', 'Meals and entertainment', 'Food', 'Restaurants'],
    keywords: list`
      restaurant, restaurante, ristorante, cafe, coffee, kaffee, cafeteria, bistro, brasserie, bar, pub, diner, pizza,
      pizzeria, burger, sushi, bakery, boulangerie, backerei, panaderia, patisserie, starbucks, mcdonald s, mcdonalds, kfc,
      lunch, dinner, breakfast, dejeuner, petit dejeuner, comida, cena, almuerzo, desayuno, mittagessen, abendessen,
      fruhstuck, gaststatte, gasthaus, imbiss, trattoria, taqueria, tapas, cerveceria, food, kitchen, grill, noodle,
      noodles, ramen, kebab, doner, latte, cappuccino, espresso, croissant, sandwich, bocadillo, catering, traiteur
    `,
  },
  {
    categories: ['Office supplies', 'Office expenses', 'Supplies'],
    keywords: list`
      office supplies, office depot, officeworks, staples, stationery, paper, papier, papel, papeterie, papeleria, ink,
      toner, cartridge, printer, pen, pens, stylo, kugelschreiber, boligrafo, fournitures, burobedarf, schreibwaren,
      material de oficina, notebook, cahier, cuaderno, envelope, envelopes, enveloppe, folder, binder, classeur, ordner,
      stapler, agrafeuse, hefter, grapadora
    `,
  },
  {
    categories: ['Software', 'Software and subscriptions', 'Subscriptions'],
    keywords: list`
      software, subscription, abonnement, suscripcion, saas, license, licence, lizenz, licencia, hosting, domain, github,
      google workspace, microsoft, adobe, figma, slack, zoom, dropbox, notion, aws, amazon web services, atlassian,
      jetbrains, openai, digitalocean
    `,
  },
  {
    categories: ['Utilities', 'Phone and internet'],
    keywords: list`
      electricity, electric, electricite, strom, electricidad, energie, energy, energia, water bill, internet, broadband,
      telephone, phone, mobile, telecom, telekom, verizon, vodafone, movistar, comcast, edf, engie, iberdrola, endesa,
      stadtwerke
    `,
  },
  {
    categories: ['Rent', 'Rent and lease'],
    keywords: list`
      rent, lease, loyer, miete, alquiler, arrendamiento, landlord, bail
    `,
  },
  {
    categories: ['Professional fees', 'Legal and professional', 'Legal and professional fees'],
    keywords: list`
      lawyer, attorney, legal, accountant, accounting, bookkeeping, consulting, consultant, avocat, notaire, comptable,
      expert comptable, rechtsanwalt*, anwalt, steuerberater*, notar, abogado, asesor, asesoria, gestoria, notario,
      consultoria
    `,
  },
  {
    categories: ['Bank fees', 'Bank charges'],
    keywords: list`
      bank fee, account fee, wire fee, atm fee, overdraft, frais bancaires, frais de tenue, kontofuhrung*, bankgebuhr*,
      comision bancaria, comision de mantenimiento, cuota de mantenimiento
    `,
  },
  {
    categories: ['Advertising', 'Marketing'],
    keywords: list`
      advertising, ads, adwords, google ads, meta ads, facebook ads, marketing, publicite, publicidad, werbung, anzeige*,
      anuncio, anuncios, flyer, flyers
    `,
  },
];

/** Lower case, accents folded ("Bäckerei" → "backerei"), anything but letters and digits → one space. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function matches(keyword: string, folded: string, words: readonly string[]): boolean {
  if (keyword.endsWith('*')) return words.some((word) => word.startsWith(keyword.slice(0, -1)));
  return ` ${folded} `.includes(` ${keyword} `);
}

export interface KeywordMatch {
  /** The entity's category name, as spelled in its chart. */
  category: string;
  keyword: string;
}

/**
 * The category the most keywords point at. A hit in `strong` text (the vendor) counts double a hit in
 * `weak` text (line items); ties go to the earlier group. The keyword shown is the group's strongest
 * hit. Null when nothing matches a category the entity has.
 */
export function matchKeywords(
  text: { strong: readonly string[]; weak: readonly string[] },
  categoryNames: readonly string[],
): KeywordMatch | null {
  const byFoldedName = new Map(categoryNames.map((name) => [foldText(name), name]));
  const strong = foldText(text.strong.join(' '));
  const weak = foldText(text.weak.join(' '));
  const strongWords = strong.split(' ');
  const weakWords = weak.split(' ');
  let best: (KeywordMatch & { score: number }) | null = null;
  for (const group of groups) {
    const category = group.categories.map((name) => byFoldedName.get(foldText(name))).find((name) => name !== undefined);
    if (!category) continue;
    let score = 0;
    let shown: { keyword: string; hit: number } | null = null;
    for (const keyword of group.keywords) {
      const hit = (matches(keyword, strong, strongWords) ? 2 : 0) + (matches(keyword, weak, weakWords) ? 1 : 0);
      if (hit > (shown?.hit ?? 0)) shown = { keyword: keyword.replace(/\*$/, ''), hit };
      score += hit;
    }
    if (shown && score > (best?.score ?? 0)) best = { category, keyword: shown.keyword, score };
  }
  return best && { category: best.category, keyword: best.keyword };
}
