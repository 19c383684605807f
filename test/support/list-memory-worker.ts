// Runs the pull doctor's pod scan (the app's list path, default limits) against one API server on a
// thread of its own, whose heap is capped by the test and sampled here: what the scan holds at
// its peak is measured apart from the test runner and the server. Bundled by
// test/integration/cluster-list-limits.test.ts.
import { tmpdir } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { createExecCredentials } from '../../main/kube/exec-credentials';
import { kubeApi } from '../../main/kube/kube-api';
import { openKubeConnection } from '../../main/kube/kube-connection';
import { createPluginPath } from '../../main/plugin-path/plugin-path';
import { systemClock } from '../../main/logging/clock';
import { listPullFailures } from '../../main/pull-doctor/failing-pods';

export interface ScanOutcome {
  outcome: 'returned' | 'failed';
  /** The error's name and, for a limit, which one and its value. */
  error?: { name: string; limit?: string; resource?: string; value?: number };
  scanned?: number;
  /** Bytes of the largest heap seen, sampled every few milliseconds while the scan ran. */
  peakHeapBytes: number;
  /** Bytes used before the scan started. */
  baselineHeapBytes: number;
}

const { server } = workerData as { server: string };
const baseline = getHeapStatistics().used_heap_size;
let peak = baseline;
const sample = () => {
  peak = Math.max(peak, getHeapStatistics().used_heap_size);
};
const sampler = setInterval(sample, 2);

const execCredentials = createExecCredentials({ pluginPath: createPluginPath({ processPath: '', home: tmpdir() }), clock: systemClock });
const connection = openKubeConnection({ context: 'hostile', cluster: { name: 'hostile', file: 'memory', server, insecureSkipTlsVerify: false }, user: null }, execCredentials);

async function scan(): Promise<ScanOutcome> {
  try {
    const { scanned } = await listPullFailures(kubeApi(connection), null);
    return { outcome: 'returned', scanned, peakHeapBytes: peak, baselineHeapBytes: baseline };
  } catch (error) {
    const { name, limit, resource, value } = error as Error & { limit?: string; resource?: string; value?: number };
    return { outcome: 'failed', error: { name, limit, resource, value }, peakHeapBytes: peak, baselineHeapBytes: baseline };
  } finally {
    sample();
    clearInterval(sampler);
    connection.close();
  }
}

parentPort?.postMessage(await scan());
