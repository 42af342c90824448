import { ackSection } from './ack.section.ts';
import { caseCreationSection } from './case-creation.section.ts';
import { deadlinesSection } from './deadlines.section.ts';
import { fanOutSection } from './fan-out.section.ts';
import { filingSection } from './filing.section.ts';
import { historySection } from './history.section.ts';
import { ledgerImportSection } from './ledger-import.section.ts';
import { memorySection } from './memory.section.ts';
import { previewSection } from './preview.section.ts';
import type { BenchSection } from './section.ts';

/**
 * In order: ledger-import and preview use the partner the history section
 * builds; case creation runs after the deadlines section's million cases; ack
 * and filing (issue 10) load the started bot over HTTP and need nothing before;
 * memory and fan-out start the bot as a process of its own.
 */
export const sections: BenchSection[] = [historySection, ledgerImportSection, previewSection, deadlinesSection, caseCreationSection, ackSection, filingSection, memorySection, fanOutSection];
