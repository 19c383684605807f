import type { RadarReport, RadarReportFormat } from '../../shared/radar-contract';
import type { SaveOutcome } from '../../shared/import-export-contract';
import { radarReportCsv, radarReportJson } from '../../shared/radar-report-files';
import { AppFailure } from '../app-errors/app-failure';
import { writePrivateFile, type SaveDialog } from '../saved-files/saved-files';

const FILES: Record<RadarReportFormat, { extension: string; text: (report: RadarReport) => string }> = {
  json: { extension: 'json', text: radarReportJson },
  csv: { extension: 'csv', text: radarReportCsv },
};

/**
 * The last report scanned, kept in main so that saving it sends nothing back from the window;
 * saved through the save dialog with the atomic writer, owner-readable only (it names users and secrets).
 */
export function createReportSave(saveDialog: SaveDialog | undefined) {
  let last: RadarReport | null = null;
  return {
    remember(report: RadarReport): RadarReport {
      last = report;
      return report;
    },
    async save(format: RadarReportFormat): Promise<SaveOutcome> {
      if (!last) throw new AppFailure('radar.noReport');
      if (!saveDialog) throw new AppFailure('export.noSaveDialog');
      const file = FILES[format];
      const text = file.text(last);
      const stamp = last.generatedAt.slice(0, 16).replace(/[T:]/g, '-');
      const path = await saveDialog.choosePath({ title: 'Save the radar report', defaultName: `radar-${stamp}.${file.extension}`, extensions: [file.extension] });
      if (path === null) return { saved: false };
      await writePrivateFile(path, text);
      return { saved: true, path };
    },
  };
}
