// The recipient's mail stack (from its MX, opt-in) as a prior: tenants behind Microsoft 365 Safe Links,
// Proofpoint, Mimecast, Barracuda, Cisco, MessageLabs or Trend Micro have their links scanned on arrival.
import type { MailHost } from '../../shared/types';
import { addEvidence, type ClassifierContext, type Evidence } from '../context';
import { declareSignal, parametricCode } from '../signal';

export const MAIL_HOST_SIGNAL = declareSignal({
  id: 'mail-host',
  stage: 'event',
  reasons: {
    "mail-host": "The recipient's mail is hosted behind a link-scanning security service.",
  },
  // Gets `:<host>`.
  evidence: {
    SCANNING_HOST: { code: 'mail-host', weight: 0.5, kind: 'neutral', weak: true, context: true },
  },
});

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
  for (const [recipient, indices] of ctx.byRecipient.entries()) {
    const at = recipient.lastIndexOf('@');
    const domain = at >= 0 ? recipient.slice(at + 1) : recipient;
    const host = Object.prototype.hasOwnProperty.call(hosts, domain) ? hosts[domain] : undefined;
    if (host === undefined || !SCANNING_HOSTS.has(host)) continue;
    let evidence = byHost.get(host);
    if (evidence === undefined) byHost.set(host, (evidence = { ...MAIL_HOST_SIGNAL.evidence.SCANNING_HOST, code: parametricCode(MAIL_HOST_SIGNAL, 'mail-host', host) }));
    for (const i of indices) addEvidence(ctx, i, evidence);
  }
}
