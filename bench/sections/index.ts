import { historySection } from './history.section.ts';
import { ledgerImportSection } from './ledger-import.section.ts';
import { previewSection } from './preview.section.ts';
import type { BenchSection } from './section.ts';

/** In order: later sections use the partner the history section builds. Add new sections (cases, deadlines) here. */
export const sections: BenchSection[] = [historySection, ledgerImportSection, previewSection];
