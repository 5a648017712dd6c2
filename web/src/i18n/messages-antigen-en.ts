// Antigen self-tests: English. Spread into messages-en.ts.
import type { zhAntigen } from './messages-antigen-zh.ts';

export const enAntigen: Record<keyof typeof zhAntigen, string> = {
  'nav.antigen': 'Antigen self-test',
  'antigen.title': 'Report an antigen self-test',
  'antigen.hint': 'Choose a member of your household and report today’s antigen result. A positive result is confirmed by a PCR test the community arranges.',
  'antigen.search': 'Find by name',
  'antigen.last': 'Last report',
  'antigen.never': 'No report yet',
  'antigen.nobody': 'Nobody to report for',
  'antigen.sent': 'Reported the result of {name}',
  'antigen.positiveSent': 'Reported a positive result for {name}: a PCR confirmation task was created; please stay home for the door-to-door test',
};
