/**
 * Income against expense per month as grouped bars, drawn as SVG on the
 * server (no chart library, no client JavaScript). Bar heights are relative,
 * so floats here are only pixels; the labels show exact money.
 */
import { formatMoney } from '@/money';

export interface MonthBar {
  month: string;
  incomeMinor: number;
  expenseMinor: number;
}

const monthLabel = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleString('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' });

export function IncomeExpenseChart({ months, currency }: { months: MonthBar[]; currency: string }) {
  const max = Math.max(1, ...months.flatMap((month) => [month.incomeMinor, month.expenseMinor]));
  const width = Math.max(320, months.length * 72);
  const height = 180;
  const barWidth = 24;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height + 28}`} role="img" aria-labelledby="chart-title chart-desc" width="100%">
        <title id="chart-title">Income and expense by month</title>
        <desc id="chart-desc">
          {months
            .map(
              (month) =>
                `${monthLabel(month.month)}: income ${formatMoney(month.incomeMinor, currency)}, expense ${formatMoney(month.expenseMinor, currency)}`,
            )
            .join('; ')}
        </desc>
        {months.map((month, index) => {
          const x = index * 72 + 12;
          const income = (month.incomeMinor / max) * height;
          const expense = (month.expenseMinor / max) * height;
          return (
            <g key={month.month}>
              <rect x={x} y={height - income} width={barWidth} height={income} className="bar-income">
                <title>{`Income ${formatMoney(month.incomeMinor, currency)}`}</title>
              </rect>
              <rect x={x + barWidth + 4} y={height - expense} width={barWidth} height={expense} className="bar-expense">
                <title>{`Expense ${formatMoney(month.expenseMinor, currency)}`}</title>
              </rect>
              <text x={x + barWidth} y={height + 18} textAnchor="middle" className="chart-label">
                {monthLabel(month.month)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span className="swatch bar-income" aria-hidden="true" /> Income <span className="swatch bar-expense" aria-hidden="true" /> Expense
      </figcaption>
    </figure>
  );
}
