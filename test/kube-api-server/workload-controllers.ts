// The controllers whose pod templates the fleet radar reads: apps/v1 StatefulSets, DaemonSets and
// ReplicaSets, batch/v1 Jobs and CronJobs (Deployments are in group-resources.ts). Each template
// gets the PodSpec defaults a real server writes (imagePullPolicy above all); the controllers
// themselves do not run, so no pods appear from them: tests seed the pods with owner references.
import { type Definition, groupType } from './group-resources';
import type { Json } from './patch';
import type { KubeObject, ResourceType } from './resources';
import { type FieldError, requiredValue } from './status';
import { containerProblems, defaultPodSpec, type PodSpec } from './workloads';

type Template = { metadata?: Json; spec?: PodSpec };
const record = (value: Json | undefined): Record<string, Json> => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});
const number = (value: Json | undefined): number => (typeof value === 'number' ? value : 0);

/** The pod template at `path` (`spec.template`, or `spec.jobTemplate.spec.template`). */
function templateAt(object: KubeObject, path: string[]): Template | undefined {
  let value: Json | undefined = object;
  for (const key of path) value = record(value)[key];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Template) : undefined;
}

function templateProblems(object: KubeObject, path: string[]): FieldError[] {
  const template = templateAt(object, path);
  if (!template?.spec) return [requiredValue(`${path.join('.')}.spec`)];
  return containerProblems(template.spec, `${path.join('.')}.spec`);
}

interface Controller {
  group: 'apps' | 'batch';
  plural: string;
  kind: string;
  shortNames: string[];
  template: string[];
  /** Spec defaults beside the template's (SetDefaults_<Kind>). */
  defaults: (spec: Record<string, Json>) => void;
  needsSelector: boolean;
  extraProblems?: (object: KubeObject) => FieldError[];
  columns: string[];
  cells: (object: KubeObject) => Json[];
}

function controllerType(controller: Controller): ResourceType {
  const definition: Definition = {
    group: controller.group,
    version: 'v1',
    plural: controller.plural,
    kind: controller.kind,
    shortNames: controller.shortNames,
    namespaced: true,
    fields: { spec: 'any', status: 'any' },
    strategies: Object.fromEntries(['containers', 'initContainers', 'volumes'].map((list) => [[...controller.template, 'spec', list].join('.'), { mergeKey: 'name' }])),
    statusSubresource: true,
    prepare: (object) => {
      const spec = record(object.spec);
      object.spec = spec;
      controller.defaults(spec);
      const template = templateAt(object, controller.template);
      if (template?.spec) defaultPodSpec(template.spec);
    },
    problems: (object) => [
      ...(controller.needsSelector && !record(object.spec).selector ? [requiredValue('spec.selector')] : []),
      ...(controller.extraProblems?.(object) ?? []),
      ...templateProblems(object, controller.template),
    ],
    columns: controller.columns.map((name) => ({ name, type: 'string', format: '', description: name })),
    cells: controller.cells,
  };
  return groupType(definition);
}

const statusOf = (object: KubeObject): Record<string, Json> => record(object.status);
const replicas = (object: KubeObject): number => (typeof record(object.spec).replicas === 'number' ? Number(record(object.spec).replicas) : 1);
const TEMPLATE = ['spec', 'template'];

export const statefulsets = controllerType({
  group: 'apps', plural: 'statefulsets', kind: 'StatefulSet', shortNames: ['sts'], template: TEMPLATE, needsSelector: true,
  defaults: (spec) => {
    spec.replicas ??= 1;
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.revisionHistoryLimit ??= 10;
  },
  columns: ['Ready'],
  cells: (object) => [`${number(statusOf(object).readyReplicas)}/${replicas(object)}`],
});

export const daemonsets = controllerType({
  group: 'apps', plural: 'daemonsets', kind: 'DaemonSet', shortNames: ['ds'], template: TEMPLATE, needsSelector: true,
  defaults: (spec) => {
    spec.revisionHistoryLimit ??= 10;
  },
  columns: ['Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector'],
  cells: (object) => {
    const status = statusOf(object);
    const selector = Object.entries(record(templateAt(object, TEMPLATE)?.spec?.nodeSelector)).map(([key, value]) => `${key}=${String(value)}`).join(',');
    return [number(status.desiredNumberScheduled), number(status.currentNumberScheduled), number(status.numberReady), number(status.updatedNumberScheduled), number(status.numberAvailable), selector || '<none>'];
  },
});

export const replicasets = controllerType({
  group: 'apps', plural: 'replicasets', kind: 'ReplicaSet', shortNames: ['rs'], template: TEMPLATE, needsSelector: true,
  defaults: (spec) => {
    spec.replicas ??= 1;
  },
  columns: ['Desired', 'Current', 'Ready'],
  cells: (object) => [replicas(object), number(statusOf(object).replicas), number(statusOf(object).readyReplicas)],
});

/** A Job's pods may not restart in place (validation of JobSpec). */
function jobRestartProblems(spec: PodSpec | undefined, path: string): FieldError[] {
  const policy = spec?.restartPolicy;
  if (policy === 'OnFailure' || policy === 'Never') return [];
  return [{ type: 'FieldValueNotSupported', field: `${path}.spec.restartPolicy`, body: `Unsupported value: ${JSON.stringify(policy ?? '')}: supported values: "OnFailure", "Never"` }];
}

const defaultJob = (spec: Record<string, Json>): void => {
  spec.backoffLimit ??= 6;
  spec.completions ??= 1;
  spec.parallelism ??= 1;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
};

export const jobs = controllerType({
  group: 'batch', plural: 'jobs', kind: 'Job', shortNames: [], template: TEMPLATE, needsSelector: false,
  defaults: defaultJob,
  extraProblems: (object) => jobRestartProblems(templateAt(object, TEMPLATE)?.spec, 'spec.template'),
  columns: ['Status', 'Completions', 'Duration'],
  cells: (object) => {
    const status = statusOf(object);
    const complete = number(status.succeeded) >= number(record(object.spec).completions);
    return [complete ? 'Complete' : 'Running', `${number(status.succeeded)}/${number(record(object.spec).completions)}`, ''];
  },
});

const JOB_TEMPLATE = ['spec', 'jobTemplate', 'spec', 'template'];

export const cronjobs = controllerType({
  group: 'batch', plural: 'cronjobs', kind: 'CronJob', shortNames: ['cj'], template: JOB_TEMPLATE, needsSelector: false,
  defaults: (spec) => {
    spec.concurrencyPolicy ??= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    const jobTemplate = record(spec.jobTemplate);
    spec.jobTemplate = jobTemplate;
    jobTemplate.spec = record(jobTemplate.spec);
    defaultJob(jobTemplate.spec);
  },
  extraProblems: (object) => [
    ...(typeof record(object.spec).schedule === 'string' && record(object.spec).schedule !== '' ? [] : [requiredValue('spec.schedule')]),
    ...jobRestartProblems(templateAt(object, JOB_TEMPLATE)?.spec, JOB_TEMPLATE.join('.')),
  ],
  columns: ['Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule'],
  cells: (object) => {
    const spec = record(object.spec);
    const active = Array.isArray(statusOf(object).active) ? (statusOf(object).active as Json[]).length : 0;
    return [String(spec.schedule ?? ''), typeof spec.timeZone === 'string' ? spec.timeZone : '<none>', spec.suspend === true ? 'True' : 'False', active, String(statusOf(object).lastScheduleTime ?? '<none>')];
  },
});

export const CONTROLLER_RESOURCES: ResourceType[] = [statefulsets, daemonsets, replicasets, jobs, cronjobs];
