import { describe, expect, it } from 'vitest';
import { documentFromText, flattenLines } from './document';
import { findVendor } from './vendor';

const vendorOf = (text: string) => findVendor(flattenLines(documentFromText(text)))?.name ?? null;

describe('findVendor', () => {
  it('skips registration numbers, addresses, phones and titles', () => {
    expect(vendorOf('SIMPLIFIED TAX INVOICE\n99 SPEED MART S/B (519537-X)\nLOT P.T. 2811, JALAN ANGSA,\nTEL: 03-1234 5678')).toBe(
      '99 SPEED MART S/B',
    );
  });

  it('joins a name broken over lines', () => {
    expect(vendorOf('THE COFFEE HOUSE\n& TEA LEAF (M) SDN. BHD.\nCOMPANY NO.:441970-H')).toBe('THE COFFEE HOUSE & TEA LEAF (M) SDN. BHD.');
    expect(vendorOf('SUBANG HEALTH SDN\nBHD\nNO. 5, JALAN SS 15/4')).toBe('SUBANG HEALTH SDN BHD');
    expect(vendorOf('HOME HARDWARE &\nELECTRICAL\nNO.113G, JALAN SETIA')).toBe('HOME HARDWARE & ELECTRICAL');
  });

  it('prefers a legal-form line over a personal name written above it', () => {
    expect(vendorOf('TAN AH KOW\nMR HOME (M) SDN BHD\n(CO.REG : 933109-X)')).toBe('MR HOME (M) SDN BHD');
  });

  it('drops a document title and number joined onto the name line from a two-column header', () => {
    expect(vendorOf('Kestrel Byte Software Ltd   INVOICE\n14 Harbour Road')).toBe('Kestrel Byte Software Ltd');
    expect(vendorOf('Bäckerei Bergli   Bon-Nr. 89592\nMarktgasse 9   Datum: 02.05.2023')).toBe('Bäckerei Bergli');
    expect(vendorOf('Brightline Electronics   Receipt # 639121\n5500 Galleria Pkwy')).toBe('Brightline Electronics');
    expect(vendorOf('Boulangerie des Tilleuls   Ticket n° 816475\n14 rue des Tilleuls')).toBe('Boulangerie des Tilleuls');
  });

  it('returns null when the header holds no plausible name', () => {
    expect(vendorOf('TEL: 03-1234 5678\n25/12/2018\nTOTAL 9.00')).toBeNull();
  });
});
