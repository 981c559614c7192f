// The bench's verdicts: one row per measure, printed as a table; any row not met fails the run.
export interface Row {
  measure: string;
  skylift: string;
  reference: string;
  ratio: string;
  target: string;
  met: boolean;
}

export class Verdicts {
  readonly rows: Row[] = [];

  add(row: Row): void {
    this.rows.push(row);
  }

  /** A section that could not be measured is a target missed, with its reason in the row. */
  failed(measure: string, target: string, error: unknown): void {
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 160);
    this.add({ measure, skylift: `failed: ${why}`, reference: '', ratio: '', target, met: false });
  }

  print(): void {
    const head: Row = { measure: 'measure', skylift: 'skylift', reference: 'reference', ratio: 'ratio', target: 'target', met: true };
    const cells = (r: Row, header = false) => [r.measure, r.skylift, r.reference, r.ratio, r.target, header ? 'met' : r.met ? 'met' : 'NOT MET'];
    const all = [cells(head, true), ...this.rows.map((r) => cells(r))];
    const widths = all[0]!.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
    const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
    console.log(`\n${line(all[0]!)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
    for (const c of all.slice(1)) console.log(line(c));
  }

  get allMet(): boolean {
    return this.rows.length > 0 && this.rows.every((r) => r.met);
  }
}
