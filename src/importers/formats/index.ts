// The JSON export formats, one file each. Order matters only for ties in detection: specific first.
import type { JsonRecordFormat } from '../types';
import { brevo } from './brevo';
import { campaignMonitor } from './campaign-monitor';
import { customerio } from './customerio';
import { genericJson } from './generic-json';
import { hubspot } from './hubspot';
import { iterable } from './iterable';
import { klaviyo } from './klaviyo';
import { mailchimp } from './mailchimp';
import { mailgun } from './mailgun';
import { mailjet } from './mailjet';
import { mandrill } from './mandrill';
import { marketo } from './marketo';
import { postmark } from './postmark';
import { sendgridWebhook } from './sendgrid-webhook';
import { ses } from './ses';
import { sparkpost } from './sparkpost';

export const JSON_FORMATS: readonly JsonRecordFormat[] = [
  sendgridWebhook,
  mailgun,
  postmark,
  mailchimp,
  brevo,
  mailjet,
  ses,
  iterable,
  hubspot,
  mandrill,
  sparkpost,
  customerio,
  klaviyo,
  marketo,
  campaignMonitor,
  genericJson, // last: only when no specific format recognises the records
];

export function jsonFormatByName(name: string): JsonRecordFormat | undefined {
  return JSON_FORMATS.find((format) => format.name === name);
}
