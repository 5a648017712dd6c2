// What a lab has scanned out of a box so far against the box's list: found, still missing, not on
// the list. A preview while scanning; the receipt's answer from the server is the record.
export interface ScanTally {
  found: string[];
  missing: string[];
  unexpected: string[];
}

export function tallyScan(listed: readonly string[], scanned: readonly string[]): ScanTally {
  const seen = new Set(scanned);
  const onList = new Set(listed);
  return {
    found: listed.filter((c) => seen.has(c)),
    missing: listed.filter((c) => !seen.has(c)),
    unexpected: [...seen].filter((c) => !onList.has(c)),
  };
}
