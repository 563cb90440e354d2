export interface MailedOutcome {
  accountName: string;
  projectName: string;
  result: string;
  month: string;
  mrrAmount: string | null;
  currency: string | null;
}

/** The presales owner's notice (plain text: the outbox sends it as is). */
export function outcomeMail(ownerName: string, outcomes: MailedOutcome[], fileName: string, appliedBy: string): { subject: string; text: string } {
  const won = outcomes.filter((o) => o.result === 'WON').length;
  const lost = outcomes.length - won;
  const subject = `PAMS: ${[won ? `${won} win${won > 1 ? 's' : ''}` : '', lost ? `${lost} loss${lost > 1 ? 'es' : ''}` : ''].filter(Boolean).join(' and ')} recorded on your projects`;
  const lines = outcomes.map(
    (o) => `- ${o.accountName} / ${o.projectName}: ${o.result === 'WON' ? 'won' : 'lost'} in ${o.month}${o.mrrAmount !== null ? `, MRR ${o.mrrAmount} ${o.currency ?? ''}`.trimEnd() : ''}`,
  );
  const text = [
    `Hello ${ownerName},`,
    '',
    `${appliedBy} recorded these outcomes from the CRM export "${fileName}":`,
    ...lines,
    '',
    'Open the project in PAMS to add the competitors, the presales user who won it, or correct anything.',
  ].join('\n');
  return { subject, text };
}
