// A throw-away self-signed certificate for the loopback HTTPS server, made at test time with the openssl CLI
// (present on Debian through the `openssl` package, which ca-certificates depends on). Names: every ESP host
// pattern (wildcards included) plus localhost, so both browsers see a certificate that at least names the site;
// trust comes from the browsers' "accept insecure certs" switches, never from changing a system store.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificate {
  key: string;
  cert: string;
}

export function makeSelfSignedCertificate(hostPatterns: readonly string[]): Certificate {
  const dir = mkdtempSync(join(tmpdir(), 'sieve-e2e-cert-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const names = [...new Set([...hostPatterns, 'localhost'])].map((name) => `DNS:${name}`);
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=scanner-sieve-e2e',
      '-addext', `subjectAltName=${names.join(',')},IP:127.0.0.1`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
}
