/**
 * What was read beyond the editable fields, shown for checking: the other header fields with
 * their confidence, a receipt's line items, and a statement's rows with an include box each
 * (unticked rows become `excludeRows`). Duplicates are not marked: the API only finds them when
 * posting (it skips rows already on the account), so the page does not guess beforehand.
 */
import type { ConsistencyCheck, Extraction, Field, Money } from '@akount/contracts';
import { formatMoney } from '@/money';
import { confidenceText, flagField, lowConfidence } from './confidence';

const money = (value: Money) => formatMoney(value.amountMinor, value.currency);

function Detail({
  label,
  field,
  words,
  checks,
  show,
}: {
  label: string;
  field: Field<unknown> | null | undefined;
  words: string[];
  checks: ConsistencyCheck[];
  show: string;
}) {
  const flag = flagField(field, checks, words);
  return (
    <div className="review-detail" data-low={flag.low || undefined}>
      <dt>{label}</dt>
      <dd>
        {show}{' '}
        <span className="review-confidence" data-low={flag.low || undefined}>
          {confidenceText(flag.confidence)}
        </span>
        {flag.low && <span className="review-why"> Check this: {flag.reasons.join('; ')}.</span>}
      </dd>
    </div>
  );
}

export function HeaderDetails({ data, statement }: { data: Extraction; statement: boolean }) {
  const { checks } = data;
  const text = (field: Field<string> | null | undefined) => field?.value;
  const rows: { label: string; field: Field<unknown> | null | undefined; words: string[]; show: string | null | undefined }[] = [
    { label: 'Invoice number', field: data.invoiceNumber, words: ['invoice'], show: text(data.invoiceNumber) },
    { label: 'Vendor tax ID', field: data.vendorTaxId, words: [], show: text(data.vendorTaxId) },
    { label: 'Due date', field: data.dueDate, words: ['due'], show: text(data.dueDate) },
    { label: 'Payment method', field: data.paymentMethod, words: ['payment'], show: text(data.paymentMethod) },
    { label: 'Subtotal', field: data.subtotal, words: ['subtotal'], show: data.subtotal && money(data.subtotal.value) },
    ...(data.taxes ?? []).map((tax) => ({
      label: `${tax.kind}${tax.rate != null ? ` ${tax.rate}%` : ''}`,
      field: tax.amount,
      words: ['tax', 'taxes'],
      show: money(tax.amount.value),
    })),
    { label: 'Tip', field: data.tip, words: ['tip'], show: data.tip && money(data.tip.value) },
  ];
  const found = rows.filter((row) => row.show !== undefined && row.show !== null);
  const failed = checks.filter((check) => !check.passed);
  return (
    <section className="stack review-section" aria-labelledby="details-title">
      <h2 id="details-title" className="review-h2">
        {statement ? 'Checks' : 'Also read'}
      </h2>
      {found.length > 0 && (
        <dl className="review-details">
          {found.map((row) => (
            <Detail key={row.label} label={row.label} field={row.field} words={row.words} checks={checks} show={row.show ?? ''} />
          ))}
        </dl>
      )}
      {found.length === 0 && !statement && <p className="muted">Nothing else was read from this document.</p>}
      {checks.length > 0 && (
        <p className={failed.length > 0 ? 'review-why' : 'muted review-small'}>
          {failed.length > 0
            ? `Checks that failed: ${failed.map((check) => check.name).join(', ')}.`
            : `All ${checks.length} consistency checks passed.`}
        </p>
      )}
    </section>
  );
}

export function LineItems({ data }: { data: Extraction }) {
  const items = data.lineItems ?? [];
  if (items.length === 0) return null;
  return (
    <section className="review-section" aria-labelledby="items-title">
      <h2 id="items-title" className="review-h2">
        Line items
      </h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Description</th>
              <th scope="col" className="num">
                Qty
              </th>
              <th scope="col" className="num">
                Unit price
              </th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <tr key={index} data-low={item.amount.confidence < lowConfidence || undefined}>
                <td>{item.description.value}</td>
                <td className="num">{item.quantity?.value ?? '—'}</td>
                <td className="num">{item.unitPrice ? money(item.unitPrice.value) : '—'}</td>
                <td className="num">
                  {money(item.amount.value)} <span className="review-confidence">{confidenceText(item.amount.confidence)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function StatementRows({
  data,
  excluded,
  onToggle,
  disabled,
}: {
  data: Extraction;
  excluded: ReadonlySet<number>;
  onToggle: (row: number) => void;
  disabled: boolean;
}) {
  const statement = data.statement;
  if (!statement) return null;
  const period = [statement.periodStart?.value, statement.periodEnd?.value].filter(Boolean).join(' to ');
  const included = statement.rows.length - excluded.size;
  return (
    <section className="review-section stack" aria-labelledby="rows-title">
      <h2 id="rows-title" className="review-h2">
        Statement rows
      </h2>
      <p className="muted">
        {[statement.accountName?.value, statement.accountMask?.value, period].filter(Boolean).join(' · ')}
        {statement.openingBalance && ` · opening ${money(statement.openingBalance.value)}`}
        {statement.closingBalance && ` · closing ${money(statement.closingBalance.value)}`}
      </p>
      <p className="muted review-small" aria-live="polite">
        {included} of {statement.rows.length} rows will be imported. Rows already on the account are skipped when posting.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Import</th>
              <th scope="col">Date</th>
              <th scope="col">Description</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col" className="num">
                Balance
              </th>
            </tr>
          </thead>
          <tbody>
            {statement.rows.map((row, index) => {
              const low = Math.min(row.date.confidence, row.amount.confidence, row.description.confidence) < lowConfidence;
              return (
                <tr key={index} data-excluded={excluded.has(index) || undefined} data-low={low || undefined}>
                  <td>
                    <input
                      type="checkbox"
                      checked={!excluded.has(index)}
                      onChange={() => onToggle(index)}
                      disabled={disabled}
                      aria-label={`Import row ${index + 1}: ${row.date.value} ${row.description.value} ${money(row.amount.value)}`}
                    />
                  </td>
                  <td className="review-nowrap">{row.date.value}</td>
                  <td>
                    {row.description.value}
                    {low && <span className="review-why"> low confidence</span>}
                  </td>
                  <td className={`num ${row.amount.value.amountMinor < 0 ? 'negative' : 'positive'}`}>{money(row.amount.value)}</td>
                  <td className="num">{row.balance ? money(row.balance.value) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
