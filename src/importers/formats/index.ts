// The JSON export formats, one file each. Order matters only for ties in detection: specific first.
import type { JsonRecordFormat } from '../types';
import { brevo } from './brevo';
import { genericJson } from './generic-json';
import { hubspot } from './hubspot';
import { iterable } from './iterable';
import { mailchimp } from './mailchimp';
import { mailgun } from './mailgun';
import { mailjet } from './mailjet';
import { postmark } from './postmark';
import { sendgridWebhook } from './sendgrid-webhook';
import { ses } from './ses';

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
  genericJson, // last: only when no specific format recognises the records
];

export function jsonFormatByName(name: string): JsonRecordFormat | undefined {
  return JSON_FORMATS.find((format) => format.name === name);
}
