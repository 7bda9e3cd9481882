// The recipient's mail stack (from its MX, opt-in) as a prior: tenants behind Microsoft 365 Safe Links,
// Proofpoint, Mimecast, Barracuda, Cisco, MessageLabs or Trend Micro have their links scanned on arrival.
import type { MailHost } from '../../shared/types';
import { addEvidence, type ClassifierContext, type Evidence } from '../context';

const SCANNING_HOSTS = new Set<MailHost>([
  'microsoft365',
  'proofpoint',
  'mimecast',
  'barracuda',
  'cisco',
  'messagelabs',
  'trendmicro',
]);

export function mailHostSignal(ctx: ClassifierContext): void {
  const hosts = ctx.recipientMailHosts;
  if (hosts === undefined) return;
  const byHost = new Map<MailHost, Evidence>();
  for (const [recipient, indices] of ctx.byRecipient) {
    const at = recipient.lastIndexOf('@');
    const domain = at >= 0 ? recipient.slice(at + 1) : recipient;
    const host = Object.prototype.hasOwnProperty.call(hosts, domain) ? hosts[domain] : undefined;
    if (host === undefined || !SCANNING_HOSTS.has(host)) continue;
    let evidence = byHost.get(host);
    if (evidence === undefined) byHost.set(host, (evidence = { code: `mail-host:${host}`, weight: 0.5, kind: 'neutral', weak: true, context: true }));
    for (const i of indices) addEvidence(ctx, i, evidence);
  }
}
