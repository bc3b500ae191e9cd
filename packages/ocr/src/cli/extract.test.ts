/** The extract CLI as a user runs it: JSON Lines in input order, named errors, exit code. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { receiptPdf, receiptPng } from '../../test/samples';

const cli = fileURLToPath(new URL('./extract.ts', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'akount-extract-'));
const receipt = path.join(dir, 'receipt.txt');
writeFileSync(
  receipt,
  ['CORNER BISTRO SDN BHD', 'DATE: 19/10/2018', 'SUBTOTAL 56.89', 'GST 6% 3.41', 'TOTAL RM 60.30', 'CASH 100.00', 'CHANGE 39.70'].join(
    '\n',
  ),
);
const empty = path.join(dir, 'empty.txt');
writeFileSync(empty, '');
const binary = path.join(dir, 'binary.txt');
writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
const pdf = path.join(dir, 'receipt.pdf');
const photo = path.join(dir, 'receipt.png');
const statement = path.join(dir, 'march.csv');
writeFileSync(statement, ['Date,Description,Amount', '01/03/2024,Rent,-1200.00', '15/03/2024,Client payment,"2,400.00"'].join('\n'));
const badStatement = path.join(dir, 'broken.csv');
writeFileSync(badStatement, ['Date,Description,Amount', '01/03/2024,Rent,-1200.00', '15/03/2024,Client payment,twelve'].join('\n'));
beforeAll(async () => {
  writeFileSync(pdf, await receiptPdf());
  writeFileSync(photo, await receiptPng());
});

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return {
    code: result.status,
    lines: result.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
    stderr: result.stderr,
  };
}

describe('npm run extract', () => {
  it('prints one extraction per file, in input order, with named errors and exit 1', () => {
    const inputs = [receipt, empty, path.join(dir, 'missing.txt'), binary, pdf, photo, statement, badStatement, dir, receipt];
    const { code, lines } = run(...inputs);
    expect(code).toBe(1);
    expect(lines.map((line) => line.file)).toEqual(inputs);
    expect(lines[0]).toMatchObject({
      engine: 'local',
      total: { value: { amountMinor: 6030, currency: 'MYR' } },
      date: { value: '2018-10-19' },
    });
    expect(lines[1].error.code).toBe('EMPTY_FILE');
    expect(lines[2].error.code).toBe('NOT_FOUND');
    expect(lines[3].error).toMatchObject({
      code: 'UNSUPPORTED_TYPE',
      message: expect.stringContaining('not a PDF, PNG, JPEG or text file'),
    });
    const receiptFields = { total: { value: { amountMinor: 732, currency: 'GBP' } }, date: { value: '2024-03-14' } };
    expect(lines[4]).toMatchObject(receiptFields);
    expect(lines[5]).toMatchObject(receiptFields);
    expect(lines[6]).toMatchObject({ docType: { value: 'bank_statement' } });
    expect(lines[6].statement.rows.map((row: { amount: { value: { amountMinor: number } } }) => row.amount.value.amountMinor)).toEqual([
      -120000, 240000,
    ]);
    expect(lines[7].error).toMatchObject({ code: 'BAD_STATEMENT', line: 3 });
    expect(lines[8].error).toMatchObject({ code: 'UNREADABLE', message: 'this is a folder, not a file' });
    expect(lines[9]).toEqual(lines[0]);
  });

  it('exits 0 when every file was read', () => {
    const { code, lines } = run(receipt);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
  });

  it('prints usage and exits 2 without files', () => {
    const { code, stderr } = run();
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run extract');
  });
});
