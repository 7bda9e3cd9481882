// The network block an address belongs to for "same network" comparisons: IPv4 /24, IPv6 /48 (the usual
// allocation to one site). Text-only and forgiving: unparsable input yields undefined, never throws.

export function ipBlockKey(ip: string | undefined): string | undefined {
  if (ip === undefined) return undefined;
  const address = ip.trim().toLowerCase();
  const v4 = /(?:^|:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4 !== null) {
    const octets = v4.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return `${octets[0]}.${octets[1]}.${octets[2]}`;
  }
  if (!address.includes(':') || !/^[0-9a-f:]+$/.test(address)) return undefined;
  const [head = ''] = address.split('::');
  const groups = head === '' ? [] : head.split(':');
  if (groups.some((g) => g.length > 4)) return undefined;
  while (groups.length < 3) groups.push('0');
  return groups
    .slice(0, 3)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':');
}
