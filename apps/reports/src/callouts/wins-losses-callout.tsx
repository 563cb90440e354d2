import { useQuery } from '@pams/client-graphql';
import { OutcomesThisMonthDocument } from '@pams/client-reports-data-access';
import { Link } from '@pams/client-ui';

const usd = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const monthName = (month: string) => new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

/** "Wins & losses this month" (P-024): counts and MRR won in the viewer's scope, linking to the Wins & losses page. */
export function WinsLossesCallout() {
  const { data, error } = useQuery(OutcomesThisMonthDocument);
  const figures = data?.outcomesThisMonth;
  if (error || !figures) return null; // a callout: the page works without it
  return (
    <aside className="pams-panel" data-testid="wins-losses-callout" aria-label="Wins and losses this month">
      <strong>Wins & losses · {monthName(figures.month)}</strong>{' '}
      <span data-testid="callout-won">{figures.won} won</span> · <span data-testid="callout-lost">{figures.lost} lost</span> ·{' '}
      <span data-testid="callout-mrr">{usd.format(figures.wonMrr)} MRR won</span>{' '}
      <Link href={`/reports/outcomes?from=${figures.month}&to=${figures.month}`}>See them</Link>
    </aside>
  );
}
