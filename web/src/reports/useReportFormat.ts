// Figures as the reports show them: kopecks as rubles, shares as percents, working time as
// "2 д 3 ч", compact axis labels ("1,2 млн"), all in the chosen language.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.ts';
import { formatWorkingMs } from './duration.ts';

export function useReportFormat() {
  const { i18n } = useTranslation();
  const fmt = useFormat();
  return useMemo(() => {
    const pct = new Intl.NumberFormat(fmt.locale, { style: 'percent', maximumFractionDigits: 1 });
    const int = new Intl.NumberFormat(fmt.locale, { maximumFractionDigits: 0 });
    const dec = new Intl.NumberFormat(fmt.locale, { maximumFractionDigits: 2 });
    const compact = new Intl.NumberFormat(fmt.locale, { notation: 'compact', maximumFractionDigits: 1 });
    return {
      ...fmt,
      lang: i18n.language,
      /** Kopecks as rubles with the currency sign. */
      rub: (kopecks: number | null | undefined) => (kopecks === null || kopecks === undefined ? '—' : fmt.rub(kopecks / 100)),
      /** Kopecks as a compact ruble figure for chart axes. */
      rubAxis: (kopecks: number) => compact.format(kopecks / 100),
      /** Kopecks as rubles, the number a spreadsheet gets. */
      rubles: (kopecks: number | null | undefined) => (kopecks === null || kopecks === undefined ? null : kopecks / 100),
      pct: (share: number | null | undefined) => (share === null || share === undefined ? '—' : pct.format(share)),
      int: (n: number | null | undefined) => (n === null || n === undefined ? '—' : int.format(n)),
      dec: (n: number | null | undefined) => (n === null || n === undefined ? '—' : dec.format(n)),
      dur: (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : formatWorkingMs(ms, i18n.language)),
    };
  }, [fmt, i18n.language]);
}
