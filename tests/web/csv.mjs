// csv.mjs - the dashboard's CSV export (web/src/api.js toCSV): RFC 4180
// quoting, and cells a spreadsheet would run as formulas neutralised with a
// leading apostrophe, numbers left alone. Run by tests/cli/cases/65_reliability.sh.
import { toCSV } from '../../web/src/api.js';

const rows = [{ a: '=HYPERLINK("http://x")', b: -2.5, c: '-2+3', d: '@SUM(A1)', e: 'RUS', f: '+1e3', g: '\tx', h: 'a,b' }];
const got = toCSV(rows, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
const want = 'a,b,c,d,e,f,g,h\n"\'=HYPERLINK(""http://x"")",-2.5,\'-2+3,\'@SUM(A1),RUS,+1e3,\'\tx,"a,b"\n';
if (got !== want) {
  console.error('toCSV:\n' + JSON.stringify(got) + '\nwant:\n' + JSON.stringify(want));
  process.exit(1);
}
