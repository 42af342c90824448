/** One figure a section measured, with its target when the issue sets one. */
export interface Measurement {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** `min`: the value must be at least `value`; `max`: it must stay below. */
  target?: { kind: 'min' | 'max'; value: number };
  note?: string;
}

export function verdict(m: Measurement): 'PASS' | 'MISS' | '' {
  if (!m.target) return '';
  return m.target.kind === 'min' ? (m.value >= m.target.value ? 'PASS' : 'MISS') : m.value < m.target.value ? 'PASS' : 'MISS';
}

function formatValue(v: number, unit: string): string {
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

function formatTarget(m: Measurement): string {
  if (!m.target) return '';
  return `${m.target.kind === 'min' ? '≥' : '<'} ${formatValue(m.target.value, m.unit)}`;
}

/** A plain table: section, measurement, value, target, PASS/MISS. */
export function renderReport(measurements: readonly Measurement[]): string {
  const rows = [
    ['section', 'measurement', 'value', 'target', 'result'],
    ...measurements.map((m) => [m.section, m.name, formatValue(m.value, m.unit), formatTarget(m), verdict(m)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const notes = measurements.filter((m) => m.note).map((m) => `  ${m.section} / ${m.name}: ${m.note}`);
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
