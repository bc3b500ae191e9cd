/**
 * Statement specs → files and truth. Rows are listed in file order with the balance the file
 * prints (null when it has no balance column, as in OFX); header facts a format does not carry
 * (a CSV without preamble has no holder or period) are null. Opening and closing balances are
 * always given: where a file does not print them they follow from its balance column or, in OFX,
 * from the ledger balance less the transactions.
 */
import { documentId, type GeneratedDocument } from './documents';
import { renderOutput } from './output';
import { createRandom } from './random';
import { ofxName, statementCsv, statementOfx } from './statement-exports';
import { layoutStatementPdf } from './statement-pdf';
import { statementSpecs, type StatementSpec } from './statement-specs';
import { buildStatement, lastFour, type StatementData } from './statements';
import { assertConsistent, emptyTruth, type TruthRow, type TruthStatement } from './truth';

function truthStatement(data: StatementData, spec: StatementSpec): TruthStatement {
  const format = spec.format;
  const shows = format.kind === 'csv' ? format.shows : { accountName: format.kind === 'pdf', accountMask: true, period: true };
  const hasBalance = format.kind === 'pdf' || (format.kind === 'csv' && format.style.columns.some((column) => column.value === 'balance'));
  const rows: TruthRow[] = data.transactions.map((transaction) => ({
    date: transaction.date,
    description: format.kind === 'ofx' ? ofxName(transaction.description) : transaction.description,
    amountMinor: transaction.amountMinor,
    balanceMinor: hasBalance ? transaction.balanceMinor : null,
  }));
  if (format.kind === 'csv' && format.style.newestFirst) rows.reverse();
  return {
    accountName: shows.accountName ? data.account.holderName : null,
    accountMask: shows.accountMask ? lastFour(data.account.accountNumber) : null,
    periodStart: shows.period ? data.periodStart : null,
    periodEnd: shows.period ? data.periodEnd : null,
    openingMinor: data.openingMinor,
    closingMinor: data.closingMinor,
    rows,
  };
}

async function statementDocument(spec: StatementSpec, index: number): Promise<GeneratedDocument> {
  const id = documentId('s', index, spec.slug);
  const random = createRandom(id);
  const data = buildStatement(spec.account, random);
  let ext: string;
  let bytes: Uint8Array | string;
  let rendered: string;
  let format: string;
  if (spec.format.kind === 'pdf') {
    const pdf = await renderOutput(
      layoutStatementPdf(data, spec.format.style),
      { kind: 'pdf' },
      `${spec.account.bankName} statement`,
      random,
    );
    [ext, bytes, rendered, format] = [pdf.ext, pdf.bytes, pdf.description, 'PDF'];
  } else if (spec.format.kind === 'csv') {
    const delimiter = spec.format.style.delimiter === '\t' ? 'tab' : `"${spec.format.style.delimiter}"`;
    [ext, bytes, rendered, format] = ['csv', statementCsv(data, spec.format.style), `CSV, ${delimiter}-delimited`, 'CSV'];
  } else {
    const version = spec.format.style.version === '102' ? 'OFX 1.02 SGML' : 'OFX 2.2 XML';
    [ext, bytes, rendered, format] = [
      spec.format.ext,
      statementOfx(data, spec.format.style),
      version,
      spec.format.ext === 'qfx' ? 'QFX' : 'OFX',
    ];
  }
  const truth = emptyTruth(
    `${id}.${ext}`,
    'bank_statement',
    spec.account.currency,
    `${spec.description}; ${rendered}; bank: ${spec.account.bankName}`,
  );
  truth.statement = truthStatement(data, spec);
  assertConsistent(truth);
  return { id, ext, bytes, truth, format, degradations: [] };
}

export async function generateStatements(): Promise<GeneratedDocument[]> {
  const out: GeneratedDocument[] = [];
  for (const [index, spec] of statementSpecs.entries()) out.push(await statementDocument(spec, index));
  return out;
}
